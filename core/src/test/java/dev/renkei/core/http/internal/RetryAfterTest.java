package dev.renkei.core.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2025-04-01T03:00:00Z");

    @Test
    void parsesEveryRetryAfterForm() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 7 ", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Tue, 01 Apr 2025 03:01:00 GMT", NOW)).contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("2025-04-01T03:00:30Z", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("2025-04-01T12:00:10+09:00", NOW)).contains(Duration.ofSeconds(10));
        assertThat(RetryAfter.parse("-5", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("tomorrow", NOW)).isEmpty();
    }

    @Test
    void readsTheHeaderWhenPresent() {
        HttpHeaders with = HttpHeaders.of(Map.of("retry-after", List.of("2025-04-01T02:59:00Z")), (a, b) -> true);
        HttpHeaders without = HttpHeaders.of(Map.of(), (a, b) -> true);

        assertThat(RetryAfter.of(with, NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.of(without, NOW)).isEmpty();
    }
}
