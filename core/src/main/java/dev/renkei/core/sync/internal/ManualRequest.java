package dev.renkei.core.sync.internal;

import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A queued "run now". Not API.
 *
 * @param tenant the robot's tenant
 * @param robot the robot
 * @param at the run's window start (the request time, in milliseconds)
 * @param result completes with the finished run
 */
public record ManualRequest(TenantId tenant, RobotId robot, Instant at, CompletableFuture<SyncRun> result) {
    /** The same request one millisecond later, for when its millisecond was taken by another run of the robot. */
    public ManualRequest retryLater() {
        return new ManualRequest(tenant, robot, at.plusMillis(1), result);
    }
}
