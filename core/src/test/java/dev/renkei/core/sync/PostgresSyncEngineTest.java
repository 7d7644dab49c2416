package dev.renkei.core.sync;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;

/** The engine contract on a real PostgreSQL (one database for the class; each test has its own tenant). */
class PostgresSyncEngineTest extends SyncEngineContract {
    private static JdbcStore store;

    @BeforeAll
    static void database() {
        store = JdbcStore.builder().dataSource(TestPostgres.newDatabase())
                .cipher(SecretCipher.of("test", SecretCipher.generateKey())).build();
        store.migrate();
    }

    @Override
    protected RenkeiStore newStore(MutableClock clock) {
        return store;
    }
}
