package dev.renkei.core.store;

import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.TenantId;
import java.time.Instant;
import java.util.Map;

/**
 * What the scheduler remembers per robot: a fingerprint of the schedule it last saw and the instant from which that
 * schedule counts. Windows before that instant are never run or reported missed, so a new robot or a changed
 * schedule only affects later windows.
 */
public interface ScheduleStore {
    /**
     * Records that a robot's schedule has the given fingerprint at {@code now}.
     *
     * @return the instant the current schedule counts from: {@code now} when the robot is new or its schedule
     *     changed, else the instant stored earlier (the first writer wins when several instances observe at once)
     */
    Instant observe(TenantId tenant, RobotId robot, String fingerprint, Instant now);

    /** A robot's recorded schedule: the fingerprint last observed and the instant it counts from. */
    record Recorded(String fingerprint, Instant effectiveFrom) {}

    /**
     * Every recorded schedule, in one read: the scheduler's pass calls {@link #observe} only for the robots whose
     * fingerprint is missing here or differs, instead of once per robot. The default (an empty map) keeps a store
     * of one's own correct, observing every robot one by one.
     */
    default Map<TenantId, Map<RobotId, Recorded>> recorded() {
        return Map.of();
    }
}
