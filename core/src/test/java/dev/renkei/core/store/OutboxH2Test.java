package dev.renkei.core.store;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.testing.TestH2;
import java.time.Clock;

/** The outbox contract on {@link JdbcStore} over H2, with the store's clock overridden. */
class OutboxH2Test extends OutboxContract {
    @Override
    protected RenkeiStore newStore(Clock clock) {
        JdbcStore store = JdbcStore.builder().dataSource(TestH2.newDatabase())
                .cipher(SecretCipher.of("k1", new byte[32])).clock(clock).build();
        store.migrate();
        return store;
    }
}
