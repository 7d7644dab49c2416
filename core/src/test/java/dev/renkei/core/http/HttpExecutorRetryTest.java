package dev.renkei.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which responses are retried, how long the executor waits, and when it gives up. */
class HttpExecutorRetryTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant NOW = Instant.parse("2025-04-01T03:00:00Z");
    private static final Duration BASE = Duration.ofMillis(100);
    private static final RetryPolicy THREE_TRIES = new RetryPolicy(3, BASE, Duration.ofSeconds(10),
            RetryPolicy.DEFAULT_STATUSES);

    private final FakeClock clock = new FakeClock(NOW);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    private HttpExecutor executor(RetryPolicy policy, RandomGenerator random) {
        return HttpExecutor.builder().clock(clock).sleeper(sleeper).random(random).retry(policy)
                .connectTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(2)).build();
    }

    private HttpExecutor executor() {
        return executor(THREE_TRIES, new SplittableRandom(42));
    }

    private static HttpRequest getRequest(String path) {
        return HttpRequest.newBuilder(URI.create(wm.baseUrl() + path)).GET().build();
    }

    private static HttpRequest.Builder postRequest(String baseUrl, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
    }

    /** The stub answers {@code first} once, then 200. */
    private static void failOnceThenOk(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
        wm.stubFor(get(path).inScenario(path).whenScenarioStateIs(STARTED).willReturn(first).willSetStateTo("ok"));
        wm.stubFor(get(path).inScenario(path).whenScenarioStateIs("ok").willReturn(ok("fine")));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 502, 503, 504})
    void retriesTransientStatusesUntilTheAttemptsRunOutAndReturnsTheLastResponse(int status) {
        wm.stubFor(get("/transient").willReturn(aResponse().withStatus(status).withBody("busy")));

        HttpResult r = executor().execute(getRequest("/transient"));

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.bodyText()).isEqualTo("busy");
        wm.verify(exactly(3), getRequestedFor(urlEqualTo("/transient")));
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 500, 501})
    void returnsOtherStatusesAsDataWithoutRetrying(int status) {
        wm.stubFor(get("/final").willReturn(aResponse().withStatus(status).withBody("no")));

        HttpResult r = executor().execute(getRequest("/final"));

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.isSuccess()).isFalse();
        assertThat(r.attempts()).isEqualTo(1);
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/final")));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aPostWithoutIdempotencyKeyIsSentOnlyOnce() {
        wm.stubFor(post("/apply").willReturn(aResponse().withStatus(503)));

        HttpResult r = executor().execute(postRequest(wm.baseUrl(), "/apply").build());

        assertThat(r.statusCode()).isEqualTo(503);
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/apply")));
    }

    @Test
    void aPostWithoutIdempotencyKeyIsNotResentAfterAnIoError() {
        wm.stubFor(post("/apply").willReturn(aResponse().withFault(
                com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        ConnectorException e = catchThrowableOfType(
                () -> executor().execute(postRequest(wm.baseUrl(), "/apply").build()), ConnectorException.class);

        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/apply")));
    }

    @Test
    void aPostWithAnIdempotencyKeyIsRetried() {
        wm.stubFor(post("/apply").willReturn(aResponse().withStatus(503)));

        HttpResult r = executor().execute(postRequest(wm.baseUrl(), "/apply").header("Idempotency-Key", "k-1").build());

        assertThat(r.attempts()).isEqualTo(3);
        wm.verify(exactly(3), postRequestedFor(urlEqualTo("/apply"))
                .withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("k-1")));
    }

    @Test
    void aPatchIsRetriedOnlyWithAnIdempotencyKey() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlEqualTo("/status"))
                .willReturn(aResponse().withStatus(503)));
        HttpRequest.Builder patch = HttpRequest.newBuilder(URI.create(wm.baseUrl() + "/status"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"));

        executor().execute(patch.copy().build());
        wm.verify(exactly(1), com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(urlEqualTo("/status")));

        wm.resetRequests();
        executor().execute(patch.copy().header("Idempotency-Key", "k-2").build());
        wm.verify(exactly(3), com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(urlEqualTo("/status")));
    }

    @Test
    void aPostMarkedRetryUnsafeIsRetried() {
        wm.stubFor(post("/search").willReturn(aResponse().withStatus(502)));

        executor().execute(postRequest(wm.baseUrl(), "/search").build(), CallOptions.DEFAULT.withRetryUnsafe());

        wm.verify(exactly(3), postRequestedFor(urlEqualTo("/search")));
    }

    @Test
    void aPostIsRetriedWhenTheConnectionWasRefusedBeforeAnythingWasSent() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        WireMockServer late = new WireMockServer(wireMockConfig().port(port));
        late.stubFor(post("/apply").willReturn(ok("created")));
        // the server comes up while the executor waits to retry the refused connection
        RecordingSleeper startsServer = new RecordingSleeper(clock).onSleep((i, d) -> {
            if (!late.isRunning()) {
                late.start();
            }
        });
        HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(startsServer).retry(THREE_TRIES)
                .deadline(Duration.ofSeconds(2)).build();
        try {
            HttpResult r = http.execute(postRequest("http://localhost:" + port, "/apply").build());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.attempts()).isEqualTo(2);
            late.verify(exactly(1), postRequestedFor(urlEqualTo("/apply")));
        } finally {
            late.stop();
        }
    }

    @Test
    void aRefusedConnectionIsRetriedAndReportedAfterTheLastAttempt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        ConnectorException e = catchThrowableOfType(
                () -> executor().execute(postRequest("http://localhost:" + port, "/apply").build()),
                ConnectorException.class);

        assertThat(e.code()).as("nothing ever answered there: check the address").isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        assertThat(e.getMessage()).contains("could not connect to http://localhost:" + port).contains("attempt 3");
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        failOnceThenOk("/ra-seconds", aResponse().withStatus(503).withHeader("Retry-After", "2"));

        HttpResult r = executor().execute(getRequest("/ra-seconds"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sleeper.sleeps()).singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(2).plus(BASE)));
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(3).atOffset(ZoneOffset.UTC));
        failOnceThenOk("/ra-date", aResponse().withStatus(429).withHeader("Retry-After", at));

        executor().execute(getRequest("/ra-date"));

        assertThat(sleeper.sleeps()).singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(3).plus(BASE)));
        wm.verify(exactly(2), getRequestedFor(urlEqualTo("/ra-date")));
    }

    @Test
    void retryAfterAsIsoDateTimeIsHonoured() {
        failOnceThenOk("/ra-iso", aResponse().withStatus(429).withHeader("Retry-After", NOW.plusSeconds(4).toString()));

        executor().execute(getRequest("/ra-iso"));

        assertThat(sleeper.sleeps()).singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(4).plus(BASE)));
    }

    @Test
    void retryAfterAsIsoDateTimeWithOffsetIsHonoured() {
        String at = NOW.plusSeconds(5).atOffset(ZoneOffset.ofHours(9)).toString();
        failOnceThenOk("/ra-offset", aResponse().withStatus(503).withHeader("Retry-After", at));

        executor().execute(getRequest("/ra-offset"));

        assertThat(sleeper.sleeps()).singleElement()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(5).plus(BASE)));
    }

    @Test
    void retryAfterInThePastMeansRetryAfterJitterOnly() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(30).atOffset(ZoneOffset.UTC));
        failOnceThenOk("/ra-past", aResponse().withStatus(503).withHeader("Retry-After", at));

        executor().execute(getRequest("/ra-past"));

        assertThat(sleeper.sleeps()).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ZERO, BASE));
    }

    @Test
    void a429WithoutRetryAfterWaitsAtLeastTheBaseDelay() {
        wm.stubFor(get("/limited").willReturn(aResponse().withStatus(429)));
        // the lowest jitter would wait nothing at all; a 429 must still slow down
        HttpExecutor http = executor(THREE_TRIES.withMaxAttempts(5), Randoms.lowest());

        HttpResult r = http.execute(getRequest("/limited"));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(sleeper.sleeps()).hasSize(4).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(BASE));
        wm.verify(exactly(5), getRequestedFor(urlEqualTo("/limited")));
    }

    @Test
    void aRetryAfterLongerThanTheCapReturnsTheResponseInsteadOfWaiting() {
        wm.stubFor(get("/later").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        HttpResult r = executor().execute(getRequest("/later"));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.header("Retry-After")).contains("3600");
        assertThat(sleeper.sleeps()).isEmpty();
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/later")));
    }

    @Test
    void anUnparseableRetryAfterFallsBackToBackoff() {
        failOnceThenOk("/ra-junk", aResponse().withStatus(503).withHeader("Retry-After", "soon-ish"));

        HttpResult r = executor().execute(getRequest("/ra-junk"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sleeper.sleeps()).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ZERO, BASE));
    }

    @Test
    void backoffDoublesFromTheBaseUpToTheCap() {
        wm.stubFor(get("/down").willReturn(aResponse().withStatus(503)));
        RetryPolicy policy = new RetryPolicy(8, BASE, Duration.ofMillis(1_000), RetryPolicy.DEFAULT_STATUSES);

        executor(policy, Randoms.highest()).execute(getRequest("/down"));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1_000), Duration.ofMillis(1_000),
                Duration.ofMillis(1_000));
        wm.verify(exactly(8), getRequestedFor(urlEqualTo("/down")));
    }

    @Test
    void backoffIsFullJitterWithinTheExponentialCeiling() {
        wm.stubFor(get("/down").willReturn(aResponse().withStatus(503)));
        RetryPolicy policy = new RetryPolicy(8, BASE, Duration.ofMillis(1_000), RetryPolicy.DEFAULT_STATUSES);

        executor(policy, new SplittableRandom(2025)).execute(getRequest("/down"));

        List<Duration> sleeps = sleeper.sleeps();
        assertThat(sleeps).hasSize(7);
        for (int n = 0; n < sleeps.size(); n++) {
            long ceiling = Math.min(1_000, 100L << n);
            assertThat(sleeps.get(n)).as("wait before attempt %d", n + 2)
                    .isBetween(Duration.ZERO, Duration.ofMillis(ceiling));
        }
        assertThat(sleeps).as("jittered, not a fixed ladder").doesNotHaveDuplicates();
    }

    @Test
    void theLowestJitterRetriesImmediately() {
        wm.stubFor(get("/down").willReturn(aResponse().withStatus(502)));

        executor(THREE_TRIES, Randoms.lowest()).execute(getRequest("/down"));

        assertThat(sleeper.sleeps()).containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void aPerCallPolicyOverridesTheExecutorPolicy() {
        wm.stubFor(get("/down").willReturn(aResponse().withStatus(503)));

        HttpResult r = executor().execute(getRequest("/down"), CallOptions.DEFAULT.withRetry(RetryPolicy.NONE));

        assertThat(r.attempts()).isEqualTo(1);
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/down")));
    }
}
