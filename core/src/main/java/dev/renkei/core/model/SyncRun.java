package dev.renkei.core.model;

import dev.renkei.core.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One execution of one robot.
 *
 * @param id run id
 * @param tenant tenant
 * @param robot robot
 * @param trigger scheduled or manual
 * @param windowStart the schedule window (or the request time of a manual run); unique per robot
 * @param status current state
 * @param owner the instance running it, or {@code null}
 * @param startedAt when work started, or {@code null} while queued
 * @param finishedAt when it finished, or {@code null}
 * @param result the result once finished, or {@code null}
 */
public record SyncRun(RunId id, TenantId tenant, RobotId robot, RunTrigger trigger, Instant windowStart,
                      RunStatus status, String owner, Instant startedAt, Instant finishedAt, SyncResult result) {
    /** Validates. */
    public SyncRun {
        Checks.notNull(id, "run id");
        Checks.notNull(tenant, "tenant");
        Checks.notNull(robot, "robot");
        Checks.notNull(trigger, "trigger");
        Checks.notNull(windowStart, "window start");
        Checks.notNull(status, "status");
    }

    /** Start delay: actual start − window start. */
    public Optional<Duration> startDelay() {
        return Optional.ofNullable(startedAt).map(s -> Duration.between(windowStart, s));
    }
}
