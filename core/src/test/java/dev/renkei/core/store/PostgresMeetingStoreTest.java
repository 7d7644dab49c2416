package dev.renkei.core.store;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.TestPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** The meeting store contract on PostgreSQL (one database per class; every test uses its own tenant). */
class PostgresMeetingStoreTest extends MeetingStoreContract {
    private static DataSource ds;

    @BeforeAll
    static void database() {
        ds = TestPostgres.newDatabase();
    }

    @Override
    MeetingStore createStore(MutableClock clock) {
        JdbcStore s = JdbcStore.builder().dataSource(ds).cipher(SecretCipher.of("k1", new byte[32])).clock(clock)
                .build();
        s.migrate();
        return s.meetings();
    }
}
