package dev.renkei.core.http.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Parses {@code Retry-After}: delay-seconds, an HTTP-date, or an ISO-8601 date-time (Zoom). A time in the past
 * means "now". Not API.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /** The {@code Retry-After} of a response relative to {@code now}; empty when absent or unparseable. */
    public static Optional<Duration> of(HttpHeaders headers, Instant now) {
        return headers.firstValue("Retry-After").flatMap(v -> parse(v, now));
    }

    /** Parses a {@code Retry-After} value relative to {@code now}; empty when unparseable. */
    public static Optional<Duration> parse(String value, Instant now) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException ignored) {
            // not seconds
        }
        Instant at = null;
        try {
            at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException ignored) {
            try {
                at = OffsetDateTime.parse(v).toInstant();
            } catch (RuntimeException ignored2) {
                try {
                    at = Instant.parse(v);
                } catch (RuntimeException ignored3) {
                    return Optional.empty();
                }
            }
        }
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }
}
