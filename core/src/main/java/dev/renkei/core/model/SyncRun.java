package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
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
 * @param heartbeatAt the last heartbeat of a running run (store clock), or {@code null}
 * @param finishedAt when it finished, or {@code null}
 * @param result the result once finished, or {@code null}
 */
public record SyncRun(RunId id, TenantId tenant, RobotId robot, RunTrigger trigger, Instant windowStart,
                      RunStatus status, String owner, Instant startedAt, Instant heartbeatAt, Instant finishedAt,
                      SyncResult result) {
    /** Validates. */
    public SyncRun {
        Checks.notNull(id, "run id");
        Checks.notNull(tenant, "tenant");
        Checks.notNull(robot, "robot");
        Checks.notNull(trigger, "trigger");
        Checks.notNull(windowStart, "window start");
        Checks.notNull(status, "status");
    }

    /** A new queued run. */
    public static SyncRun queued(TenantId tenant, RobotId robot, RunTrigger trigger, Instant windowStart) {
        return new SyncRun(RunId.random(), tenant, robot, trigger, windowStart, RunStatus.QUEUED, null, null, null,
                null, null);
    }

    /** A running copy held by {@code newOwner}: no finish time and no result yet. */
    public SyncRun running(String newOwner, Instant started, Instant heartbeat) {
        return new SyncRun(id, tenant, robot, trigger, windowStart, RunStatus.RUNNING, newOwner, started, heartbeat,
                null, null);
    }

    /** A copy with another heartbeat. */
    public SyncRun withHeartbeat(Instant heartbeat) {
        return new SyncRun(id, tenant, robot, trigger, windowStart, status, owner, startedAt, heartbeat, finishedAt,
                result);
    }

    /** A finished copy. */
    public SyncRun finished(RunStatus finalStatus, Instant at, SyncResult finalResult) {
        return new SyncRun(id, tenant, robot, trigger, windowStart, finalStatus, owner, startedAt, heartbeatAt, at,
                finalResult);
    }

    /** Start delay: actual start − window start. */
    public Optional<Duration> startDelay() {
        return Optional.ofNullable(startedAt).map(s -> Duration.between(windowStart, s));
    }
}
