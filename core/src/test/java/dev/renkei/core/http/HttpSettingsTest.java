package dev.renkei.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation of RetryPolicy, RateLimit, CallOptions and the executor builder. */
class HttpSettingsTest {
    @Test
    void retryPolicyRejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseDelay <= maxDelay");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(-1), Duration.ofSeconds(1), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, null, Duration.ofSeconds(1), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryPolicyCopiesItsStatuses() {
        Set<Integer> statuses = new HashSet<>(Set.of(503));
        RetryPolicy p = new RetryPolicy(2, Duration.ZERO, Duration.ZERO, statuses);
        statuses.add(500);

        assertThat(p.retryStatuses()).containsExactly(503);
        assertThat(new RetryPolicy(2, Duration.ZERO, Duration.ZERO, null).retryStatuses()).isEmpty();
        assertThat(RetryPolicy.DEFAULT.retryStatuses()).containsExactlyInAnyOrder(408, 429, 502, 503, 504);
        assertThat(RetryPolicy.DEFAULT.withMaxAttempts(7).maxAttempts()).isEqualTo(7);
    }

    @Test
    void rateLimitRejectsNonsense() {
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1), 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, Duration.ZERO, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, Duration.ofSeconds(1), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(1, Duration.ofSeconds(1), 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RateLimit.perMinute(2000)).isEqualTo(new RateLimit(2000, Duration.ofMinutes(1), 2000, 0));
        assertThat(RateLimit.perSecond(5, 10).withMaxConcurrent(3)).isEqualTo(new RateLimit(5, Duration.ofSeconds(1), 10, 3));
    }

    @Test
    void callOptionsCopiesChangeOneThingEach() {
        CookieManager jar = new CookieManager();
        CallOptions o = CallOptions.DEFAULT.withCookies(jar).withRetryUnsafe().withDeadline(Duration.ofSeconds(3))
                .withMaxResponseBytes(10).withRetry(RetryPolicy.NONE);

        assertThat(o).isEqualTo(new CallOptions(true, RetryPolicy.NONE, Duration.ofSeconds(3), 10, jar));
        assertThat(CallOptions.DEFAULT).isEqualTo(new CallOptions(false, null, null, 0, null));
    }

    @Test
    void theBuilderRejectsNonPositiveLimits() {
        assertThatThrownBy(() -> HttpExecutor.builder().deadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
        assertThatThrownBy(() -> HttpExecutor.builder().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> HttpExecutor.builder().maxResponseBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResponseBytes");
    }

    @Test
    void aDerivedExecutorKeepsTheClockAndSleeper() {
        FakeClock clock = new FakeClock(java.time.Instant.EPOCH);
        Sleeper sleeper = new RecordingSleeper(clock);
        HttpExecutor base = HttpExecutor.builder().clock(clock).sleeper(sleeper).build();

        HttpExecutor derived = base.newBuilder().deadline(Duration.ofSeconds(1)).build();

        assertThat(derived.clock()).isSameAs(clock);
        assertThat(derived.sleeper()).isSameAs(sleeper);
    }
}
