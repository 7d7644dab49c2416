package dev.renkei.core.store.internal;

import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.ScheduleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The schedule each robot was last seen with, in memory. Not API. */
public final class InMemorySchedules extends InMemoryRepository implements ScheduleStore {
    private final Map<String, Map.Entry<String, Instant>> scheduleState = new HashMap<>();
    private final Map<String, Map.Entry<TenantId, RobotId>> robots = new HashMap<>();

    /** The schedule state of a store, guarded by {@code lock}. */
    public InMemorySchedules(Object lock, Clock clock) {
        super(lock, clock);
    }

    @Override
    public Instant observe(TenantId tenant, RobotId robot, String fingerprint, Instant now) {
        synchronized (lock) {
            String key = InMemoryRobots.key(tenant, robot);
            Map.Entry<String, Instant> current = scheduleState.get(key);
            if (current != null && current.getKey().equals(fingerprint)) {
                return current.getValue();
            }
            scheduleState.put(key, Map.entry(fingerprint, now));
            robots.put(key, Map.entry(tenant, robot));
            return now;
        }
    }

    @Override
    public Map<TenantId, Map<RobotId, Recorded>> recorded() {
        synchronized (lock) {
            Map<TenantId, Map<RobotId, Recorded>> out = new HashMap<>();
            scheduleState.forEach((key, state) -> out.computeIfAbsent(robots.get(key).getKey(), t -> new HashMap<>())
                    .put(robots.get(key).getValue(), new Recorded(state.getKey(), state.getValue())));
            return out;
        }
    }
}
