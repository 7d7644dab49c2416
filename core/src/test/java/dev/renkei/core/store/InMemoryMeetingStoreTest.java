package dev.renkei.core.store;

import dev.renkei.core.testing.MutableClock;

/** The meeting store contract in memory. */
class InMemoryMeetingStoreTest extends MeetingStoreContract {
    @Override
    MeetingStore createStore(MutableClock clock) {
        return new InMemoryStore(clock).meetings();
    }
}
