package dev.renkei.core.store;

import java.time.Instant;
import java.util.Optional;

/** How far each board account has been read cleanly. */
public interface WatermarkStore {
    /** The watermark, if any. */
    Optional<Instant> get(WatermarkKey key);

    /** Moves the watermark forward to {@code to}; never moves it back. */
    void advance(WatermarkKey key, Instant to);
}
