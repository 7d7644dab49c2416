package dev.renkei.core.store;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.testing.TestPostgres;
import java.time.Clock;

/** The MyPage contract on the JDBC store (Postgres). */
class MyPageStorePostgresTest extends MyPageStoreContract {
    @Override
    protected RenkeiStore createStore(Clock clock) {
        JdbcStore s = JdbcStore.builder().dataSource(TestPostgres.newDatabase())
                .cipher(SecretCipher.of("k1", SecretCipher.generateKey())).clock(clock).build();
        s.migrate();
        return s;
    }
}
