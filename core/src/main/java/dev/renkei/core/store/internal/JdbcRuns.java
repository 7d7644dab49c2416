package dev.renkei.core.store.internal;

import dev.renkei.core.ConflictException;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.store.RunStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs in {@code renkei_runs} (and their errors in {@code renkei_run_errors}). Every write of an execution is
 * conditional on its execution token, so a stale executor's write is refused. Not API.
 */
public final class JdbcRuns extends JdbcRepository implements RunStore {
    static final String RUN_COLUMNS = "run_id, tenant_id, robot_id, run_trigger, window_start, status, "
            + "owner, started_at, heartbeat_at, finished_at, result";
    private static final String FINAL_STATES = Arrays.stream(RunStatus.values()).filter(RunStatus::isFinal)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    /**
     * One run of one tenant, found by its primary key. The tenant is compared in a form no index matches: on a
     * table without statistics yet (a fresh database filling up), PostgreSQL's cached generic plan took the window
     * constraint's index, whose first column is the tenant, over the primary key and read every run of the tenant
     * on each finish (1,500 buffers per statement at 4,000 runs).
     */
    private static final String RUN_OF_TENANT = "run_id = ? AND tenant_id || '' = ?";

    private final JdbcOutbox outbox;

    /** The runs of a store; a finished run enqueues its mails in {@code outbox} in the same transaction. */
    public JdbcRuns(JdbcContext ctx, JdbcOutbox outbox) {
        super(ctx);
        this.outbox = outbox;
    }

    @Override
    public boolean claim(SyncRun run) {
        Objects.requireNonNull(run, "run");
        return jdbc.autoCommit("claim the window of run " + run.id(), c -> dialect.insertIfAbsent(c,
                "INSERT INTO renkei_runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                claimParams(c, run)));
    }

    /**
     * The parameters of {@link #claimIfIdle}'s insert: as {@link #claimParams}, but an unfinished run without a
     * heartbeat gets the store's clock in the statement itself, {@code COALESCE(override, CASE WHEN unfinished THEN
     * CURRENT_TIMESTAMP END)}, so a claim on the database's clock costs no round trip of its own to read it.
     */
    private Object[] claimStampingParams(SyncRun run) {
        boolean stamp = stampsHeartbeat(run);
        return runParams(run, stamp ? ctx.overriddenNow() : Jdbc.ts(run.heartbeatAt()), stamp);
    }

    private Object[] claimParams(Connection c, SyncRun run) throws SQLException {
        return runParams(run, Jdbc.ts(stampsHeartbeat(run) ? now(c) : run.heartbeatAt()));
    }

    /** A claimed run beats from its claim on, unless it came with a heartbeat or is already final. */
    private static boolean stampsHeartbeat(SyncRun run) {
        return run.heartbeatAt() == null && !run.status().isFinal();
    }

    /**
     * A run's values in {@link #RUN_COLUMNS} order, with {@code heartbeat} (one parameter, or the two of
     * {@link #claimIfIdle}'s expression) in {@code heartbeat_at}'s place.
     */
    private static Object[] runParams(SyncRun run, Object... heartbeat) {
        List<Object> params = new ArrayList<>(List.of(run.id().value(), run.tenant().value(), run.robot().value(),
                run.trigger().name(), run.windowStart(), run.status().name(), Jdbc.str(run.owner()),
                Jdbc.ts(run.startedAt())));
        params.addAll(Arrays.asList(heartbeat));
        params.add(Jdbc.ts(run.finishedAt()));
        params.add(Jdbc.str(run.result() == null ? null : StoreJson.result(run.result())));
        return params.toArray();
    }

    /**
     * One statement on PostgreSQL: the robot's latest runs are read and the window inserted only when none of
     * another window is unfinished, in one snapshot. On H2 the interface's read, then claim.
     */
    @Override
    public ClaimOutcome claimIfIdle(SyncRun run) {
        Objects.requireNonNull(run, "run");
        if (dialect != Dialect.POSTGRESQL) {
            return RunStore.super.claimIfIdle(run);
        }
        return jdbc.autoCommit(() -> "claim the window of run " + run.id(), c -> {
            int[] insertedTakenBusy = Jdbc.queryOne(c, "WITH recent AS (SELECT status, window_start FROM renkei_runs "
                    + "WHERE tenant_id = ? AND robot_id = ? ORDER BY window_start DESC LIMIT " + RECENT_RUNS + "), "
                    + "taken AS (SELECT 1 FROM recent WHERE window_start = ?), "
                    + "busy AS (SELECT 1 FROM recent WHERE status NOT IN " + FINAL_STATES + " AND window_start <> ?), "
                    + "ins AS (INSERT INTO renkei_runs (" + RUN_COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "COALESCE(?, CASE WHEN ? THEN CURRENT_TIMESTAMP END), ?, ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM taken) AND NOT EXISTS (SELECT 1 FROM busy) "
                    + "ON CONFLICT DO NOTHING RETURNING 1) "
                    + "SELECT (SELECT COUNT(*) FROM ins), (SELECT COUNT(*) FROM taken), (SELECT COUNT(*) FROM busy)",
                    rs -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)},
                    Jdbc.append(new Object[] {run.tenant().value(), run.robot().value(), run.windowStart(),
                        run.windowStart()}, claimStampingParams(run))).orElseThrow();
            if (insertedTakenBusy[0] == 1) {
                return ClaimOutcome.CLAIMED;
            }
            return insertedTakenBusy[1] == 0 && insertedTakenBusy[2] > 0 ? ClaimOutcome.ROBOT_BUSY
                    : ClaimOutcome.WINDOW_TAKEN;
        });
    }

    @Override
    public String start(RunId id, String owner) {
        return begin(id, owner, false).execution();
    }

    /** One statement on PostgreSQL (the update returns the row); on H2 the interface's start, then a read. */
    @Override
    public Started startAndRead(RunId id, String owner) {
        return dialect == Dialect.POSTGRESQL ? begin(id, owner, true) : RunStore.super.startAndRead(id, owner);
    }

    /** Starts the run; with {@code returning} (PostgreSQL only) the stored run comes back too, else null. */
    private Started begin(RunId id, String owner, boolean returning) {
        Objects.requireNonNull(id, "run id");
        Objects.requireNonNull(owner, "owner");
        String token = ExecutionTokens.next();
        SyncRun started = jdbc.autoCommit(() -> "start run " + id, c -> {
            Object[] params = startParams(id, owner, token);
            Optional<SyncRun> row = Optional.empty();
            int n;
            if (returning) {
                row = Jdbc.queryOne(c, START_SQL + " RETURNING " + RUN_COLUMNS, JdbcRuns::read, params);
                n = row.isPresent() ? 1 : 0;
            } else {
                n = Jdbc.update(c, START_SQL, params);
            }
            if (n == 0) {
                throw notStarted(c, id);
            }
            return row.orElse(null);
        });
        return new Started(token, started);
    }

    /**
     * The start of a run that is unfinished and held by no execution: {@link #startParams} binds it. Stamped with the
     * clock override, or (when that is NULL) the database's clock in the statement itself: no round trip to read it.
     */
    static final String START_SQL = "UPDATE renkei_runs SET status = ?, owner = ?, execution = ?, "
            + "started_at = COALESCE(started_at, ?, CURRENT_TIMESTAMP), heartbeat_at = COALESCE(?, CURRENT_TIMESTAMP), "
            + "finished_at = NULL, result = NULL "
            + "WHERE run_id = ? AND status NOT IN " + FINAL_STATES + " AND execution IS NULL "
            + "AND (owner IS NULL OR owner = ?)";

    /** The parameters of {@link #START_SQL}: the clock override's time, or NULL for the database's clock. */
    Object[] startParams(RunId id, String owner, String token) {
        Object now = ctx.overriddenNow();
        return new Object[] {RunStatus.RUNNING.name(), owner, token, now, now, id.value(), owner};
    }

    /** Why {@link #START_SQL} changed no row: the run is finished, held by another execution, or absent. */
    static RuntimeException notStarted(Connection c, RunId id) throws SQLException {
        Optional<String[]> held = Jdbc.queryOne(c, "SELECT status, owner FROM renkei_runs WHERE run_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, id.value());
        if (held.isEmpty()) {
            return new NotFoundException("run " + id + " not found");
        }
        return new ConflictException("run " + id + " cannot start: it is "
                + (RunStatus.valueOf(held.get()[0]).isFinal() ? "already " + held.get()[0]
                : "held by " + (held.get()[1] == null ? "another execution" : held.get()[1])));
    }

    @Override
    public boolean heartbeat(RunId id, String execution) {
        Objects.requireNonNull(id, "run id");
        Objects.requireNonNull(execution, "execution");
        return jdbc.autoCommit("heartbeat run " + id, c -> Jdbc.update(c, "UPDATE renkei_runs "
                + "SET heartbeat_at = ? WHERE run_id = ? AND status = ? AND execution = ?",
                Jdbc.ts(now(c)), id.value(), RunStatus.RUNNING.name(), execution) == 1);
    }

    @Override
    public boolean isLive(RunId id, String execution, Instant heartbeatSince) {
        Objects.requireNonNull(id, "run id");
        if (execution == null) {
            return false;
        }
        return jdbc.autoCommit("check the execution of run " + id, c -> Jdbc.queryOne(c, "SELECT 1 FROM "
                + "renkei_runs WHERE run_id = ? AND status = ? AND execution = ?"
                + (heartbeatSince == null ? "" : " AND heartbeat_at >= ?"), rs -> 1,
                heartbeatSince == null ? new Object[] {id.value(), RunStatus.RUNNING.name(), execution}
                        : new Object[] {id.value(), RunStatus.RUNNING.name(), execution, heartbeatSince})
                .isPresent());
    }

    @Override
    public boolean finish(SyncRun finished, List<OutboxMail> mails, String execution) {
        Objects.requireNonNull(execution, "execution");
        return finishIf(finished, mails, "execution = ?", execution);
    }

    @Override
    public boolean finish(SyncRun finished, List<OutboxMail> mails) {
        return finishIf(finished, mails, "execution IS NULL");
    }

    /** The finishing update, with {@code fence} as the condition on the execution column. */
    static String finishSql(String fence) {
        return "UPDATE renkei_runs SET status = ?, owner = ?, started_at = ?, heartbeat_at = ?, finished_at = ?, "
                + "result = ?, execution = NULL WHERE " + RUN_OF_TENANT + " AND status NOT IN " + FINAL_STATES
                + " AND " + fence;
    }

    /** Finishes the run if it is unfinished and {@code fence}, a condition on its execution column, holds. */
    private boolean finishIf(SyncRun finished, List<OutboxMail> mails, String fence, Object... fenceParams) {
        Objects.requireNonNull(finished, "finished run");
        Objects.requireNonNull(mails, "mails");
        if (!finished.status().isFinal()) {
            throw new IllegalArgumentException("run " + finished.id() + " cannot finish with status "
                    + finished.status() + ": use a final status");
        }
        String result = finished.result() == null ? null : StoreJson.result(finished.result());
        Jdbc.Work<Boolean> work = c -> {
            int n = Jdbc.update(c, finishSql(fence),
                    Jdbc.append(new Object[] {finished.status().name(), Jdbc.str(finished.owner()),
                            Jdbc.ts(finished.startedAt()), Jdbc.ts(finished.heartbeatAt()),
                            Jdbc.ts(finished.finishedAt()), Jdbc.str(result), finished.id().value(),
                            finished.tenant().value()}, fenceParams));
            if (n == 0) {
                boolean exists = Jdbc.queryOne(c, "SELECT 1 FROM renkei_runs WHERE " + RUN_OF_TENANT,
                        rs -> 1, finished.id().value(), finished.tenant().value()).isPresent();
                if (!exists) {
                    throw new NotFoundException("run " + finished.id() + " not found in tenant "
                            + finished.tenant());
                }
                return false;
            }
            if (finished.result() != null) {
                List<SyncError> errors = finished.result().errors();
                for (int i = 0; i < errors.size(); i++) {
                    SyncError e = errors.get(i);
                    Jdbc.update(c, "INSERT INTO renkei_run_errors (run_id, seq, tenant_id, error_code, "
                                    + "classification, error_where, board_application_id, message, detail) "
                                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            finished.id().value(), i, finished.tenant().value(), e.code().name(),
                            e.classification().name(), e.where(), Jdbc.str(e.boardApplicationId()), e.message(),
                            Jdbc.str(e.detail()));
                }
            }
            for (OutboxMail m : mails) {
                outbox.insert(c, m);
            }
            return true;
        };
        // a run without errors or mails is one row written by one statement: no transaction around it
        boolean oneWrite = mails.isEmpty() && (finished.result() == null || finished.result().errors().isEmpty());
        String what = "finish run " + finished.id();
        return oneWrite ? jdbc.autoCommit(what, work) : jdbc.inTransaction(what, work);
    }

    @Override
    public Optional<SyncRun> find(RunId id) {
        Objects.requireNonNull(id, "run id");
        return jdbc.autoCommit("read run " + id, c -> Jdbc.queryOne(c,
                "SELECT " + RUN_COLUMNS + " FROM renkei_runs WHERE run_id = ?", JdbcRuns::read, id.value()));
    }

    @Override
    public Optional<SyncRun> find(TenantId tenant, RunId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "run id");
        return jdbc.autoCommit("read run " + id, c -> Jdbc.queryOne(c, "SELECT " + RUN_COLUMNS
                + " FROM renkei_runs WHERE " + RUN_OF_TENANT, JdbcRuns::read, id.value(), tenant.value()));
    }

    @Override
    public List<SyncRun> list(TenantId tenant, RobotId robot, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(robot, "robot id");
        if (limit < 0) {
            throw new IllegalArgumentException("run list limit must not be negative, got " + limit);
        }
        return jdbc.autoCommit("list the runs of robot " + robot, c -> Jdbc.query(c, "SELECT " + RUN_COLUMNS
                + " FROM renkei_runs WHERE tenant_id = ? AND robot_id = ? ORDER BY window_start DESC LIMIT ?",
                JdbcRuns::read, tenant.value(), robot.value(), limit));
    }

    @Override
    public List<SyncRun> listByWindow(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return jdbc.autoCommit("list runs by window", c -> Jdbc.query(c, "SELECT " + RUN_COLUMNS
                + " FROM renkei_runs WHERE window_start >= ? AND window_start <= ? ORDER BY window_start, run_id",
                JdbcRuns::read, Jdbc.ts(from), Jdbc.ts(to)));
    }

    /** The three key columns only: no result parsed. */
    @Override
    public List<ClaimedWindow> claimedWindows(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return jdbc.autoCommit("list claimed windows", c -> Jdbc.query(c, "SELECT tenant_id, robot_id, window_start "
                + "FROM renkei_runs WHERE window_start >= ? AND window_start <= ?",
                rs -> new ClaimedWindow(TenantId.of(rs.getString(1)), RobotId.of(rs.getString(2)),
                        Jdbc.instant(rs, "window_start")), Jdbc.ts(from), Jdbc.ts(to)));
    }

    @Override
    public List<SyncRun> listStale(Instant before) {
        Objects.requireNonNull(before, "before");
        return jdbc.autoCommit("list stale runs", c -> Jdbc.query(c, "SELECT " + RUN_COLUMNS
                + " FROM renkei_runs WHERE status IN (?, ?) AND (heartbeat_at IS NULL OR heartbeat_at < ?) "
                + "ORDER BY window_start, run_id", JdbcRuns::read, RunStatus.QUEUED.name(), RunStatus.RUNNING.name(),
                Jdbc.ts(before)));
    }

    @Override
    public boolean takeOver(SyncRun stale, String newOwner, Instant before) {
        Objects.requireNonNull(stale, "stale run");
        Objects.requireNonNull(newOwner, "owner");
        RunId id = stale.id();
        return jdbc.autoCommit("take over run " + id, c -> Jdbc.update(c, "UPDATE renkei_runs SET status = ?, "
                + "owner = ?, heartbeat_at = ?, execution = NULL WHERE run_id = ? AND status IN (?, ?) "
                + "AND (heartbeat_at IS NULL OR heartbeat_at < ?) AND owner IS NOT DISTINCT FROM ? "
                + "AND heartbeat_at IS NOT DISTINCT FROM ?", RunStatus.RUNNING.name(), newOwner, Jdbc.ts(now(c)),
                id.value(), RunStatus.QUEUED.name(), RunStatus.RUNNING.name(), Jdbc.ts(before),
                Jdbc.str(stale.owner()), Jdbc.ts(stale.heartbeatAt())) == 1);
    }

    @Override
    public void release(RunId id, String owner) {
        Objects.requireNonNull(id, "run id");
        jdbc.autoCommit("hand back run " + id, c -> Jdbc.update(c, "UPDATE renkei_runs SET heartbeat_at = NULL, "
                + "execution = NULL WHERE run_id = ? AND owner = ? AND status NOT IN " + FINAL_STATES, id.value(), Jdbc.str(owner)));
    }

    static SyncRun read(ResultSet rs) throws SQLException {
        String result = rs.getString("result");
        return new SyncRun(new RunId(rs.getString("run_id")), TenantId.of(rs.getString("tenant_id")),
                RobotId.of(rs.getString("robot_id")), RunTrigger.valueOf(rs.getString("run_trigger")),
                Jdbc.instant(rs, "window_start"), RunStatus.valueOf(rs.getString("status")),
                rs.getString("owner"), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "heartbeat_at"),
                Jdbc.instant(rs, "finished_at"), result == null ? null : StoreJson.result(result));
    }
}
