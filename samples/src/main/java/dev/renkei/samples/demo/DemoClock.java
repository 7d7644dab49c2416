package dev.renkei.samples.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the demo moves by hand, injected through {@code Renkei.builder().clock(...)}: a day passes in a call, not in
 * a day. Thread-safe.
 */
public final class DemoClock extends Clock {
    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public DemoClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward. */
    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the demo clock is UTC only");
    }
}
