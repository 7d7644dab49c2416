package dev.renkei.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.StoreException;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The store contract on {@link JdbcStore}, plus what only a database has: migrations and sealed columns. */
abstract class JdbcStoreContract extends RenkeiStoreContract {
    private static final byte[] KEY_1 = filled(1);
    private static final byte[] KEY_2 = filled(2);
    private static final String LOGIN = "alice.login@example.jp";
    private static final String PASSWORD = "S3cr3t-Pa55word!";
    private static final String COMPANY_CODE = "ACME.COMPANY@4711";
    private static final String ATS_KEY = "ats.api.key@9f8e7d";

    private DataSource dataSource;

    /** A new, empty database. */
    protected abstract DataSource newDataSource();

    /** The JDBC URL of a new, empty database. */
    protected abstract String newDatabaseUrl();

    /** What {@link JdbcStore#databaseKind()} should say. */
    protected abstract String expectedKind();

    @Override
    protected RenkeiStore createStore() {
        dataSource = newDataSource();
        JdbcStore s = storeOn(dataSource, SecretCipher.of("k1", KEY_1));
        s.migrate();
        return s;
    }

    private static JdbcStore storeOn(DataSource ds, SecretCipher cipher) {
        return JdbcStore.builder().dataSource(ds).cipher(cipher).build();
    }

    @Test
    void detectsTheDatabase() {
        assertThat(((JdbcStore) store).databaseKind()).isEqualTo(expectedKind());
    }

    @Test
    void migratingTwiceIsANoOp() {
        DataSource ds = newDataSource();
        JdbcStore fresh = storeOn(ds, SecretCipher.of("k1", KEY_1));

        assertThat(fresh.migrate()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        Robot robot = fresh.robots().insert(newRobot(tenant, "r1", slot("doda", 1, "a")));
        assertThat(fresh.migrate()).isEmpty();

        assertThat(queryStrings(ds, "SELECT CAST(version AS VARCHAR(10)) FROM renkei_schema_version ORDER BY version"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(fresh.robots().find(tenant, robot.id())).contains(robot);
    }

    @Test
    void concurrentMigrationsApplyEachVersionOnce() throws Exception {
        DataSource ds = newDataSource();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                JdbcStore instance = storeOn(ds, SecretCipher.of("k1", KEY_1));
                results.add(threads.submit(() -> {
                    go.await();
                    return instance.migrate();
                }));
            }
            go.countDown();
            List<Integer> applied = new ArrayList<>();
            for (Future<List<Integer>> f : results) {
                applied.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(applied).containsExactly(1, 2, 3, 4, 5, 6, 7);
            assertThat(queryStrings(ds, "SELECT description FROM renkei_schema_version ORDER BY version"))
                    .containsExactly("robots_runs_ledger_outbox", "schedule_state", "execution_tokens", "outbox_lease_token",
                            "meetings", "mypage", "ledger_lean_writes");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void credentialsAreStoredOnlySealed() throws SQLException {
        store.robots().insert(secretRobot("sealed"));

        List<String> slotCells = allCells("SELECT * FROM renkei_slots WHERE tenant_id = ?");
        List<String> robotCells = allCells("SELECT * FROM renkei_robots WHERE tenant_id = ?");

        assertThat(slotCells).isNotEmpty();
        for (String cell : concat(slotCells, robotCells)) {
            assertThat(cell).doesNotContain(LOGIN, PASSWORD, COMPANY_CODE, ATS_KEY);
        }
        assertThat(queryStrings(dataSource, "SELECT credentials FROM renkei_slots WHERE tenant_id = '" + tenant + "'"))
                .singleElement().asString().startsWith("v1.k1.");
        assertThat(queryStrings(dataSource, "SELECT ats_credentials FROM renkei_robots WHERE tenant_id = '" + tenant
                + "'")).singleElement().asString().startsWith("v1.k1.");
        Robot read = store.robots().find(tenant, RobotId.of("sealed")).orElseThrow();
        assertThat(read.slots().get(0).credentials().secret().reveal()).isEqualTo(PASSWORD);
        assertThat(read.ats().credentials().secret().reveal()).isEqualTo(ATS_KEY);
    }

    @Test
    void aSealedValueCopiedToAnotherSlotDoesNotOpen() throws SQLException {
        store.robots().insert(newRobot(tenant, "copy", slot("doda", 1, "first"), slot("doda", 2, "second")));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE renkei_slots SET credentials = (SELECT credentials "
                     + "FROM renkei_slots WHERE tenant_id = ? AND slot_id = 'doda_001') "
                     + "WHERE tenant_id = ? AND slot_id = 'doda_002'")) {
            ps.setString(1, tenant.value());
            ps.setString(2, tenant.value());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(() -> store.robots().find(tenant, RobotId.of("copy")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("doda_002")
                .hasMessageNotContaining("pw-first");
    }

    @Test
    void aCipherWithoutTheKeyIdFailsWithAClearError() {
        store.robots().insert(secretRobot("rotated"));
        JdbcStore withOtherKey = storeOn(dataSource, SecretCipher.of("k2", KEY_2));

        assertThatThrownBy(() -> withOtherKey.robots().find(tenant, RobotId.of("rotated")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("doda_001")
                .hasMessageContaining("'k1'")
                .hasMessageContaining("not configured")
                .hasMessageNotContaining(PASSWORD);

        JdbcStore rotating = storeOn(dataSource, SecretCipher.builder().key("k2", KEY_2).key("k1", KEY_1)
                .activeKey("k2").build());
        Robot read = rotating.robots().find(tenant, RobotId.of("rotated")).orElseThrow();
        assertThat(read.slots().get(0).credentials().secret().reveal()).isEqualTo(PASSWORD);
        rotating.robots().update(read);
        assertThat(queryStrings(dataSource, "SELECT credentials FROM renkei_slots WHERE tenant_id = '" + tenant + "'"))
                .singleElement().asString().startsWith("v1.k2.");
    }

    @Test
    void anUnmigratedDatabaseSaysToMigrate() {
        JdbcStore unmigrated = storeOn(newDataSource(), SecretCipher.of("k1", KEY_1));

        assertThatThrownBy(() -> unmigrated.robots().find(tenant, RobotId.of("r1")))
                .isInstanceOf(StoreException.class).hasMessageContaining("JdbcStore.migrate()");
    }

    @Test
    void eachRunErrorGetsARow() {
        SyncRun run = SyncRun.queued(tenant, RobotId.of("r1"), RunTrigger.MANUAL, t0);
        store.runs().claim(run);
        String execution = store.runs().start(run.id(), "node-1");
        store.runs().finish(store.runs().find(run.id()).orElseThrow()
                .finished(RunStatus.FAILED, t0.plusSeconds(5), resultWithErrors()), List.of(), execution);

        assertThat(queryStrings(dataSource, "SELECT error_code || '/' || classification || '/' || error_where "
                + "FROM renkei_run_errors WHERE run_id = '" + run.id() + "' ORDER BY seq"))
                .containsExactly("UNAVAILABLE/NO_ACTION_NEEDED/ATS", "DATA_REJECTED/ACTION_REQUIRED/doda_001");
    }

    @Test
    void aStoreBuiltFromAUrlOpensItsOwnConnections() {
        JdbcStore byUrl = JdbcStore.builder().url(newDatabaseUrl(), null, null).cipher(SecretCipher.of("k1", KEY_1))
                .build();
        byUrl.migrate();

        Robot saved = byUrl.robots().insert(newRobot(tenant, "r1", slot("doda", 1, "a")));

        assertThat(byUrl.robots().find(tenant, saved.id())).contains(saved);
        assertThat(byUrl.toString()).doesNotContain("password");
    }

    @Test
    void buildingNeedsADataSourceAndACipher() {
        assertThatThrownBy(() -> JdbcStore.builder().dataSource(dataSource).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SecretCipher");
        assertThatThrownBy(() -> JdbcStore.builder().cipher(SecretCipher.of("k1", KEY_1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("data source");
        assertThatThrownBy(() -> JdbcStore.builder().url("postgres://nope", null, Secret.of("pw")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Robot secretRobot(String id) {
        return newRobot(tenant, id)
                .withAts(new AtsAccount("webhook", "acct-1", Map.of(),
                        new Credentials("ats-user", Secret.of(ATS_KEY), Map.of())))
                .withSlots(List.of(new AccountSlot(new SlotId("doda", 1),
                        new Credentials(LOGIN, Secret.of(PASSWORD), Map.of("companyCode", COMPANY_CODE)), false, null)));
    }

    private List<String> allCells(String sql) throws SQLException {
        List<String> cells = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        cells.add(String.valueOf(rs.getString(i)));
                    }
                }
            }
        }
        return cells;
    }

    private static List<String> queryStrings(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
