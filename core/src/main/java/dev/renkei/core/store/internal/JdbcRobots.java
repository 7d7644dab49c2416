package dev.renkei.core.store.internal;

import dev.renkei.core.internal.Keys;
import dev.renkei.core.ConflictException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.RobotStore;
import dev.renkei.core.store.WatermarkKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Robots and their slots in {@code renkei_robots} and {@code renkei_slots}. Slot and ATS credentials are sealed as one
 * JSON document each, bound to the tenant, robot and slot they belong to. Not API.
 */
public final class JdbcRobots extends JdbcRepository implements RobotStore {
    private static final String ROBOT_COLUMNS = "tenant_id, robot_id, name, linkage_enabled, ats_connector_id, "
            + "ats_account_id, ats_settings, ats_credentials, notify_to, notify_cc, notify_locale, schedule_zone, "
            + "schedule_times, version";
    private static final String SLOT_COLUMNS = "tenant_id, robot_id, slot_id, medium, slot_number, slot_position, "
            + "credentials, tombstoned, verdict_account, verdict_ok, verdict_code, verdict_message, verdict_checked_at";
    /**
     * A robot ({@code r}) and its slots ({@code s}) as one row per slot, read by {@link #robotAndSlot} and put
     * together by {@link #robotOf}.
     */
    static final String ROBOT_AND_SLOT_COLUMNS = qualified("r", ROBOT_COLUMNS) + ", "
            + qualified("s", SLOT_COLUMNS.replace("tenant_id, robot_id, ", ""));
    /** The slots of robot {@code r} as {@code s}, for a join. */
    static final String JOIN_SLOTS = "LEFT JOIN renkei_slots s ON s.tenant_id = r.tenant_id "
            + "AND s.robot_id = r.robot_id";
    private static final String ROBOT_WITH_SLOTS = "SELECT " + ROBOT_AND_SLOT_COLUMNS + " FROM renkei_robots r "
            + JOIN_SLOTS + " WHERE r.tenant_id = ? AND r.robot_id = ? ORDER BY s.slot_position";
    private static final Comparator<Robot> BY_TENANT_AND_ID = Comparator.comparing((Robot r) -> r.tenant().value())
            .thenComparing(r -> r.id().value());

    /** The robots of a store. */
    public JdbcRobots(JdbcContext ctx) {
        super(ctx);
    }

    @Override
    public Robot insert(Robot robot) {
        Objects.requireNonNull(robot, "robot");
        if (robot.version() != 0) {
            throw new IllegalArgumentException("a new robot must have version 0, got " + robot.version());
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
                throw new ConflictException("robot " + robot.id() + " already exists in tenant "
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
                throw new ConflictException("robot " + robot.id() + " was changed concurrently "
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
        // the robot and its slots in one round trip: a row per slot (one with empty slot columns when it has none)
        return jdbc.autoCommit(() -> "read robot " + id, c -> robotOf(Jdbc.query(c, ROBOT_WITH_SLOTS,
                JdbcRobots::robotAndSlot, tenant.value(), id.value())));
    }

    /** One row of {@link #ROBOT_AND_SLOT_COLUMNS}: the robot's part and the slot's (null when it has no slot). */
    static Object[] robotAndSlot(ResultSet rs) throws SQLException {
        return new Object[] {RobotRow.read(rs), rs.getString("slot_id") == null ? null : SlotRow.read(rs)};
    }

    /** The robot of the rows {@link #robotAndSlot} read, its credentials unsealed; empty for no rows. */
    Optional<Robot> robotOf(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<AccountSlot> slots = new ArrayList<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                slots.add(toSlot((SlotRow) row[1]));
            }
        }
        return Optional.of(toRobot((RobotRow) rows.get(0)[0], List.copyOf(slots)));
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

    /** One query of the robots table: no slots read, no credentials unsealed, each distinct schedule parsed once. */
    @Override
    public List<RobotTimes> listTimes() {
        return jdbc.autoCommit("list every robot's schedule", c -> Jdbc.query(c, "SELECT tenant_id, robot_id, "
                + "linkage_enabled, schedule_zone, schedule_times FROM renkei_robots ORDER BY tenant_id, robot_id",
                rs -> {
                    String zone = rs.getString(4);
                    String times = rs.getString(5);
                    return new RobotTimes(TenantId.of(rs.getString(1)), RobotId.of(rs.getString(2)),
                            rs.getBoolean(3), cachedSchedule(zone, times));
                }));
    }

    @Override
    public void saveVerdict(TenantId tenant, RobotId robot, SlotId slot, LoginVerdict verdict) {
        Object[] params = verdictParams(tenant, robot, slot, verdict);
        jdbc.autoCommit("save the login verdict of slot " + slot, c -> {
            if (Jdbc.update(c, SAVE_VERDICT, params) == 0) {
                throw verdictNotSaved(c, tenant, robot, slot);
            }
            return null;
        });
    }

    /**
     * See {@link dev.renkei.core.store.RenkeiStore#recordLogin}: on PostgreSQL, the verdict's update and the
     * watermark's read in one statement.
     */
    public Optional<Instant> recordLogin(TenantId tenant, RobotId robot, SlotId slot, LoginVerdict verdict,
                                         WatermarkKey account) {
        Objects.requireNonNull(account, "watermark key");
        Object[] verdictParams = verdictParams(tenant, robot, slot, verdict);
        return jdbc.autoCommit(() -> "save the login verdict of slot " + slot, c -> {
            Object[] savedAndWatermark = Jdbc.queryOne(c, RECORD_LOGIN,
                    rs -> new Object[] {rs.getInt("saved"), Jdbc.instant(rs, "watermark")},
                    Jdbc.append(verdictParams, JdbcWatermarks.params(account))).orElseThrow();
            if ((int) savedAndWatermark[0] == 0) {
                throw verdictNotSaved(c, tenant, robot, slot);
            }
            return Optional.ofNullable((Instant) savedAndWatermark[1]);
        });
    }

    private static final String SAVE_VERDICT = "UPDATE renkei_slots SET verdict_account = ?, verdict_ok = ?, "
            + "verdict_code = ?, verdict_message = ?, verdict_checked_at = ? "
            + "WHERE tenant_id = ? AND robot_id = ? AND slot_id = ?";
    /** The verdict's update and the watermark's read: the verdict's parameters, then the watermark's. */
    static final String RECORD_LOGIN = "WITH v AS (" + SAVE_VERDICT + " RETURNING 1) "
            + "SELECT (SELECT COUNT(*) FROM v) AS saved, (" + JdbcWatermarks.READ + ") AS watermark";

    private static Object[] verdictParams(TenantId tenant, RobotId robot, SlotId slot, LoginVerdict verdict) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(robot, "robot id");
        Objects.requireNonNull(slot, "slot id");
        Objects.requireNonNull(verdict, "verdict");
        return new Object[] {verdict.account(), verdict.ok(),
            Jdbc.str(verdict.code() == null ? null : verdict.code().name()), Jdbc.str(verdict.message()),
            verdict.checkedAt(), tenant.value(), robot.value(), slot.value()};
    }

    /** Why {@link #SAVE_VERDICT} changed no row: the robot or its slot is gone. */
    private static NotFoundException verdictNotSaved(Connection c, TenantId tenant, RobotId robot, SlotId slot)
            throws SQLException {
        boolean robotExists = Jdbc.queryOne(c, "SELECT 1 FROM renkei_robots WHERE tenant_id = ? AND robot_id = ?",
                rs -> 1, tenant.value(), robot.value()).isPresent();
        return robotExists ? new NotFoundException("slot " + slot + " not found on robot " + robot)
                : new NotFoundException("robot " + robot + " not found in tenant " + tenant);
    }

    private List<Robot> assemble(List<RobotRow> robots, List<SlotRow> slots) {
        Map<String, List<AccountSlot>> byRobot = new LinkedHashMap<>();
        for (SlotRow s : slots) {
            byRobot.computeIfAbsent(Keys.of(s.tenant(), s.robot()), k -> new ArrayList<>()).add(toSlot(s));
        }
        return robots.stream()
                .map(r -> toRobot(r, byRobot.getOrDefault(Keys.of(r.tenant(), r.robot()), List.of())))
                .sorted(BY_TENANT_AND_ID).toList();
    }

    private List<AccountSlot> readSlots(Connection c, TenantId tenant, RobotId robot) throws SQLException {
        return Jdbc.query(c, "SELECT " + SLOT_COLUMNS + " FROM renkei_slots WHERE tenant_id = ? AND robot_id = ? "
                + "ORDER BY slot_position", SlotRow::read, tenant.value(), robot.value())
                .stream().map(this::toSlot).toList();
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
            Jdbc.str(ats.credentials() == null ? null : ctx.seal(ats.credentials(), atsContext(r.tenant(), r.id()))),
            StoreJson.list(n.to()), StoreJson.list(n.cc()), n.locale().toLanguageTag(), s.zone().getId(),
            s.times().stream().map(LocalTime::toString).collect(Collectors.joining(",")), r.version()
        };
    }

    private Object[] slotRow(TenantId tenant, RobotId robot, AccountSlot s, int position) {
        LoginVerdict v = s.lastVerdict();
        return new Object[] {
            tenant.value(), robot.value(), s.id().value(), s.id().medium(), s.id().number(), position,
            ctx.seal(s.credentials(), slotContext(tenant, robot, s.id())), s.tombstoned(),
            Jdbc.str(v == null ? null : v.account()),
            v == null ? new Jdbc.Null(java.sql.Types.BOOLEAN) : (Object) v.ok(),
            Jdbc.str(v == null || v.code() == null ? null : v.code().name()),
            Jdbc.str(v == null ? null : v.message()),
            Jdbc.ts(v == null ? null : v.checkedAt())
        };
    }

    /** {@code "a, b"} as {@code "t.a, t.b"}. */
    private static String qualified(String table, String columns) {
        return Arrays.stream(columns.split(", ")).map(col -> table + "." + col).collect(Collectors.joining(", "));
    }

    private static String slotContext(TenantId tenant, RobotId robot, SlotId slot) {
        return "renkei/slot-credentials/" + tenant.value() + "/" + robot.value() + "/" + slot.value();
    }

    private static String atsContext(TenantId tenant, RobotId robot) {
        return "renkei/ats-credentials/" + tenant.value() + "/" + robot.value();
    }

    private Robot toRobot(RobotRow r, List<AccountSlot> slots) {
        TenantId tenant = TenantId.of(r.tenant());
        RobotId id = RobotId.of(r.robot());
        Credentials atsCredentials = r.atsCredentials() == null ? null
                : ctx.open(r.atsCredentials(), atsContext(tenant, id), "the ATS account of robot " + id + " (tenant "
                        + tenant + ")");
        AtsAccount ats = new AtsAccount(r.atsConnector(), r.atsAccount(), StoreJson.map(r.atsSettings()),
                atsCredentials);
        NotificationSettings notifications = new NotificationSettings(StoreJson.list(r.notifyTo()),
                StoreJson.list(r.notifyCc()), Locale.forLanguageTag(r.locale()));
        Schedule schedule = cachedSchedule(r.zone(), r.times());
        return new Robot(tenant, id, r.name(), r.linkage(), ats, slots, notifications, schedule, r.version());
    }

    private AccountSlot toSlot(SlotRow r) {
        TenantId tenant = TenantId.of(r.tenant());
        RobotId robot = RobotId.of(r.robot());
        SlotId slot = SlotId.parse(r.slot());
        Credentials credentials = ctx.open(r.credentials(), slotContext(tenant, robot, slot),
                "slot " + slot + " of robot " + robot + " (tenant " + tenant + ")");
        LoginVerdict verdict = r.verdictOk() == null ? null : new LoginVerdict(r.verdictAccount(), r.verdictOk(),
                r.verdictCode() == null ? null : ErrorCode.valueOf(r.verdictCode()), r.verdictMessage(), r.verdictAt());
        return new AccountSlot(slot, credentials, r.tombstoned(), verdict);
    }

    /** Robots mostly share a few schedules: each stored form is parsed once (bounded; cleared when full). */
    private static final int PARSED_SCHEDULES = 1_000;
    private static final Map<String, Schedule> SCHEDULES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Schedule cachedSchedule(String zone, String times) {
        String key = zone + "|" + times;
        Schedule known = SCHEDULES.get(key);
        if (known != null) {
            return known;
        }
        Schedule parsed = schedule(zone, times);
        if (SCHEDULES.size() >= PARSED_SCHEDULES) {
            SCHEDULES.clear();
        }
        SCHEDULES.put(key, parsed);
        return parsed;
    }

    private static Schedule schedule(String zone, String times) {
        return new Schedule(ZoneId.of(zone), times.isEmpty() ? List.of()
                : Arrays.stream(times.split(",")).map(LocalTime::parse).toList());
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
