package dev.renkei.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-host rate and concurrency limits. */
class HttpExecutorLimitsTest {
    /** Counts requests in flight inside the stub while it holds each one for a while. */
    static final class InFlight implements ResponseDefinitionTransformerV2 {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            int n = now.incrementAndGet();
            max.accumulateAndGet(n, Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "in-flight";
        }
    }

    static final InFlight IN_FLIGHT = new InFlight();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(20).extensions(IN_FLIGHT)).build();

    private final FakeClock clock = new FakeClock(Instant.parse("2025-04-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @BeforeEach
    void resetCounter() {
        IN_FLIGHT.max.set(0);
        IN_FLIGHT.now.set(0);
    }

    private static HttpRequest getRequest(String path) {
        return HttpRequest.newBuilder(URI.create(wm.baseUrl() + path)).GET().build();
    }

    private HttpExecutor.Builder executor() {
        return HttpExecutor.builder().clock(clock).sleeper(sleeper).random(new SplittableRandom(1))
                .deadline(Duration.ofSeconds(5));
    }

    @Test
    void requestsBeyondTheBurstWaitForTheNextPermit() {
        wm.stubFor(get(urlPathEqualTo("/page")).willReturn(ok("p")));
        HttpExecutor http = executor().rateLimit("localhost", new RateLimit(2, Duration.ofSeconds(1), 2, 0)).build();

        for (int i = 0; i < 5; i++) {
            http.execute(getRequest("/page?n=" + i));
        }

        // burst of 2 at once, then one permit every 500 ms
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500),
                Duration.ofMillis(500));
        wm.verify(exactly(5), getRequestedFor(urlPathEqualTo("/page")));
    }

    @Test
    void aClockThatDoesNotMoveWithTheSleeperCountsTheWaitInsteadOfSpinning() {
        wm.stubFor(get(urlPathEqualTo("/page")).willReturn(ok("p")));
        List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(waits::add).deadline(Duration.ofSeconds(5))
                .rateLimit("localhost", new RateLimit(2, Duration.ofSeconds(1), 1, 0)).build();

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 3; i++) {
                http.execute(getRequest("/page?frozen=" + i));
            }
        });

        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @Test
    void aPerMinuteLimitSpacesRequestsEvenly() {
        wm.stubFor(get(urlPathEqualTo("/api")).willReturn(ok("a")));
        HttpExecutor http = executor().rateLimit("localhost", new RateLimit(60, Duration.ofMinutes(1), 1, 0)).build();

        for (int i = 0; i < 4; i++) {
            http.execute(getRequest("/api?n=" + i));
        }

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    @Test
    void unusedTimeRefillsTheBucketUpToTheBurstOnly() {
        wm.stubFor(get(urlPathEqualTo("/page")).willReturn(ok("p")));
        HttpExecutor http = executor().rateLimit("localhost", new RateLimit(1, Duration.ofSeconds(1), 3, 0)).build();

        for (int i = 0; i < 3; i++) {
            http.execute(getRequest("/page?a=" + i));
        }
        assertThat(sleeper.sleeps()).isEmpty();
        clock.advance(Duration.ofMinutes(10)); // idle long enough to refill far more than the burst
        for (int i = 0; i < 4; i++) {
            http.execute(getRequest("/page?b=" + i));
        }

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void otherHostsAreNotLimited() {
        wm.stubFor(get(urlPathEqualTo("/page")).willReturn(ok("p")));
        HttpExecutor http = executor().rateLimit("board.example", RateLimit.perSecond(1, 1)).build();

        for (int i = 0; i < 3; i++) {
            http.execute(getRequest("/page?n=" + i));
        }

        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void derivedExecutorsShareTheHostLimit() {
        wm.stubFor(get(urlPathEqualTo("/page")).willReturn(ok("p")));
        HttpExecutor first = executor().rateLimit("localhost", new RateLimit(1, Duration.ofSeconds(2), 1, 0)).build();
        HttpExecutor second = first.newBuilder().deadline(Duration.ofSeconds(3)).build();

        first.execute(getRequest("/page?x=1"));
        second.execute(getRequest("/page?x=2"));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void neverMoreThanMaxConcurrentRequestsAreInFlight() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/slow")).willReturn(ok("s").withTransformers("in-flight")));
        HttpExecutor http = executor()
                .rateLimit("localhost", new RateLimit(1_000, Duration.ofSeconds(1), 1_000, 2)).build();
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResult>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    go.await();
                    return http.execute(getRequest("/slow?n=" + n));
                }));
            }
            go.countDown();
            for (Future<HttpResult> f : results) {
                assertThat(f.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        wm.verify(exactly(callers), getRequestedFor(urlPathEqualTo("/slow")));
        assertThat(IN_FLIGHT.max.get()).isEqualTo(2);
    }

    @Test
    void withoutAConcurrencyLimitTheStubSeesParallelRequests() throws Exception {
        // the counterpart of the test above: shows the stub really measures concurrency
        wm.stubFor(get(urlPathEqualTo("/slow")).willReturn(ok("s").withTransformers("in-flight")));
        HttpExecutor http = executor().build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResult>> results = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 4; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    go.await();
                    return http.execute(getRequest("/slow?p=" + n));
                }));
            }
            go.countDown();
            for (Future<HttpResult> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(IN_FLIGHT.max.get()).isGreaterThan(2);
        wm.verify(exactly(4), getRequestedFor(urlPathEqualTo("/slow")));
    }

    @Test
    void aRetryTakesANewPermit() {
        wm.stubFor(get(urlEqualTo("/busy")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(503)));
        HttpExecutor http = executor()
                .retry(new RetryPolicy(2, Duration.ZERO, Duration.ofSeconds(1), RetryPolicy.DEFAULT_STATUSES))
                .rateLimit("localhost", new RateLimit(1, Duration.ofSeconds(1), 1, 0)).build();

        http.execute(getRequest("/busy"));

        // a zero backoff, then a full second for the limiter
        assertThat(sleeper.sleeps()).containsExactly(Duration.ZERO, Duration.ofSeconds(1));
        wm.verify(exactly(2), getRequestedFor(urlEqualTo("/busy")));
    }
}
