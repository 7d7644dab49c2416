package dev.renkei.core.sync;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.TestH2;
import org.junit.jupiter.api.BeforeAll;

/** The engine contract on H2, the embedded default database. */
class H2SyncEngineTest extends SyncEngineContract {
    private static JdbcStore store;

    @BeforeAll
    static void database() {
        store = JdbcStore.builder().dataSource(TestH2.newDatabase())
                .cipher(SecretCipher.of("test", SecretCipher.generateKey())).build();
        store.migrate();
    }

    @Override
    protected RenkeiStore newStore(MutableClock clock) {
        return store;
    }
}
