package dev.renkei.core.http;

import java.time.Duration;

/**
 * A client-side token bucket for one host: {@code permits} requests per {@code period}, with bursts up to
 * {@code burst}, and at most {@code maxConcurrent} requests in flight (0 = unlimited).
 *
 * @param permits requests per period
 * @param period the period
 * @param burst bucket size
 * @param maxConcurrent concurrent requests, 0 for no limit
 */
public record RateLimit(int permits, Duration period, int burst, int maxConcurrent) {
    /** Validates. */
    public RateLimit {
        if (permits < 1 || burst < 1 || maxConcurrent < 0 || period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("rate limit needs permits >= 1, burst >= 1, a positive period and maxConcurrent >= 0");
        }
    }

    /** {@code n} requests per minute, burst {@code n}, no concurrency limit. */
    public static RateLimit perMinute(int n) {
        return new RateLimit(n, Duration.ofMinutes(1), n, 0);
    }

    /** {@code n} requests per second with bursts up to {@code burst}. */
    public static RateLimit perSecond(int n, int burst) {
        return new RateLimit(n, Duration.ofSeconds(1), burst, 0);
    }

    /** A copy with a concurrency limit. */
    public RateLimit withMaxConcurrent(int n) {
        return new RateLimit(permits, period, burst, n);
    }
}
