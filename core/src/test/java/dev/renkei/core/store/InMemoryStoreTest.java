package dev.renkei.core.store;

/** The contract on {@link InMemoryStore}. */
class InMemoryStoreTest extends RenkeiStoreContract {
    @Override
    protected RenkeiStore createStore() {
        return new InMemoryStore();
    }
}
