package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
import java.util.List;
import java.util.Optional;

/**
 * A robot: imports the applications of its job-board account slots into one ATS account on a schedule and mails
 * the result.
 *
 * @param tenant owning tenant
 * @param id id within the tenant
 * @param name display name (one line)
 * @param linkageEnabled off = no imports and no login checks
 * @param ats the ATS account it writes to
 * @param slots every slot ever added, tombstoned ones included (they keep their numbers)
 * @param notifications result-mail recipients
 * @param schedule run windows
 * @param version optimistic-locking version, 0 before the first save
 */
public record Robot(TenantId tenant, RobotId id, String name, boolean linkageEnabled, AtsAccount ats,
                   List<AccountSlot> slots, NotificationSettings notifications, Schedule schedule, long version) {
    /** Validates and copies. */
    public Robot {
        Checks.notNull(tenant, "tenant");
        Checks.notNull(id, "robot id");
        name = Checks.singleLine(Checks.notBlank(name, "robot name"), "robot name");
        if (name.length() > 200) {
            throw new dev.renkei.core.ValidationException("robot name is longer than 200 characters");
        }
        Checks.notNull(ats, "ATS account");
        slots = slots == null ? List.of() : List.copyOf(slots);
        Checks.notNull(notifications, "notification settings");
        Checks.notNull(schedule, "schedule");
        if (slots.stream().map(AccountSlot::id).distinct().count() != slots.size()) {
            throw new dev.renkei.core.ValidationException("robot " + id + " has two slots with the same id");
        }
    }

    /** A copy with another name. */
    public Robot withName(String newName) {
        return new Robot(tenant, id, newName, linkageEnabled, ats, slots, notifications, schedule, version);
    }

    /** A copy with linkage switched on or off. */
    public Robot withLinkage(boolean enabled) {
        return new Robot(tenant, id, name, enabled, ats, slots, notifications, schedule, version);
    }

    /** A copy that writes to another ATS account. */
    public Robot withAts(AtsAccount newAts) {
        return new Robot(tenant, id, name, linkageEnabled, newAts, slots, notifications, schedule, version);
    }

    /** A copy with other slots. */
    public Robot withSlots(List<AccountSlot> newSlots) {
        return new Robot(tenant, id, name, linkageEnabled, ats, newSlots, notifications, schedule, version);
    }

    /** A copy with other result-mail recipients. */
    public Robot withNotifications(NotificationSettings newNotifications) {
        return new Robot(tenant, id, name, linkageEnabled, ats, slots, newNotifications, schedule, version);
    }

    /** A copy with another schedule. */
    public Robot withSchedule(Schedule newSchedule) {
        return new Robot(tenant, id, name, linkageEnabled, ats, slots, notifications, newSchedule, version);
    }

    /** A copy with another optimistic-locking version. */
    public Robot withVersion(long newVersion) {
        return new Robot(tenant, id, name, linkageEnabled, ats, slots, notifications, schedule, newVersion);
    }

    /** Slots that are not tombstoned. */
    public List<AccountSlot> activeSlots() {
        return slots.stream().filter(s -> !s.tombstoned()).toList();
    }

    /** An active slot by id. */
    public Optional<AccountSlot> activeSlot(SlotId slotId) {
        return slots.stream().filter(s -> !s.tombstoned() && s.id().equals(slotId)).findFirst();
    }
}
