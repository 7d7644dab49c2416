package dev.renkei.core.sync;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.TestPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The interleaving contract on Postgres (one database for the class, a store per test on the test's clock). */
class PostgresInterleavingTest extends InterleavingContract {
    private static final SecretCipher CIPHER = SecretCipher.of("test", SecretCipher.generateKey());
    private static DataSource database;

    @BeforeAll
    static void database() {
        database = TestPostgres.newDatabase();
        JdbcStore.builder().dataSource(database).cipher(CIPHER).build().migrate();
    }

    @Override
    protected RenkeiStore newStore(MutableClock clock) {
        return JdbcStore.builder().dataSource(database).cipher(CIPHER).clock(clock).build();
    }
}
