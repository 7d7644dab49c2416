package dev.renkei.core.sync;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.SmallPool;
import dev.renkei.core.testing.TestPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The scheduler contract on a real PostgreSQL: every instance has its own {@link JdbcStore} and connection pool on
 * one fresh database per test. The stores share a hand-moved clock that stands in for the database clock, so
 * days of windows pass in seconds; each instance's own clock is skewed on top of it.
 */
class PostgresSchedulerTest extends SchedulerContract {
    private static final byte[] KEY = SecretCipher.generateKey();
    private String url;
    private MutableClock dbClock;

    @Override
    protected void newDatabase(MutableClock clock) {
        this.url = TestPostgres.newDatabaseUrl();
        this.dbClock = clock;
        ((JdbcStore) instanceStore()).migrate();
    }

    @Override
    protected RenkeiStore instanceStore() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser("postgres");
        return JdbcStore.builder().dataSource(new SmallPool(ds)).cipher(SecretCipher.of("test", KEY)).clock(dbClock)
                .build();
    }
}
