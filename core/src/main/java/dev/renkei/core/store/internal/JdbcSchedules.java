package dev.renkei.core.store.internal;

import dev.renkei.core.ConflictException;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.ScheduleStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The schedule each robot was last seen with, in {@code renkei_schedule_state}. Not API. */
public final class JdbcSchedules extends JdbcRepository implements ScheduleStore {
    /** The schedule state of a store. */
    public JdbcSchedules(JdbcContext ctx) {
        super(ctx);
    }

    @Override
    public Instant observe(TenantId tenant, RobotId robot, String fingerprint, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(robot, "robot id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(now, "now");
        return jdbc.autoCommit("observe the schedule of robot " + robot, c -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                Optional<Map.Entry<String, Instant>> current = Jdbc.queryOne(c, "SELECT fingerprint, effective_from "
                        + "FROM renkei_schedule_state WHERE tenant_id = ? AND robot_id = ?",
                        rs -> Map.entry(rs.getString(1), Jdbc.instant(rs, "effective_from")), tenant.value(),
                        robot.value());
                if (current.isPresent() && current.get().getKey().equals(fingerprint)) {
                    return current.get().getValue();
                }
                boolean written = current.isEmpty()
                        ? dialect.insertIfAbsent(c, "INSERT INTO renkei_schedule_state (tenant_id, robot_id, "
                                + "fingerprint, effective_from) VALUES (?, ?, ?, ?)", tenant.value(), robot.value(),
                                fingerprint, Jdbc.ts(now))
                        : Jdbc.update(c, "UPDATE renkei_schedule_state SET fingerprint = ?, effective_from = ? "
                                + "WHERE tenant_id = ? AND robot_id = ? AND fingerprint = ?", fingerprint,
                                Jdbc.ts(now), tenant.value(), robot.value(), current.get().getKey()) == 1;
                if (written) {
                    return now;
                }
            }
            throw new ConflictException("the schedule state of robot " + robot
                    + " keeps changing concurrently");
        });
    }

    @Override
    public Map<TenantId, Map<RobotId, Recorded>> recorded() {
        return jdbc.autoCommit("read the recorded schedules", c -> {
            Map<TenantId, Map<RobotId, Recorded>> out = new HashMap<>();
            Jdbc.query(c, "SELECT tenant_id, robot_id, fingerprint, effective_from FROM renkei_schedule_state",
                    rs -> out.computeIfAbsent(TenantId.of(rs.getString(1)), t -> new HashMap<>())
                            .put(RobotId.of(rs.getString(2)), new Recorded(rs.getString(3),
                                    Jdbc.instant(rs, "effective_from"))));
            return out;
        });
    }
}
