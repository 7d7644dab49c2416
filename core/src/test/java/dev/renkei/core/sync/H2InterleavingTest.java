package dev.renkei.core.sync;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.TestH2;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The interleaving contract on H2 (one database for the class, a store per test on the test's clock). */
class H2InterleavingTest extends InterleavingContract {
    private static final SecretCipher CIPHER = SecretCipher.of("test", SecretCipher.generateKey());
    private static DataSource database;

    @BeforeAll
    static void database() {
        database = TestH2.newDatabase();
        JdbcStore.builder().dataSource(database).cipher(CIPHER).build().migrate();
    }

    @Override
    protected RenkeiStore newStore(MutableClock clock) {
        return JdbcStore.builder().dataSource(database).cipher(CIPHER).clock(clock).build();
    }
}
