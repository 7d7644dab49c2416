package dev.renkei.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.mail.OutboxRelay;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.sync.RobotScheduler;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler, the engine (two slots, a heartbeat every 20 ms) and the outbox relay share a pool of exactly one
 * JDBC connection: nothing borrows a second connection while it holds one, so nothing waits for ever. The pool's
 * connection timeout turns a nested borrow into a failure instead of a hang.
 */
public abstract class OneConnectionContract extends EngineTestBase {
    private static final SecretCipher CIPHER = SecretCipher.of("test", SecretCipher.generateKey());
    private static HikariDataSource pool;

    /** A fresh, empty database. */
    protected abstract DataSource newDatabase();

    @Override
    protected RenkeiStore newStore(MutableClock clock) {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(newDatabase());
            config.setMaximumPoolSize(1);
            config.setMinimumIdle(1);
            config.setConnectionTimeout(3_000);
            config.setPoolName("one-connection");
            pool = new HikariDataSource(config);
            JdbcStore.builder().dataSource(pool).cipher(CIPHER).build().migrate();
        }
        // the database's own clock: reading it is a statement too, and must use the connection already held
        return JdbcStore.builder().dataSource(pool).cipher(CIPHER).build();
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Test
    void schedulerEngineAndRelayWorkOnASingleConnection() throws Exception {
        for (int i = 1; i <= 6; i++) {
            board.application("EMP-A", "A-" + i, minutesAgo(30 - i), "応募者" + i, "a" + i + "@example.jp");
            board.application("EMP-B", "B-" + i, minutesAgo(30 - i), "候補者" + i, "b" + i + "@example.jp");
        }
        RobotId robot = newRobot("a@example.jp", "b@example.jp");
        SyncEngine engine = track(engineBuilder().heartbeatInterval(Duration.ofMillis(20)).build());
        RobotScheduler scheduler = RobotScheduler.builder().store(store).engine(engine).maxConcurrentRuns(2)
                .deadAfter(Duration.ofMinutes(5)).build();
        try {
            CompletableFuture<SyncRun> firstRun = scheduler.runNow(tenant, robot);
            assertThat(scheduler.tick()).hasSize(1);
            SyncRun first = firstRun.get(60, TimeUnit.SECONDS);
            clock.advance(Duration.ofMinutes(1));
            CompletableFuture<SyncRun> secondRun = scheduler.runNow(tenant, robot);
            assertThat(scheduler.tick()).hasSize(1);
            SyncRun second = secondRun.get(60, TimeUnit.SECONDS);

            assertThat(first.status()).as(String.valueOf(first.result())).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(first.result().imported()).isEqualTo(12);
            assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(second.result().alreadyImported()).isEqualTo(12);
        } finally {
            scheduler.close();
        }
        assertThat(creates()).isEqualTo(12);
        OutboxRelay relay = relay();
        relay.sendDue();
        assertThat(store.outbox().list(OutboxMail.Status.PENDING)).filteredOn(m -> m.tenant().equals(tenant)).isEmpty();
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isZero();
    }
}
