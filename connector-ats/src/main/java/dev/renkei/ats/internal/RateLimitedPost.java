package dev.renkei.ats.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends a non-idempotent POST that the executor must not retry, and repeats it only after a 429 — a request the
 * server refused, so it did not land. Waits {@code Retry-After} (seconds, HTTP-date or ISO), else 1 s, 2 s, 4 s…;
 * after {@code maxAttempts} or when {@code Retry-After} exceeds {@code maxWait} it returns the 429 for the caller to
 * report as {@link ErrorCode#RATE_LIMITED} (the next run continues). Not API.
 */
public final class RateLimitedPost {
    private final Sleeper sleeper;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration maxWait;

    /** A policy. */
    public RateLimitedPost(Sleeper sleeper, Clock clock, int maxAttempts, Duration maxWait) {
        this.sleeper = sleeper;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.maxWait = maxWait;
    }

    /** Sends {@code send} until it answers something other than 429 or the budget is spent. */
    public HttpResult send(Supplier<HttpResult> send) {
        for (int attempt = 1; ; attempt++) {
            HttpResult r = send.get();
            if (r.statusCode() != 429 || attempt >= maxAttempts) {
                return r;
            }
            Duration wait = r.retryAfter(clock.instant())
                    .orElse(Duration.ofSeconds(1L << Math.min(attempt - 1, 5)));
            if (wait.compareTo(maxWait) > 0) {
                return r;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ErrorCode.UNAVAILABLE, "interrupted while waiting after a 429", e);
            }
        }
    }
}
