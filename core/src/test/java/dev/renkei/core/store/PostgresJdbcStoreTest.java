package dev.renkei.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.StoreException;
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
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import dev.renkei.core.testing.TestPostgres;
import javax.sql.DataSource;

/** The contract and the JDBC specifics on a real PostgreSQL (embedded, started by the tests). */
class PostgresJdbcStoreTest extends JdbcStoreContract {
    @Override
    protected DataSource newDataSource() {
        return TestPostgres.newDatabase();
    }

    @Override
    protected String newDatabaseUrl() {
        return TestPostgres.newDatabaseUrl();
    }

    @Override
    protected String expectedKind() {
        return "POSTGRESQL";
    }

    @Test
    void aStatementBlockedByALockFailsAfterTheQueryTimeoutInsteadOfHanging() throws Exception {
        DataSource ds = TestPostgres.newDatabase();
        JdbcStore store = JdbcStore.builder().dataSource(ds).cipher(SecretCipher.of("k1", SecretCipher.generateKey()))
                .queryTimeout(Duration.ofSeconds(1)).build();
        store.migrate();
        SyncRun run = SyncRun.queued(TenantId.of("t"), RobotId.of("r"), RunTrigger.MANUAL, Instant.now());
        store.runs().claim(run);
        String execution = store.runs().start(run.id(), "node-1");
        try (Connection locker = ds.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement st = locker.createStatement()) {
                st.execute("SELECT * FROM renkei_runs WHERE run_id = '" + run.id() + "' FOR UPDATE");
            }
            long started = System.nanoTime();
            assertThatThrownBy(() -> store.runs().heartbeat(run.id(), execution)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("heartbeat run");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            locker.rollback();
        }
        assertThat(store.runs().heartbeat(run.id(), execution)).isTrue();
    }

    @Test
    void aQueryTimeoutBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> JdbcStore.builder().queryTimeout(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queryTimeout");
    }

    @Test
    void onTheDatabasesClockARunStartsWithItsRobotAndALoginIsRecordedInOneStatementEach() {
        AtomicInteger statements = new AtomicInteger();
        JdbcStore store = countingStore(statements);
        TenantId tenant = TenantId.of("t");
        Robot robot = store.robots().insert(new Robot(tenant, RobotId.of("r"), "Robot", true,
                new AtsAccount("webhook", "acct-1", Map.of(), null),
                List.of(new AccountSlot(new SlotId("doda", 1), new Credentials("login", Secret.of("pw"), Map.of()),
                        false, null)),
                NotificationSettings.to("hr@example.com"), Schedule.of(ZoneId.of("Asia/Tokyo")), 0));
        SyncRun run = SyncRun.queued(tenant, robot.id(), RunTrigger.MANUAL, Instant.now());
        store.runs().claim(run);
        Instant before = store.now();
        WatermarkKey account = new WatermarkKey(tenant, robot.ats().ledgerName(), "doda", "employer-1");
        store.watermarks().advance(account, before.minusSeconds(60));

        statements.set(0);
        RenkeiStore.RunStart started = store.startRun(run, "node-1");
        assertThat(statements).as("statements to start the run and read its robot").hasValue(1);
        Robot stored = store.robots().find(tenant, robot.id()).orElseThrow();
        statements.set(0);
        Optional<Instant> watermark = store.recordLogin(tenant, robot.id(), new SlotId("doda", 1),
                LoginVerdict.ok("doda_001", before), account);
        assertThat(statements).as("statements to save the verdict and read the watermark").hasValue(1);

        assertThat(started.run().startedAt()).isAfterOrEqualTo(before).isEqualTo(started.run().heartbeatAt())
                .isBeforeOrEqualTo(store.now());
        assertThat(started.robot()).contains(stored);
        assertThat(watermark).contains(before.minusSeconds(60));
    }

    @Test
    void onTheDatabasesClockAClaimStampsItsHeartbeatInItsOwnStatement() {
        AtomicInteger statements = new AtomicInteger();
        JdbcStore store = countingStore(statements);
        TenantId tenant = TenantId.of("t");
        Instant nine = Instant.parse("2026-12-02T00:00:00Z");
        SyncRun queued = SyncRun.queued(tenant, RobotId.of("r"), RunTrigger.SCHEDULED, nine);
        Instant before = store.now();

        statements.set(0);
        assertThat(store.runs().claimIfIdle(queued)).isEqualTo(RunStore.ClaimOutcome.CLAIMED);
        assertThat(statements).as("statements to claim a window on the database's clock").hasValue(1);

        assertThat(store.runs().find(queued.id()).orElseThrow().heartbeatAt()).isAfterOrEqualTo(before)
                .isBeforeOrEqualTo(store.now());
        // a run recorded already final (a missed window) keeps the heartbeat it has: none
        SyncRun missed = new SyncRun(RunId.random(), tenant, RobotId.of("r2"), RunTrigger.SCHEDULED, nine,
                RunStatus.MISSED, null, null, null, before, SyncResult.empty());
        assertThat(store.runs().claimIfIdle(missed)).isEqualTo(RunStore.ClaimOutcome.CLAIMED);
        assertThat(store.runs().find(missed.id()).orElseThrow().heartbeatAt()).isNull();
        // and a heartbeat the caller gives is stored as given
        Instant given = before.minusSeconds(30);
        SyncRun beating = SyncRun.queued(tenant, RobotId.of("r3"), RunTrigger.SCHEDULED, nine).withHeartbeat(given);
        assertThat(store.runs().claimIfIdle(beating)).isEqualTo(RunStore.ClaimOutcome.CLAIMED);
        assertThat(store.runs().find(beating.id()).orElseThrow().heartbeatAt()).isEqualTo(given);
    }

    /** A migrated store on a fresh database, on the database's clock, counting its statements in {@code into}. */
    private static JdbcStore countingStore(AtomicInteger into) {
        JdbcStore store = JdbcStore.builder().dataSource(counting(TestPostgres.newDatabase(), into))
                .cipher(SecretCipher.of("k1", SecretCipher.generateKey())).build();
        store.migrate();
        return store;
    }

    /** {@code ds}, counting the statements its connections prepare or create. */
    private static DataSource counting(DataSource ds, AtomicInteger statements) {
        InvocationHandler onDataSource = (proxy, method, args) -> {
            Object result = invoke(ds, method, args);
            if (!(result instanceof Connection c)) {
                return result;
            }
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (p, m, a) -> {
                        if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")) {
                            statements.incrementAndGet();
                        }
                        return invoke(c, m, a);
                    });
        };
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, onDataSource);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
