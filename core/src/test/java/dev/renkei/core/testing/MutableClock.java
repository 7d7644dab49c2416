package dev.renkei.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand; after {@link #ticking()} it also moves with real time from where it stands (for
 * behaviour that waits on a timer, such as a pass scheduled for the moment a window opens). Thread-safe.
 */
public final class MutableClock extends Clock {
    private Instant now;
    /** {@link System#nanoTime()} when {@link #now} was read last while ticking; absent while stopped. */
    private long since;
    private boolean ticking;

    /** A clock at the given instant. */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward. */
    public synchronized void advance(Duration d) {
        now = instant().plus(d);
    }

    /** Sets the time. */
    public synchronized void set(Instant t) {
        instant();
        now = t;
    }

    /** From now on the clock also moves with real time. */
    public synchronized MutableClock ticking() {
        instant();
        ticking = true;
        since = System.nanoTime();
        return this;
    }

    @Override
    public synchronized Instant instant() {
        if (ticking) {
            long t = System.nanoTime();
            now = now.plusNanos(t - since);
            since = t;
        }
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
