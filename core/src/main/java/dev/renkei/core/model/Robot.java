package dev.renkei.core.model;

import dev.renkei.core.internal.Checks;
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

    /** Slots that are not tombstoned. */
    public List<AccountSlot> activeSlots() {
        return slots.stream().filter(s -> !s.tombstoned()).toList();
    }

    /** An active slot by id. */
    public Optional<AccountSlot> activeSlot(SlotId slotId) {
        return slots.stream().filter(s -> !s.tombstoned() && s.id().equals(slotId)).findFirst();
    }
}
