package dev.renkei.core.store.internal;

import dev.renkei.core.internal.Keys;
import dev.renkei.core.ConflictException;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.RobotStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Robots in memory. Not API. */
public final class InMemoryRobots extends InMemoryRepository implements RobotStore {
    private final Map<String, Robot> robots = new LinkedHashMap<>();

    /** The robots of a store, guarded by {@code lock}. */
    public InMemoryRobots(Object lock, Clock clock) {
        super(lock, clock);
    }

    /** The key of a robot within the store. */
    static String key(TenantId t, RobotId r) {
        return Keys.of(t.value(), r.value());
    }

    @Override
    public Robot insert(Robot robot) {
        synchronized (lock) {
            if (robot.version() != 0) {
                throw new IllegalArgumentException("a new robot must have version 0, got " + robot.version());
            }
            String k = key(robot.tenant(), robot.id());
            if (robots.containsKey(k)) {
                throw new ConflictException("robot " + robot.id() + " already exists in tenant " + robot.tenant());
            }
            Robot saved = robot.withVersion(1);
            robots.put(k, saved);
            return saved;
        }
    }

    @Override
    public Robot update(Robot robot) {
        synchronized (lock) {
            String k = key(robot.tenant(), robot.id());
            Robot current = robots.get(k);
            if (current == null) {
                throw new NotFoundException("robot " + robot.id() + " not found in tenant " + robot.tenant());
            }
            if (current.version() != robot.version()) {
                throw new ConflictException("robot " + robot.id() + " was changed concurrently "
                        + "(expected version " + robot.version() + ", found " + current.version() + ")");
            }
            // slots are never deleted and a tombstone is never undone
            List<AccountSlot> slots = SlotMerge.merge(robot.slots(), current.slots());
            Robot saved = robot.withSlots(slots).withVersion(robot.version() + 1);
            robots.put(k, saved);
            return saved;
        }
    }

    @Override
    public Optional<Robot> find(TenantId tenant, RobotId id) {
        synchronized (lock) {
            return Optional.ofNullable(robots.get(key(tenant, id)));
        }
    }

    @Override
    public List<Robot> list(TenantId tenant) {
        synchronized (lock) {
            return robots.values().stream().filter(r -> r.tenant().equals(tenant))
                    .sorted(Comparator.comparing(r -> r.id().value())).toList();
        }
    }

    @Override
    public List<Robot> listAll() {
        synchronized (lock) {
            return robots.values().stream()
                    .sorted(Comparator.comparing((Robot r) -> r.tenant().value()).thenComparing(r -> r.id().value()))
                    .toList();
        }
    }

    @Override
    public void saveVerdict(TenantId tenant, RobotId robot, SlotId slot, LoginVerdict verdict) {
        synchronized (lock) {
            String k = key(tenant, robot);
            Robot r = robots.get(k);
            if (r == null) {
                throw new NotFoundException("robot " + robot + " not found in tenant " + tenant);
            }
            if (r.slots().stream().noneMatch(s -> s.id().equals(slot))) {
                throw new NotFoundException("slot " + slot + " not found on robot " + robot);
            }
            List<AccountSlot> slots = r.slots().stream()
                    .map(s -> s.id().equals(slot) ? s.withVerdict(verdict) : s).toList();
            robots.put(k, r.withSlots(slots));
        }
    }
}
