package dev.renkei.core.store;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.testing.TestH2;
import java.time.Clock;

/** The MyPage contract on the JDBC store (H2). */
class MyPageStoreH2Test extends MyPageStoreContract {
    @Override
    protected RenkeiStore createStore(Clock clock) {
        JdbcStore s = JdbcStore.builder().dataSource(TestH2.newDatabase())
                .cipher(SecretCipher.of("k1", SecretCipher.generateKey())).clock(clock).build();
        s.migrate();
        return s;
    }
}
