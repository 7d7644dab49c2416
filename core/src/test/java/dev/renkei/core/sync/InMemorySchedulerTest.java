package dev.renkei.core.sync;

import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.testing.MutableClock;

/** The scheduler contract with every instance on one in-memory store. */
class InMemorySchedulerTest extends SchedulerContract {
    private InMemoryStore store;

    @Override
    protected void newDatabase(MutableClock dbClock) {
        store = new InMemoryStore(dbClock);
    }

    @Override
    protected RenkeiStore instanceStore() {
        return store;
    }
}
