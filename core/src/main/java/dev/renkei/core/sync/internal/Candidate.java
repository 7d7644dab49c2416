package dev.renkei.core.sync.internal;

import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.TenantId;
import java.time.Instant;

/**
 * A due run waiting to be claimed. Not API.
 *
 * @param tenant the robot's tenant
 * @param robot the robot
 * @param trigger scheduled or manual
 * @param windowStart the window it runs for
 * @param request the manual request it answers, or {@code null} for a scheduled window
 */
public record Candidate(TenantId tenant, RobotId robot, RunTrigger trigger, Instant windowStart,
                        ManualRequest request) {}
