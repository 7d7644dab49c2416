package dev.renkei.core.store;

import java.time.Clock;

/** The outbox contract on {@link InMemoryStore}. */
class OutboxInMemoryTest extends OutboxContract {
    @Override
    protected RenkeiStore newStore(Clock clock) {
        return new InMemoryStore(clock);
    }
}
