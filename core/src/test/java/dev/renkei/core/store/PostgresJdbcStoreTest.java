package dev.renkei.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.StoreException;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
}
