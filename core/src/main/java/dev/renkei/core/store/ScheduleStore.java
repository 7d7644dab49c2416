package dev.renkei.core.store;

import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.TenantId;
import java.time.Instant;

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
}
