package dev.renkei.core.store.internal;

import dev.renkei.core.store.WatermarkKey;
import dev.renkei.core.store.WatermarkStore;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Watermarks in memory; they only move forward. Not API. */
public final class InMemoryWatermarks extends InMemoryRepository implements WatermarkStore {
    private final Map<WatermarkKey, Instant> watermarks = new HashMap<>();

    /** The watermarks of a store, guarded by {@code lock}. */
    public InMemoryWatermarks(Object lock, Clock clock) {
        super(lock, clock);
    }

    @Override
    public Optional<Instant> get(WatermarkKey key) {
        synchronized (lock) {
            return Optional.ofNullable(watermarks.get(key));
        }
    }

    @Override
    public void advance(WatermarkKey key, Instant to) {
        synchronized (lock) {
            watermarks.merge(key, to, (a, b) -> a.isAfter(b) ? a : b);
        }
    }
}
