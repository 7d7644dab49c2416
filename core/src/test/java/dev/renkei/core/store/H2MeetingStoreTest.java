package dev.renkei.core.store;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.TestH2;

/** The meeting store contract on H2. */
class H2MeetingStoreTest extends MeetingStoreContract {
    @Override
    MeetingStore createStore(MutableClock clock) {
        JdbcStore s = JdbcStore.builder().dataSource(TestH2.newDatabase()).cipher(SecretCipher.of("k1", new byte[32]))
                .clock(clock).build();
        s.migrate();
        return s.meetings();
    }
}
