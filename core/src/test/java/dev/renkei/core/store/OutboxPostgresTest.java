package dev.renkei.core.store;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.testing.TestPostgres;
import java.time.Clock;

/** The outbox contract on {@link JdbcStore} over a real PostgreSQL, with the store's clock overridden. */
class OutboxPostgresTest extends OutboxContract {
    @Override
    protected RenkeiStore newStore(Clock clock) {
        JdbcStore store = JdbcStore.builder().dataSource(TestPostgres.newDatabase())
                .cipher(SecretCipher.of("k1", new byte[32])).clock(clock).build();
        store.migrate();
        return store;
    }
}
