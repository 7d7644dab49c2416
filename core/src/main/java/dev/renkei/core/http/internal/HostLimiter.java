package dev.renkei.core.http.internal;

import dev.renkei.core.http.RateLimit;
import dev.renkei.core.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;

/** Token bucket plus concurrency semaphore for one host ({@link RateLimit}). Not API. */
public final class HostLimiter {
    private final RateLimit limit;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Semaphore inFlight;
    private double tokens;
    private Instant refilledAt;

    /** A full bucket. */
    public HostLimiter(RateLimit limit, Clock clock, Sleeper sleeper) {
        this.limit = limit;
        this.clock = clock;
        this.sleeper = sleeper;
        this.inFlight = limit.maxConcurrent() > 0 ? new Semaphore(limit.maxConcurrent(), true) : null;
        this.tokens = limit.burst();
        this.refilledAt = clock.instant();
    }

    /** Waits for a slot in flight and a token; pair with {@link #release()}. */
    public void acquire() throws InterruptedException {
        if (inFlight != null) {
            inFlight.acquire();
        }
        try {
            while (true) {
                Duration wait;
                synchronized (this) {
                    Instant now = clock.instant();
                    double perNano = (double) limit.permits() / limit.period().toNanos();
                    long elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos());
                    tokens = Math.min(limit.burst(), tokens + elapsed * perNano);
                    refilledAt = now;
                    if (tokens >= 1) {
                        tokens -= 1;
                        return;
                    }
                    wait = Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
                }
                Instant before = clock.instant();
                sleeper.sleep(wait);
                if (!clock.instant().isAfter(before)) {
                    // a clock that does not move with the sleeper (a fixed test clock): count the wait as
                    // elapsed instead of spinning forever
                    synchronized (this) {
                        refilledAt = refilledAt.minus(wait);
                    }
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            if (inFlight != null) {
                inFlight.release();
            }
            throw e;
        }
    }

    /** Frees the slot in flight taken by {@link #acquire()}. */
    public void release() {
        if (inFlight != null) {
            inFlight.release();
        }
    }
}
