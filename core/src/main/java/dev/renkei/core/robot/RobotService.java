package dev.renkei.core.robot;

import dev.renkei.core.ConflictException;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.RobotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Manages robots and their slots for one host. Every call names its tenant; a robot of another tenant is reported
 * as not found and never changed. Concurrent edits of one robot are serialised by optimistic locking (each call
 * retries a few times on a lost update), so two "add slot" calls never get the same number.
 */
public final class RobotService {
    private static final int MAX_SLOTS_PER_MEDIUM = 999;
    private static final int CAS_RETRIES = 8;

    private final RobotStore store;

    /** A service over a robot store. */
    public RobotService(RobotStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Creates a robot with no slots. Linkage starts enabled.
     *
     * @throws ConflictException when the id is taken in the tenant
     */
    public Robot create(TenantId tenant, RobotId id, String name, AtsAccount ats, NotificationSettings notifications,
                        Schedule schedule) {
        return store.insert(new Robot(tenant, id, name, true, ats, List.of(), notifications, schedule, 0));
    }

    /**
     * Creates the robot, or brings an existing one in line: its name, ATS account, notifications and schedule are
     * set, its slots and linkage switch are kept. Host start-up code can call it on every start.
     */
    public Robot createOrUpdate(TenantId tenant, RobotId id, String name, AtsAccount ats,
                                NotificationSettings notifications, Schedule schedule) {
        Checks.notNull(ats, "ATS account");
        Checks.notNull(notifications, "notification settings");
        Checks.notNull(schedule, "schedule");
        for (int attempt = 0; attempt < CAS_RETRIES; attempt++) {
            if (store.find(tenant, id).isPresent()) {
                return edit(tenant, id, r -> r.withName(name).withAts(ats).withNotifications(notifications)
                        .withSchedule(schedule));
            }
            try {
                return create(tenant, id, name, ats, notifications, schedule);
            } catch (ConflictException e) {
                if (store.find(tenant, id).isEmpty()) {
                    throw e;
                }
                // another instance created the robot first: bring it in line on the next round
            }
        }
        throw new ConflictException("robot " + id + " keeps changing concurrently");
    }

    /**
     * The active slot of the medium that logs in with the credentials' login id gets these credentials (a changed
     * password is edited in place); without one, a slot is added. Host start-up code can call it on every start.
     *
     * @return the slot's id
     */
    public SlotId putSlot(TenantId tenant, RobotId id, String medium, Credentials credentials) {
        Checks.notNull(credentials, "credentials");
        Optional<AccountSlot> existing = get(tenant, id).activeSlots().stream()
                .filter(s -> s.medium().equals(medium) && s.credentials().loginId().equals(credentials.loginId()))
                .findFirst();
        if (existing.isEmpty()) {
            return addSlot(tenant, id, medium, credentials);
        }
        if (!existing.get().credentials().equals(credentials)) {
            changeCredentials(tenant, id, existing.get().id(), credentials);
        }
        return existing.get().id();
    }

    /** A robot of the tenant. @throws NotFoundException when it does not exist in the tenant */
    public Robot get(TenantId tenant, RobotId id) {
        return store.find(tenant, id).orElseThrow(() -> notFound(tenant, id));
    }

    /** The tenant's robots. */
    public List<Robot> list(TenantId tenant) {
        return store.list(tenant);
    }

    /** Renames a robot. */
    public Robot rename(TenantId tenant, RobotId id, String name) {
        return edit(tenant, id, r -> r.withName(name));
    }

    /** Points a robot at another ATS account (or changes its settings/credentials). */
    public Robot setAts(TenantId tenant, RobotId id, AtsAccount ats) {
        return edit(tenant, id, r -> r.withAts(ats));
    }

    /** Switches linkage on or off (off = no imports and no login checks). */
    public Robot setLinkage(TenantId tenant, RobotId id, boolean enabled) {
        return edit(tenant, id, r -> r.withLinkage(enabled));
    }

    /** Sets the run schedule. */
    public Robot setSchedule(TenantId tenant, RobotId id, Schedule schedule) {
        Checks.notNull(schedule, "schedule");
        return edit(tenant, id, r -> r.withSchedule(schedule));
    }

    /** Sets the result-mail recipients. */
    public Robot setNotifications(TenantId tenant, RobotId id, NotificationSettings notifications) {
        Checks.notNull(notifications, "notification settings");
        return edit(tenant, id, r -> r.withNotifications(notifications));
    }

    /**
     * Adds a slot for a medium with the next free number ({@code doda_001}, {@code doda_002}…). Numbers of
     * tombstoned slots are never reused.
     *
     * @return the new slot's id
     */
    public SlotId addSlot(TenantId tenant, RobotId id, String medium, Credentials credentials) {
        Checks.notNull(credentials, "credentials");
        SlotId[] created = new SlotId[1];
        edit(tenant, id, r -> {
            int next = r.slots().stream().filter(s -> s.medium().equals(medium))
                    .mapToInt(s -> s.id().number()).max().orElse(0) + 1;
            if (next > MAX_SLOTS_PER_MEDIUM) {
                throw new ValidationException("robot " + id + " has used all " + MAX_SLOTS_PER_MEDIUM
                        + " slot numbers for medium " + medium);
            }
            SlotId slotId = new SlotId(medium, next);
            created[0] = slotId;
            List<AccountSlot> slots = new ArrayList<>(r.slots());
            slots.add(new AccountSlot(slotId, credentials, false, null));
            return r.withSlots(slots);
        });
        return created[0];
    }

    /**
     * Changes a slot's credentials in place; the slot keeps its id (and the last verdict is cleared).
     *
     * @throws NotFoundException when the slot does not exist or is tombstoned
     */
    public Robot changeCredentials(TenantId tenant, RobotId id, SlotId slot, Credentials credentials) {
        Checks.notNull(credentials, "credentials");
        return editSlot(tenant, id, slot, s -> s.withCredentials(credentials));
    }

    /**
     * Tombstones a slot: it is hidden, never runs again, cannot be restored, and its number is never reused.
     *
     * @throws NotFoundException when the slot does not exist or is already tombstoned
     */
    public Robot deleteSlot(TenantId tenant, RobotId id, SlotId slot) {
        return editSlot(tenant, id, slot, AccountSlot::tombstone);
    }

    private Robot editSlot(TenantId tenant, RobotId id, SlotId slot, UnaryOperator<AccountSlot> change) {
        return edit(tenant, id, r -> {
            if (r.activeSlot(slot).isEmpty()) {
                throw new NotFoundException("slot " + slot + " not found on robot " + id
                        + " (it never existed or was deleted)");
            }
            List<AccountSlot> slots = r.slots().stream().map(s -> s.id().equals(slot) ? change.apply(s) : s).toList();
            return r.withSlots(slots);
        });
    }

    private Robot edit(TenantId tenant, RobotId id, UnaryOperator<Robot> change) {
        Checks.notNull(tenant, "tenant");
        Checks.notNull(id, "robot id");
        ConflictException last = null;
        for (int i = 0; i < CAS_RETRIES; i++) {
            Robot current = get(tenant, id);
            Robot changed = change.apply(current);
            try {
                return store.update(changed);
            } catch (ConflictException e) {
                last = e;
            }
        }
        throw last;
    }

    private static NotFoundException notFound(TenantId tenant, RobotId id) {
        return new NotFoundException("robot " + id + " not found in tenant " + tenant);
    }
}
