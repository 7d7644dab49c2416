package dev.renkei.ats.testing;

import dev.renkei.core.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test clock and a {@link Sleeper} that advances it instead of waiting. Use both for the HTTP executor when a
 * connector paces requests (Lever's 10 req/s): with a fixed clock and a no-op sleeper the executor's rate limiter
 * would never see time pass and would spin.
 */
public final class SteppingClock extends Clock implements Sleeper {
    private final AtomicReference<Instant> now;

    /** A clock starting at {@code start}. */
    public SteppingClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock forward. */
    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
