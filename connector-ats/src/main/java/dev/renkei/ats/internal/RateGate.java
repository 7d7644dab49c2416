package dev.renkei.ats.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Greenhouse's rate-limit headers: after {@code X-RateLimit-Remaining: 0} the next call waits until
 * {@code X-RateLimit-Reset}, or fails as {@code RATE_LIMITED} when that is further away than the longest wait. Not API.
 */
final class RateGate {
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration maxWait;
    private volatile Instant notBefore = Instant.EPOCH;

    RateGate(Clock clock, Sleeper sleeper, Duration maxWait) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.maxWait = maxWait;
    }

    void pace() {
        Duration wait = Duration.between(clock.instant(), notBefore);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(maxWait) > 0) {
            throw new ConnectorException(ErrorCode.RATE_LIMITED, "Greenhouse rate limit is exhausted until "
                    + notBefore + "; the next run continues");
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the rate limit", e);
        }
    }

    void remember(HttpResult r) {
        Optional<String> remaining = r.header("X-RateLimit-Remaining");
        Optional<String> reset = r.header("X-RateLimit-Reset");
        if (remaining.isEmpty() || reset.isEmpty()) {
            return;
        }
        try {
            if (Long.parseLong(remaining.get().strip()) > 0) {
                return;
            }
            long v = Long.parseLong(reset.get().strip());
            Instant now = clock.instant();
            // epoch seconds when it looks like one, else seconds from now
            notBefore = v > 1_000_000_000L ? Instant.ofEpochSecond(v) : now.plusSeconds(Math.max(0, v));
        } catch (NumberFormatException ignored) {
            // unknown format: rely on 429 + Retry-After
        }
    }
}
