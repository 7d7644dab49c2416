package dev.renkei.core.store;

import dev.renkei.core.ConcurrentModificationException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.StoreException;
import dev.renkei.core.ValidationException;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.internal.Dialect;
import dev.renkei.core.store.internal.ExecutionTokens;
import dev.renkei.core.store.internal.DriverManagerDataSource;
import dev.renkei.core.store.internal.Jdbc;
import dev.renkei.core.store.internal.Migrator;
import dev.renkei.core.store.internal.SlotMerge;
import dev.renkei.core.store.internal.StoreJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The store on a relational database through JDBC: H2 2.x (the embedded default) or PostgreSQL. Passes the same
 * contract suite as {@link InMemoryStore}.
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder()
 *         .dataSource(hostPool)                          // the host's pooled DataSource
 *         .cipher(SecretCipher.of("k1", keyFromVault))   // seals every credential at rest
 *         .build();
 * store.migrate();                                       // opt-in; or run the scripts with Flyway/Liquibase
 * }</pre>
 *
 * <p><b>Schema.</b> Versioned SQL scripts ship in the jar under {@code dev/renkei/core/store/migration/}, named the
 * Flyway way ({@code V1__robots_runs_ledger_outbox.sql}; a script under {@code migration/h2/} or
 * {@code migration/postgresql/} replaces the common one for that database). {@link #migrate()} applies the missing
 * ones and records them in {@code renkei_schema_version}; it is idempotent and safe when several instances call it
 * at once. Hosts that manage their schema with Flyway or Liquibase may instead copy the scripts into their own
 * migrations and never call {@link #migrate()}. All tables are prefixed {@code renkei_}.
 *
 * <p><b>Secrets.</b> Slot credentials and the ATS account's credentials are stored only as a whole JSON document
 * sealed by the {@link SecretCipher} (AES-GCM), bound to the tenant, robot and slot it belongs to; no secret sits in
 * a plain column. Reading a value sealed under a key id the cipher lacks fails with a {@link StoreException} that
 * names the record and the key id.
 *
 * <p><b>Time.</b> Instants are stored as {@code TIMESTAMP WITH TIME ZONE} in UTC with microsecond precision;
 * heartbeats, ledger changes and {@link #now()} use the database's clock.
 *
 * <p><b>Connections.</b> Each call borrows one connection from the data source and returns it before returning,
 * and never borrows a second one while it holds the first, so everything works on a pool of a single connection;
 * the connection's autocommit flag is restored. Every statement has a timeout ({@link Builder#queryTimeout}). Use a pooled data source in production; {@link Builder#url} opens a
 * new connection per call and suits demos, tests and an embedded H2 file.
 */
public final class JdbcStore implements RenkeiStore {
    private static final String FINAL_STATES = Arrays.stream(RunStatus.values()).filter(RunStatus::isFinal)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    private static final Comparator<Robot> BY_TENANT_AND_ID = Comparator.comparing((Robot r) -> r.tenant().value())
            .thenComparing(r -> r.id().value());

    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final Dialect dialect;
    private final SecretCipher cipher;

    private final RobotStore robotStore = new Robots();
    private final RunStore runStore = new Runs();
    private final ImportLedger importLedger = new Ledger();
    private final WatermarkStore watermarkStore = new Watermarks();
    private final MailOutbox mailOutbox = new Outbox();
    private final ScheduleStore scheduleStore = new Schedules();
    private final Clock clockOverride;

    /** The default timeout of each SQL statement (30 s). */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Jdbc.DEFAULT_QUERY_TIMEOUT;

    private JdbcStore(DataSource dataSource, SecretCipher cipher, Clock clockOverride, Duration queryTimeout) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource, queryTimeout);
        this.cipher = cipher;
        this.dialect = jdbc.autoCommit("detect the database", Dialect::detect);
        this.clockOverride = clockOverride;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates or upgrades the Renkei tables: applies every shipped migration not yet recorded in
     * {@code renkei_schema_version}. Idempotent; concurrent calls from several instances are serialised (an advisory
     * lock on PostgreSQL, the version table's primary key as a backstop).
     *
     * @return the versions applied by this call; empty when the schema was already current
     * @throws StoreException when a script fails or an applied script was changed
     */
    public List<Integer> migrate() {
        return new Migrator(jdbc, dialect).migrate();
    }

    /** The database this store talks to: {@code H2} or {@code POSTGRESQL}. */
    public String databaseKind() {
        return dialect.name();
    }

    @Override
    public RobotStore robots() {
        return robotStore;
    }

    @Override
    public RunStore runs() {
        return runStore;
    }

    @Override
    public ImportLedger ledger() {
        return importLedger;
    }

    @Override
    public WatermarkStore watermarks() {
        return watermarkStore;
    }

    @Override
    public MailOutbox outbox() {
        return mailOutbox;
    }

    @Override
    public ScheduleStore schedules() {
        return scheduleStore;
    }

    /**
     * The database clock ({@code SELECT CURRENT_TIMESTAMP}), or the clock given to {@link Builder#clock}. Run claims,
     * heartbeats and takeovers are stamped with it.
     */
    @Override
    public Instant now() {
        if (clockOverride != null) {
            return clockOverride.instant();
        }
        return jdbc.autoCommit("read the database clock", this::now);
    }

    /** The store's clock read on a connection the caller already holds (never a second connection). */
    private Instant now(Connection c) throws SQLException {
        if (clockOverride != null) {
            return clockOverride.instant();
        }
        return Jdbc.queryOne(c, "SELECT CURRENT_TIMESTAMP", rs -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .orElseThrow();
    }

    @Override
    public String toString() {
        return "JdbcStore[" + dialect + ", " + dataSource.getClass().getSimpleName() + "]";
    }

    // --- sealing -----------------------------------------------------------------------------------------------

    private static String slotContext(TenantId tenant, RobotId robot, SlotId slot) {
        return "renkei/slot-credentials/" + tenant.value() + "/" + robot.value() + "/" + slot.value();
    }

    private static String atsContext(TenantId tenant, RobotId robot) {
        return "renkei/ats-credentials/" + tenant.value() + "/" + robot.value();
    }

    private String seal(Credentials c, String context) {
        return cipher.encrypt(StoreJson.credentials(c), context);
    }

    private Credentials open(String sealed, String context, String what) {
        try {
            return StoreJson.credentials(cipher.decrypt(sealed, context));
        } catch (ValidationException e) {
            throw new StoreException("cannot decrypt the stored credentials of " + what + ": " + e.getMessage(), e);
        }
    }

    // --- robots ------------------------------------------------------------------------------------------------

    private final class Robots implements RobotStore {
        private static final String ROBOT_COLUMNS = "tenant_id, robot_id, name, linkage_enabled, ats_connector_id, "
                + "ats_account_id, ats_settings, ats_credentials, notify_to, notify_cc, notify_locale, schedule_zone, "
                + "schedule_times, version";
        private static final String SLOT_COLUMNS = "tenant_id, robot_id, slot_id, medium, slot_number, slot_position, "
                + "credentials, tombstoned, verdict_account, verdict_ok, verdict_code, verdict_message, verdict_checked_at";

        @Override
        public Robot insert(Robot robot) {
            Objects.requireNonNull(robot, "robot");
            if (robot.version() != 0) {
                throw new ValidationException("a new robot must have version 0, got " + robot.version());
            }
            Robot saved = robot.withVersion(1);
            Object[] row = robotRow(saved);
            List<Object[]> slotRows = new ArrayList<>();
            for (int i = 0; i < saved.slots().size(); i++) {
                slotRows.add(slotRow(saved.tenant(), saved.id(), saved.slots().get(i), i));
            }
            return jdbc.inTransaction("insert robot " + robot.id(), c -> {
                if (!dialect.insertIfAbsent(c, "INSERT INTO renkei_robots (" + ROBOT_COLUMNS + ", updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)", row)) {
                    throw new ValidationException("robot " + robot.id() + " already exists in tenant "
                            + robot.tenant());
                }
                for (Object[] s : slotRows) {
                    insertSlot(c, s);
                }
                return saved;
            });
        }

        @Override
        public Robot update(Robot robot) {
            Objects.requireNonNull(robot, "robot");
            Object[] row = robotRow(robot);
            return jdbc.inTransaction("update robot " + robot.id(), c -> {
                // compare-and-set on the version; the row stays locked until commit, so slot writes are serialised
                int n = Jdbc.update(c, "UPDATE renkei_robots SET name = ?, linkage_enabled = ?, ats_connector_id = ?, "
                                + "ats_account_id = ?, ats_settings = ?, ats_credentials = ?, notify_to = ?, "
                                + "notify_cc = ?, notify_locale = ?, schedule_zone = ?, schedule_times = ?, "
                                + "version = version + 1, updated_at = CURRENT_TIMESTAMP "
                                + "WHERE tenant_id = ? AND robot_id = ? AND version = ?",
                        row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10], row[11], row[12],
                        row[0], row[1], robot.version());
                if (n != 1) {
                    Optional<Long> found = Jdbc.queryOne(c, "SELECT version FROM renkei_robots "
                            + "WHERE tenant_id = ? AND robot_id = ?", rs -> rs.getLong(1), row[0], row[1]);
                    if (found.isEmpty()) {
                        throw new NotFoundException("robot " + robot.id() + " not found in tenant " + robot.tenant());
                    }
                    throw new ConcurrentModificationException("robot " + robot.id() + " was changed concurrently "
                            + "(expected version " + robot.version() + ", found " + found.get() + ")");
                }
                List<AccountSlot> current = readSlots(c, robot.tenant(), robot.id());
                Map<SlotId, AccountSlot> currentById = new LinkedHashMap<>();
                current.forEach(s -> currentById.put(s.id(), s));
                List<AccountSlot> merged = SlotMerge.merge(robot.slots(), current);
                for (int i = 0; i < merged.size(); i++) {
                    AccountSlot s = merged.get(i);
                    Object[] slotRow = slotRow(robot.tenant(), robot.id(), s, i);
                    if (currentById.containsKey(s.id())) {
                        Jdbc.update(c, "UPDATE renkei_slots SET slot_position = ?, credentials = ?, tombstoned = ?, "
                                        + "verdict_account = ?, verdict_ok = ?, verdict_code = ?, verdict_message = ?, "
                                        + "verdict_checked_at = ? WHERE tenant_id = ? AND robot_id = ? AND slot_id = ?",
                                slotRow[5], slotRow[6], slotRow[7], slotRow[8], slotRow[9], slotRow[10], slotRow[11],
                                slotRow[12], slotRow[0], slotRow[1], slotRow[2]);
                    } else {
                        insertSlot(c, slotRow);
                    }
                }
                return robot.withSlots(merged).withVersion(robot.version() + 1);
            });
        }

        @Override
        public Optional<Robot> find(TenantId tenant, RobotId id) {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(id, "robot id");
            return jdbc.autoCommit("read robot " + id, c -> {
                Optional<RobotRow> row = Jdbc.queryOne(c, "SELECT " + ROBOT_COLUMNS + " FROM renkei_robots "
                        + "WHERE tenant_id = ? AND robot_id = ?", RobotRow::read, tenant.value(), id.value());
                if (row.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(toRobot(row.get(), readSlots(c, tenant, id)));
            });
        }

        @Override
        public List<Robot> list(TenantId tenant) {
            Objects.requireNonNull(tenant, "tenant");
            return jdbc.autoCommit("list the robots of tenant " + tenant, c -> assemble(
                    Jdbc.query(c, "SELECT " + ROBOT_COLUMNS + " FROM renkei_robots WHERE tenant_id = ?",
                            RobotRow::read, tenant.value()),
                    Jdbc.query(c, "SELECT " + SLOT_COLUMNS + " FROM renkei_slots WHERE tenant_id = ? "
                            + "ORDER BY robot_id, slot_position", SlotRow::read, tenant.value())));
        }

        @Override
        public List<Robot> listAll() {
            return jdbc.autoCommit("list every robot", c -> assemble(
                    Jdbc.query(c, "SELECT " + ROBOT_COLUMNS + " FROM renkei_robots", RobotRow::read),
                    Jdbc.query(c, "SELECT " + SLOT_COLUMNS + " FROM renkei_slots "
                            + "ORDER BY tenant_id, robot_id, slot_position", SlotRow::read)));
        }

        @Override
        public void saveVerdict(TenantId tenant, RobotId robot, SlotId slot, LoginVerdict verdict) {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(robot, "robot id");
            Objects.requireNonNull(slot, "slot id");
            Objects.requireNonNull(verdict, "verdict");
            jdbc.autoCommit("save the login verdict of slot " + slot, c -> {
                int n = Jdbc.update(c, "UPDATE renkei_slots SET verdict_account = ?, verdict_ok = ?, verdict_code = ?, "
                                + "verdict_message = ?, verdict_checked_at = ? "
                                + "WHERE tenant_id = ? AND robot_id = ? AND slot_id = ?",
                        verdict.account(), verdict.ok(), Jdbc.str(verdict.code() == null ? null : verdict.code().name()),
                        Jdbc.str(verdict.message()), verdict.checkedAt(), tenant.value(), robot.value(), slot.value());
                if (n == 0) {
                    boolean robotExists = Jdbc.queryOne(c, "SELECT 1 FROM renkei_robots WHERE tenant_id = ? "
                            + "AND robot_id = ?", rs -> 1, tenant.value(), robot.value()).isPresent();
                    throw robotExists ? new NotFoundException("slot " + slot + " not found on robot " + robot)
                            : new NotFoundException("robot " + robot + " not found in tenant " + tenant);
                }
                return null;
            });
        }

        private List<Robot> assemble(List<RobotRow> robots, List<SlotRow> slots) {
            Map<String, List<AccountSlot>> byRobot = new LinkedHashMap<>();
            for (SlotRow s : slots) {
                byRobot.computeIfAbsent(s.tenant() + "\u0000" + s.robot(), k -> new ArrayList<>()).add(toSlot(s));
            }
            return robots.stream()
                    .map(r -> toRobot(r, byRobot.getOrDefault(r.tenant() + "\u0000" + r.robot(), List.of())))
                    .sorted(BY_TENANT_AND_ID).toList();
        }

        private List<AccountSlot> readSlots(Connection c, TenantId tenant, RobotId robot) throws SQLException {
            return Jdbc.query(c, "SELECT " + SLOT_COLUMNS + " FROM renkei_slots WHERE tenant_id = ? AND robot_id = ? "
                    + "ORDER BY slot_position", SlotRow::read, tenant.value(), robot.value())
                    .stream().map(JdbcStore.this::toSlot).toList();
        }

        private void insertSlot(Connection c, Object[] slotRow) throws SQLException {
            Jdbc.update(c, "INSERT INTO renkei_slots (" + SLOT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    slotRow);
        }

        private Object[] robotRow(Robot r) {
            AtsAccount ats = r.ats();
            NotificationSettings n = r.notifications();
            Schedule s = r.schedule();
            return new Object[] {
                r.tenant().value(), r.id().value(), r.name(), r.linkageEnabled(), ats.connectorId(), ats.accountId(),
                StoreJson.map(ats.settings()),
                Jdbc.str(ats.credentials() == null ? null : seal(ats.credentials(), atsContext(r.tenant(), r.id()))),
                StoreJson.list(n.to()), StoreJson.list(n.cc()), n.locale().toLanguageTag(), s.zone().getId(),
                s.times().stream().map(LocalTime::toString).collect(Collectors.joining(",")), r.version()
            };
        }

        private Object[] slotRow(TenantId tenant, RobotId robot, AccountSlot s, int position) {
            LoginVerdict v = s.lastVerdict();
            return new Object[] {
                tenant.value(), robot.value(), s.id().value(), s.id().medium(), s.id().number(), position,
                seal(s.credentials(), slotContext(tenant, robot, s.id())), s.tombstoned(),
                Jdbc.str(v == null ? null : v.account()),
                v == null ? new Jdbc.Null(java.sql.Types.BOOLEAN) : (Object) v.ok(),
                Jdbc.str(v == null || v.code() == null ? null : v.code().name()),
                Jdbc.str(v == null ? null : v.message()),
                Jdbc.ts(v == null ? null : v.checkedAt())
            };
        }
    }

    // --- runs --------------------------------------------------------------------------------------------------

    private final class Runs implements RunStore {
        private static final String RUN_COLUMNS = "run_id, tenant_id, robot_id, run_trigger, window_start, status, "
                + "owner, started_at, heartbeat_at, finished_at, result";

        @Override
        public boolean claim(SyncRun run) {
            Objects.requireNonNull(run, "run");
            return jdbc.autoCommit("claim the window of run " + run.id(), c -> dialect.insertIfAbsent(c,
                    "INSERT INTO renkei_runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    run.id().value(), run.tenant().value(), run.robot().value(), run.trigger().name(),
                    run.windowStart(), run.status().name(), Jdbc.str(run.owner()), Jdbc.ts(run.startedAt()),
                    Jdbc.ts(run.heartbeatAt() != null || run.status().isFinal() ? run.heartbeatAt() : now(c)),
                    Jdbc.ts(run.finishedAt()),
                    Jdbc.str(run.result() == null ? null : StoreJson.result(run.result()))));
        }

        @Override
        public String start(RunId id, String owner) {
            Objects.requireNonNull(id, "run id");
            Objects.requireNonNull(owner, "owner");
            String token = ExecutionTokens.next();
            jdbc.autoCommit("start run " + id, c -> {
                Object now = Jdbc.ts(now(c));
                int n = Jdbc.update(c, "UPDATE renkei_runs SET status = ?, owner = ?, execution = ?, "
                        + "started_at = COALESCE(started_at, ?), heartbeat_at = ?, finished_at = NULL, result = NULL "
                        + "WHERE run_id = ? AND status NOT IN " + FINAL_STATES + " AND execution IS NULL "
                        + "AND (owner IS NULL OR owner = ?)",
                        RunStatus.RUNNING.name(), owner, token, now, now, id.value(), owner);
                if (n == 0) {
                    Optional<String[]> row = Jdbc.queryOne(c, "SELECT status, owner FROM renkei_runs WHERE run_id = ?",
                            rs -> new String[] {rs.getString(1), rs.getString(2)}, id.value());
                    if (row.isEmpty()) {
                        throw new NotFoundException("run " + id + " not found");
                    }
                    throw new ConcurrentModificationException("run " + id + " cannot start: it is "
                            + (RunStatus.valueOf(row.get()[0]).isFinal() ? "already " + row.get()[0]
                            : "held by " + (row.get()[1] == null ? "another execution" : row.get()[1])));
                }
                return null;
            });
            return token;
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
            return finishIf(finished, mails, execution);
        }

        @Override
        public boolean finish(SyncRun finished, List<OutboxMail> mails) {
            return finishIf(finished, mails, null);
        }

        private boolean finishIf(SyncRun finished, List<OutboxMail> mails, String execution) {
            Objects.requireNonNull(finished, "finished run");
            Objects.requireNonNull(mails, "mails");
            if (!finished.status().isFinal()) {
                throw new ValidationException("run " + finished.id() + " cannot finish with status "
                        + finished.status() + ": use a final status");
            }
            String result = finished.result() == null ? null : StoreJson.result(finished.result());
            return jdbc.inTransaction("finish run " + finished.id(), c -> {
                int n = Jdbc.update(c, "UPDATE renkei_runs SET status = ?, owner = ?, started_at = ?, heartbeat_at = ?, "
                                + "finished_at = ?, result = ?, execution = NULL WHERE run_id = ? AND tenant_id = ? "
                                + "AND status NOT IN " + FINAL_STATES + " AND "
                                + (execution == null ? "execution IS NULL" : "execution = ?"),
                        execution == null ? new Object[] {finished.status().name(), Jdbc.str(finished.owner()),
                                Jdbc.ts(finished.startedAt()), Jdbc.ts(finished.heartbeatAt()),
                                Jdbc.ts(finished.finishedAt()), Jdbc.str(result), finished.id().value(),
                                finished.tenant().value()}
                                : new Object[] {finished.status().name(), Jdbc.str(finished.owner()),
                                Jdbc.ts(finished.startedAt()), Jdbc.ts(finished.heartbeatAt()),
                                Jdbc.ts(finished.finishedAt()), Jdbc.str(result), finished.id().value(),
                                finished.tenant().value(), execution});
                if (n == 0) {
                    boolean exists = Jdbc.queryOne(c, "SELECT 1 FROM renkei_runs WHERE run_id = ? AND tenant_id = ?",
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
                    insertMail(c, m);
                }
                return true;
            });
        }

        @Override
        public Optional<SyncRun> find(RunId id) {
            Objects.requireNonNull(id, "run id");
            return jdbc.autoCommit("read run " + id, c -> Jdbc.queryOne(c,
                    "SELECT " + RUN_COLUMNS + " FROM renkei_runs WHERE run_id = ?", Runs::read, id.value()));
        }

        @Override
        public Optional<SyncRun> find(TenantId tenant, RunId id) {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(id, "run id");
            return jdbc.autoCommit("read run " + id, c -> Jdbc.queryOne(c, "SELECT " + RUN_COLUMNS
                    + " FROM renkei_runs WHERE run_id = ? AND tenant_id = ?", Runs::read, id.value(), tenant.value()));
        }

        @Override
        public List<SyncRun> list(TenantId tenant, RobotId robot, int limit) {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(robot, "robot id");
            if (limit < 0) {
                throw new ValidationException("run list limit must not be negative, got " + limit);
            }
            return jdbc.autoCommit("list the runs of robot " + robot, c -> Jdbc.query(c, "SELECT " + RUN_COLUMNS
                    + " FROM renkei_runs WHERE tenant_id = ? AND robot_id = ? ORDER BY window_start DESC LIMIT ?",
                    Runs::read, tenant.value(), robot.value(), limit));
        }

        @Override
        public List<SyncRun> listByWindow(Instant from, Instant to) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            return jdbc.autoCommit("list runs by window", c -> Jdbc.query(c, "SELECT " + RUN_COLUMNS
                    + " FROM renkei_runs WHERE window_start >= ? AND window_start <= ? ORDER BY window_start, run_id",
                    Runs::read, Jdbc.ts(from), Jdbc.ts(to)));
        }

        @Override
        public List<SyncRun> listStale(Instant before) {
            Objects.requireNonNull(before, "before");
            return jdbc.autoCommit("list stale runs", c -> Jdbc.query(c, "SELECT " + RUN_COLUMNS
                    + " FROM renkei_runs WHERE status IN (?, ?) AND (heartbeat_at IS NULL OR heartbeat_at < ?) "
                    + "ORDER BY window_start, run_id", Runs::read, RunStatus.QUEUED.name(), RunStatus.RUNNING.name(),
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

        private static SyncRun read(ResultSet rs) throws SQLException {
            String result = rs.getString("result");
            return new SyncRun(new RunId(rs.getString("run_id")), TenantId.of(rs.getString("tenant_id")),
                    RobotId.of(rs.getString("robot_id")), RunTrigger.valueOf(rs.getString("run_trigger")),
                    Jdbc.instant(rs, "window_start"), RunStatus.valueOf(rs.getString("status")),
                    rs.getString("owner"), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "heartbeat_at"),
                    Jdbc.instant(rs, "finished_at"), result == null ? null : StoreJson.result(result));
        }
    }

    // --- schedule state ------------------------------------------------------------------------------------------

    private final class Schedules implements ScheduleStore {
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
                throw new ConcurrentModificationException("the schedule state of robot " + robot
                        + " keeps changing concurrently");
            });
        }
    }

    // --- ledger ------------------------------------------------------------------------------------------------

    private static final String LEDGER_KEY = "tenant_id = ? AND ats_account = ? AND medium = ? "
            + "AND board_account_key = ? AND board_application_id = ?";

    private static Object[] keyParams(LedgerKey k, Object... before) {
        Object[] out = Arrays.copyOf(before, before.length + 5);
        out[before.length] = k.tenant().value();
        out[before.length + 1] = k.atsAccount();
        out[before.length + 2] = k.medium();
        out[before.length + 3] = k.boardAccountKey();
        out[before.length + 4] = k.boardApplicationId();
        return out;
    }

    private static Object[] append(Object[] a, Object... b) {
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private final class Ledger implements ImportLedger {
        private static final int RESERVE_ATTEMPTS = 5;

        @Override
        public Optional<LedgerEntry> reserve(LedgerKey key, RunId run, String execution) {
            Objects.requireNonNull(key, "ledger key");
            Objects.requireNonNull(run, "run id");
            Objects.requireNonNull(execution, "execution");
            return jdbc.autoCommit("reserve ledger key " + key.idempotencyKey(), c -> {
                for (int i = 0; i < RESERVE_ATTEMPTS; i++) {
                    Optional<LedgerEntry> existing = read(c, key);
                    if (existing.isPresent()) {
                        return existing;
                    }
                    // one arbitrated insert in its own transaction: of concurrent reservers the primary key picks one
                    boolean inserted = dialect.insertIfAbsent(c, "INSERT INTO renkei_import_ledger (tenant_id, "
                                    + "ats_account, medium, board_account_key, board_application_id, idempotency_key, "
                                    + "state, ats_id, run_id, execution, updated_at) "
                                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                            append(keyParams(key), key.idempotencyKey(), LedgerEntry.State.RESERVED.name(),
                                    Jdbc.NULL_STRING, run.value(), execution));
                    if (inserted) {
                        return Optional.<LedgerEntry>empty();
                    }
                    // reserved or completed between our read and our insert: read again
                }
                throw new ConcurrentModificationException("ledger key " + key.idempotencyKey()
                        + " kept changing while being reserved");
            });
        }

        @Override
        public boolean takeOver(LedgerEntry seen, RunId run, String execution) {
            Objects.requireNonNull(seen, "ledger entry");
            Objects.requireNonNull(execution, "execution");
            LedgerKey key = seen.key();
            return jdbc.autoCommit("take over ledger key " + key.idempotencyKey(), c -> Jdbc.update(c,
                    "UPDATE renkei_import_ledger SET run_id = ?, execution = ?, updated_at = CURRENT_TIMESTAMP WHERE "
                            + LEDGER_KEY + " AND state = ? AND run_id = ? AND execution IS NOT DISTINCT FROM ?",
                    append(keyParams(key, run.value(), execution), LedgerEntry.State.RESERVED.name(),
                            seen.runId().value(), Jdbc.str(seen.execution()))) == 1);
        }

        @Override
        public boolean complete(LedgerKey key, String execution, String atsId) {
            Objects.requireNonNull(key, "ledger key");
            Objects.requireNonNull(execution, "execution");
            return jdbc.autoCommit("complete ledger key " + key.idempotencyKey(), c -> Jdbc.update(c,
                    "UPDATE renkei_import_ledger SET state = ?, ats_id = ?, updated_at = CURRENT_TIMESTAMP WHERE "
                            + LEDGER_KEY + " AND state = ? AND execution = ?",
                    append(keyParams(key, LedgerEntry.State.COMPLETED.name(), Jdbc.str(atsId)),
                            LedgerEntry.State.RESERVED.name(), execution)) == 1);
        }

        @Override
        public boolean release(LedgerKey key, String execution) {
            Objects.requireNonNull(key, "ledger key");
            Objects.requireNonNull(execution, "execution");
            return jdbc.autoCommit("release ledger key " + key.idempotencyKey(), c -> Jdbc.update(c,
                    "DELETE FROM renkei_import_ledger WHERE " + LEDGER_KEY + " AND state = ? AND execution = ?",
                    append(keyParams(key), LedgerEntry.State.RESERVED.name(), execution)) == 1);
        }

        @Override
        public Optional<LedgerEntry> find(LedgerKey key) {
            Objects.requireNonNull(key, "ledger key");
            return jdbc.autoCommit("read ledger key " + key.idempotencyKey(), c -> read(c, key));
        }

        private Optional<LedgerEntry> read(Connection c, LedgerKey key) throws SQLException {
            return Jdbc.queryOne(c, "SELECT state, ats_id, run_id, execution, updated_at FROM renkei_import_ledger "
                            + "WHERE " + LEDGER_KEY,
                    rs -> new LedgerEntry(key, LedgerEntry.State.valueOf(rs.getString("state")),
                            rs.getString("ats_id"), new RunId(rs.getString("run_id")), rs.getString("execution"),
                            Jdbc.instant(rs, "updated_at")),
                    keyParams(key));
        }
    }

    // --- watermarks --------------------------------------------------------------------------------------------

    private final class Watermarks implements WatermarkStore {
        private static final String KEY = "tenant_id = ? AND ats_account = ? AND medium = ? AND board_account_key = ?";

        @Override
        public Optional<Instant> get(WatermarkKey key) {
            Objects.requireNonNull(key, "watermark key");
            return jdbc.autoCommit("read a watermark", c -> Jdbc.queryOne(c,
                    "SELECT watermark FROM renkei_watermarks WHERE " + KEY, rs -> Jdbc.instant(rs, "watermark"),
                    params(key)));
        }

        @Override
        public void advance(WatermarkKey key, Instant to) {
            Objects.requireNonNull(key, "watermark key");
            Objects.requireNonNull(to, "watermark");
            jdbc.autoCommit("advance a watermark", c -> {
                if (moveForward(c, key, to) == 1) {
                    return null;
                }
                if (dialect.insertIfAbsent(c, "INSERT INTO renkei_watermarks (tenant_id, ats_account, medium, "
                        + "board_account_key, watermark, updated_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                        append(params(key), to))) {
                    return null;
                }
                moveForward(c, key, to); // someone inserted first: move it forward if theirs is older
                return null;
            });
        }

        private int moveForward(Connection c, WatermarkKey key, Instant to) throws SQLException {
            return Jdbc.update(c, "UPDATE renkei_watermarks SET watermark = ?, updated_at = CURRENT_TIMESTAMP WHERE "
                    + KEY + " AND watermark < ?", append(append(new Object[] {to}, params(key)), to));
        }

        private Object[] params(WatermarkKey k) {
            return new Object[] {k.tenant().value(), k.atsAccount(), k.medium(), k.boardAccountKey()};
        }
    }

    // --- outbox ------------------------------------------------------------------------------------------------

    private static final String MAIL_COLUMNS = "mail_id, tenant_id, mail_from, mail_to, mail_cc, subject, body_text, "
            + "body_html, status, attempts, next_attempt_at, last_error, created_at";

    private boolean insertMail(Connection c, OutboxMail m) throws SQLException {
        return dialect.insertIfAbsent(c, "INSERT INTO renkei_mail_outbox (" + MAIL_COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.id(), m.tenant().value(), m.from(), StoreJson.list(m.to()), StoreJson.list(m.cc()), m.subject(),
                m.text(), Jdbc.str(m.html()), m.status().name(), m.attempts(), m.nextAttemptAt(),
                Jdbc.str(m.lastError()), m.createdAt());
    }

    private static OutboxMail readMail(ResultSet rs) throws SQLException {
        return new OutboxMail(rs.getString("mail_id"), TenantId.of(rs.getString("tenant_id")),
                rs.getString("mail_from"), StoreJson.list(rs.getString("mail_to")),
                StoreJson.list(rs.getString("mail_cc")), rs.getString("subject"), rs.getString("body_text"),
                rs.getString("body_html"), OutboxMail.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Jdbc.instant(rs, "next_attempt_at"), rs.getString("last_error"), Jdbc.instant(rs, "created_at"));
    }

    private final class Outbox implements MailOutbox {
        @Override
        public boolean enqueue(OutboxMail mail) {
            Objects.requireNonNull(mail, "mail");
            return jdbc.autoCommit("enqueue mail " + mail.id(), c -> insertMail(c, mail));
        }

        /** Pending, and the token is the mail's latest claim (its lease may have run out). */
        private static final String LATEST_CLAIM = "mail_id = ? AND status = ? AND lease_token = ?";

        @Override
        public List<LeasedMail> claimDue(int limit, String owner, Duration lease) {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(lease, "lease");
            if (limit <= 0) {
                return List.of();
            }
            if (lease.isNegative() || lease.isZero()) {
                throw new ValidationException("outbox lease must be positive, got " + lease);
            }
            String free = "status = ? AND next_attempt_at <= ? AND (leased_until IS NULL OR leased_until <= ?)";
            return jdbc.autoCommit("claim due mails", c -> {
                Instant now = storeNow(c);
                Instant until = now.plus(lease);
                List<String> candidates = Jdbc.query(c, "SELECT mail_id FROM renkei_mail_outbox WHERE " + free
                                + " ORDER BY next_attempt_at, created_at, mail_id LIMIT ?", rs -> rs.getString(1),
                        OutboxMail.Status.PENDING.name(), now, now, limit);
                List<LeasedMail> claimed = new ArrayList<>();
                for (String id : candidates) {
                    String token = java.util.UUID.randomUUID().toString();
                    // each row is leased by one conditional update: a concurrent relay that got there first wins it
                    int n = Jdbc.update(c, "UPDATE renkei_mail_outbox SET leased_by = ?, leased_until = ?, "
                            + "lease_token = ? WHERE mail_id = ? AND " + free, owner, until, token, id,
                            OutboxMail.Status.PENDING.name(), now, now);
                    if (n == 1) {
                        Jdbc.queryOne(c, "SELECT " + MAIL_COLUMNS + " FROM renkei_mail_outbox WHERE mail_id = ?",
                                JdbcStore::readMail, id).ifPresent(m -> claimed.add(new LeasedMail(m, token, until)));
                    }
                }
                return List.copyOf(claimed);
            });
        }

        @Override
        public boolean holdsLease(String id, String token) {
            Objects.requireNonNull(id, "mail id");
            Objects.requireNonNull(token, "lease token");
            return jdbc.autoCommit("check the lease of mail " + id, c -> {
                Instant now = storeNow(c);
                return Jdbc.queryOne(c, "SELECT 1 FROM renkei_mail_outbox WHERE " + LATEST_CLAIM
                        + " AND leased_until > ?", rs -> 1, id, OutboxMail.Status.PENDING.name(), token, now)
                        .isPresent();
            });
        }

        @Override
        public boolean markSent(String id, String token) {
            Objects.requireNonNull(id, "mail id");
            Objects.requireNonNull(token, "lease token");
            return jdbc.autoCommit("mark mail " + id + " sent", c -> Jdbc.update(c, "UPDATE renkei_mail_outbox "
                    + "SET status = ?, attempts = attempts + 1, leased_by = NULL, leased_until = NULL, "
                    + "lease_token = NULL WHERE " + LATEST_CLAIM, OutboxMail.Status.SENT.name(), id,
                    OutboxMail.Status.PENDING.name(), token) == 1);
        }

        @Override
        public boolean markFailed(String id, String token, String error, Duration retryAfter, boolean dead) {
            Objects.requireNonNull(id, "mail id");
            Objects.requireNonNull(token, "lease token");
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new ValidationException("outbox retryAfter must not be negative, got " + retryAfter);
            }
            return jdbc.autoCommit("mark mail " + id + " failed", c -> {
                Instant next = storeNow(c).plus(retryAfter);
                return Jdbc.update(c, "UPDATE renkei_mail_outbox SET status = ?, attempts = attempts + 1, "
                        + "next_attempt_at = ?, last_error = ?, leased_by = NULL, leased_until = NULL, "
                        + "lease_token = NULL WHERE " + LATEST_CLAIM,
                        (dead ? OutboxMail.Status.DEAD : OutboxMail.Status.PENDING).name(), next, Jdbc.str(error),
                        id, OutboxMail.Status.PENDING.name(), token) == 1;
            });
        }

        /** The store's time ({@link JdbcStore#now()}), read on the connection at hand. */
        private Instant storeNow(Connection c) throws SQLException {
            if (clockOverride != null) {
                return clockOverride.instant();
            }
            return Jdbc.queryOne(c, "SELECT CURRENT_TIMESTAMP", rs -> rs.getObject(1, OffsetDateTime.class)
                    .toInstant()).orElseThrow();
        }

        @Override
        public Optional<OutboxMail> find(String id) {
            Objects.requireNonNull(id, "mail id");
            return jdbc.autoCommit("read mail " + id, c -> Jdbc.queryOne(c, "SELECT " + MAIL_COLUMNS
                    + " FROM renkei_mail_outbox WHERE mail_id = ?", JdbcStore::readMail, id));
        }

        @Override
        public List<OutboxMail> list(OutboxMail.Status status) {
            Objects.requireNonNull(status, "status");
            return jdbc.autoCommit("list mails", c -> Jdbc.query(c, "SELECT " + MAIL_COLUMNS
                    + " FROM renkei_mail_outbox WHERE status = ? ORDER BY created_at, mail_id", JdbcStore::readMail,
                    status.name()));
        }
    }

    // --- builder -----------------------------------------------------------------------------------------------

    /** Builds a {@link JdbcStore}. */
    public static final class Builder {
        private DataSource dataSource;
        private SecretCipher cipher;
        private Clock clock;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;

        private Builder() {}

        /**
         * The timeout of every SQL statement (default {@link #DEFAULT_QUERY_TIMEOUT}), so a lock wait or a database
         * that stopped answering fails the call with a {@link StoreException} instead of hanging it. Whole seconds
         * (JDBC's unit), at least 1 s.
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = dev.renkei.core.internal.Checks.positive(timeout, "queryTimeout");
            if (timeout.toMillis() < 1000) {
                throw new ValidationException("queryTimeout must be at least 1 s (JDBC counts whole seconds), got "
                        + timeout);
            }
            return this;
        }

        /**
         * Replaces the database clock as the store's time source. For tests and simulations that move time by
         * hand (e.g. many schedule windows in seconds); in production leave it unset, so every instance shares the
         * database's clock and instance clock skew cannot matter.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The database, ideally the host's connection pool. Required (or {@link #url}). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * A database by JDBC URL, through {@link java.sql.DriverManager}: a new connection per call, no pool. For
         * demos, tests and an embedded H2 file ({@code jdbc:h2:file:./renkei;WRITE_DELAY=0}: without
         * {@code WRITE_DELAY=0} H2 may lose its last commits when the process is killed); hosts should pass their
         * pooled data source to {@link #dataSource} instead. The JDBC driver must be on the class path.
         *
         * @param user user name, or {@code null}
         * @param password password, or {@code null}
         */
        public Builder url(String jdbcUrl, String user, Secret password) {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
                throw new ValidationException("JDBC URL must start with 'jdbc:'");
            }
            this.dataSource = new DriverManagerDataSource(jdbcUrl, user, password);
            return this;
        }

        /** The cipher that seals every stored credential. Required. */
        public Builder cipher(SecretCipher cipher) {
            this.cipher = Objects.requireNonNull(cipher, "cipher");
            return this;
        }

        /**
         * Builds the store; opens one connection to detect the database (H2 or PostgreSQL).
         *
         * @throws ValidationException when the data source or the cipher is missing
         * @throws StoreException when the database cannot be reached or is neither H2 nor PostgreSQL
         */
        public JdbcStore build() {
            if (dataSource == null) {
                throw new ValidationException("JdbcStore needs a data source (dataSource(...) or url(...))");
            }
            if (cipher == null) {
                throw new ValidationException("JdbcStore needs a SecretCipher to seal stored credentials");
            }
            return new JdbcStore(dataSource, cipher, clock, queryTimeout);
        }
    }

    private Robot toRobot(RobotRow r, List<AccountSlot> slots) {
        TenantId tenant = TenantId.of(r.tenant());
        RobotId id = RobotId.of(r.robot());
        Credentials atsCredentials = r.atsCredentials() == null ? null
                : open(r.atsCredentials(), atsContext(tenant, id), "the ATS account of robot " + id + " (tenant "
                        + tenant + ")");
        AtsAccount ats = new AtsAccount(r.atsConnector(), r.atsAccount(), StoreJson.map(r.atsSettings()),
                atsCredentials);
        NotificationSettings notifications = new NotificationSettings(StoreJson.list(r.notifyTo()),
                StoreJson.list(r.notifyCc()), Locale.forLanguageTag(r.locale()));
        List<LocalTime> times = r.times().isEmpty() ? List.of()
                : Arrays.stream(r.times().split(",")).map(LocalTime::parse).toList();
        Schedule schedule = new Schedule(ZoneId.of(r.zone()), times);
        return new Robot(tenant, id, r.name(), r.linkage(), ats, slots, notifications, schedule, r.version());
    }

    private AccountSlot toSlot(SlotRow r) {
        TenantId tenant = TenantId.of(r.tenant());
        RobotId robot = RobotId.of(r.robot());
        SlotId slot = SlotId.parse(r.slot());
        Credentials credentials = open(r.credentials(), slotContext(tenant, robot, slot),
                "slot " + slot + " of robot " + robot + " (tenant " + tenant + ")");
        LoginVerdict verdict = r.verdictOk() == null ? null : new LoginVerdict(r.verdictAccount(), r.verdictOk(),
                r.verdictCode() == null ? null : ErrorCode.valueOf(r.verdictCode()), r.verdictMessage(), r.verdictAt());
        return new AccountSlot(slot, credentials, r.tombstoned(), verdict);
    }

    private record RobotRow(String tenant, String robot, String name, boolean linkage, String atsConnector,
                            String atsAccount, String atsSettings, String atsCredentials, String notifyTo,
                            String notifyCc, String locale, String zone, String times, long version) {
        static RobotRow read(ResultSet rs) throws SQLException {
            return new RobotRow(rs.getString("tenant_id"), rs.getString("robot_id"), rs.getString("name"),
                    rs.getBoolean("linkage_enabled"), rs.getString("ats_connector_id"),
                    rs.getString("ats_account_id"), rs.getString("ats_settings"), rs.getString("ats_credentials"),
                    rs.getString("notify_to"), rs.getString("notify_cc"), rs.getString("notify_locale"),
                    rs.getString("schedule_zone"), rs.getString("schedule_times"), rs.getLong("version"));
        }
    }

    private record SlotRow(String tenant, String robot, String slot, String credentials, boolean tombstoned,
                           String verdictAccount, Boolean verdictOk, String verdictCode, String verdictMessage, Instant verdictAt) {
        static SlotRow read(ResultSet rs) throws SQLException {
            boolean ok = rs.getBoolean("verdict_ok");
            Boolean verdictOk = rs.wasNull() ? null : ok;
            return new SlotRow(rs.getString("tenant_id"), rs.getString("robot_id"), rs.getString("slot_id"),
                    rs.getString("credentials"), rs.getBoolean("tombstoned"), rs.getString("verdict_account"), verdictOk, rs.getString("verdict_code"),
                    rs.getString("verdict_message"), Jdbc.instant(rs, "verdict_checked_at"));
        }
    }
}
