package dev.renkei.core.store.internal;

import dev.renkei.core.model.SyncRun;
import dev.renkei.core.store.RenkeiStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The start of a run and the read of its robot with the robot's slots, in one statement on PostgreSQL. Not API.
 */
public final class JdbcRunStart extends JdbcRepository {
    /**
     * A row per slot (one with empty slot columns when the robot has none; none at all when the run did not start).
     * The run's columns come first, so the two names it shares with the robot's (tenant, robot) read the run's,
     * which are equal.
     */
    static final String SQL = "WITH u AS (" + JdbcRuns.START_SQL + " RETURNING " + JdbcRuns.RUN_COLUMNS + ") "
            + "SELECT u.*, r.robot_id AS robot_found, " + JdbcRobots.ROBOT_AND_SLOT_COLUMNS + " "
            + "FROM u LEFT JOIN renkei_robots r ON r.tenant_id = u.tenant_id AND r.robot_id = u.robot_id "
            + JdbcRobots.JOIN_SLOTS + " ORDER BY s.slot_position";

    private final JdbcRuns runs;
    private final JdbcRobots robots;

    /** Starts on the store's runs and robots. */
    public JdbcRunStart(JdbcContext ctx, JdbcRuns runs, JdbcRobots robots) {
        super(ctx);
        this.runs = runs;
        this.robots = robots;
    }

    /** One row: the run, and the robot and slot parts (null when the robot no longer exists). */
    private record Row(SyncRun run, Object[] robotAndSlot) {
        static Row read(ResultSet rs) throws SQLException {
            return new Row(JdbcRuns.read(rs),
                    rs.getString("robot_found") == null ? null : JdbcRobots.robotAndSlot(rs));
        }
    }

    /** See {@link RenkeiStore#startRun}. */
    public RenkeiStore.RunStart start(SyncRun claimed, String owner) {
        Objects.requireNonNull(claimed, "claimed run");
        Objects.requireNonNull(owner, "owner");
        String token = ExecutionTokens.next();
        return jdbc.autoCommit(() -> "start run " + claimed.id(), c -> {
            List<Row> rows = Jdbc.query(c, SQL, Row::read, runs.startParams(claimed.id(), owner, token));
            if (rows.isEmpty()) {
                throw JdbcRuns.notStarted(c, claimed.id());
            }
            Row first = rows.get(0);
            return new RenkeiStore.RunStart(token, first.run(), first.robotAndSlot() == null ? Optional.empty()
                    : robots.robotOf(rows.stream().map(Row::robotAndSlot).toList()));
        });
    }
}
