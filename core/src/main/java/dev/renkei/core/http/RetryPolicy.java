package dev.renkei.core.http;

import java.time.Duration;
import java.util.Set;

/**
 * How the {@link HttpExecutor} retries: which statuses, how many attempts, and the exponential backoff with full
 * jitter ({@code random(0, min(cap, base·2^n))}), never less than a server's {@code Retry-After}.
 *
 * @param maxAttempts total attempts including the first, ≥ 1
 * @param baseDelay backoff base
 * @param maxDelay backoff cap (also the longest {@code Retry-After} honoured; a longer one ends the retries)
 * @param retryStatuses statuses that are retried
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Set<Integer> retryStatuses) {
    /** Retried statuses by default: 408, 429, 502, 503, 504. */
    public static final Set<Integer> DEFAULT_STATUSES = Set.of(408, 429, 502, 503, 504);

    /** 4 attempts, 500 ms base, 30 s cap. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30),
            DEFAULT_STATUSES);

    /** One attempt only. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Set.of());

    /** Validates. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay == null || baseDelay.isNegative() || maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= baseDelay <= maxDelay");
        }
        retryStatuses = retryStatuses == null ? Set.of() : Set.copyOf(retryStatuses);
    }

    /** A copy with another attempt count. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, retryStatuses);
    }
}
