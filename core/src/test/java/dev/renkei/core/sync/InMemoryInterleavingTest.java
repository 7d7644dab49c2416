package dev.renkei.core.sync;

import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.testing.MutableClock;

/** The interleaving contract on the in-memory store. */
class InMemoryInterleavingTest extends InterleavingContract {
    @Override
    protected RenkeiStore newStore(MutableClock clock) {
        return new InMemoryStore(clock);
    }
}
