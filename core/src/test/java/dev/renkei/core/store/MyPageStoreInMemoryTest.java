package dev.renkei.core.store;

import java.time.Clock;

/** The MyPage contract on {@link InMemoryStore}. */
class MyPageStoreInMemoryTest extends MyPageStoreContract {
    @Override
    protected RenkeiStore createStore(Clock clock) {
        return new InMemoryStore(clock);
    }
}
