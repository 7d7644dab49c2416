package dev.renkei.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Faults, deadlines, size cap and interruption, against WireMock. */
class HttpExecutorFaultTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final RetryPolicy THREE_TRIES = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2),
            RetryPolicy.DEFAULT_STATUSES);

    private final FakeClock clock = new FakeClock(Instant.parse("2025-04-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private HttpExecutor.Builder executor() {
        return HttpExecutor.builder().clock(clock).sleeper(sleeper).random(new SplittableRandom(7))
                .retry(THREE_TRIES).connectTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(2));
    }

    private HttpRequest getRequest(String path) {
        return HttpRequest.newBuilder(URI.create(wm.baseUrl() + path)).GET().build();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
            "RANDOM_DATA_THEN_CLOSE"})
    void retriesAGetOnEveryFaultThenReportsUnavailable(Fault fault) {
        wm.stubFor(get("/faulty").willReturn(aResponse().withFault(fault)));
        HttpExecutor http = executor().build();

        ConnectorException e = catchThrowableOfType(() -> http.execute(getRequest("/faulty")), ConnectorException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(e.getMessage()).contains("GET").contains("/faulty").contains("attempt 3");
        wm.verify(exactly(3), getRequestedFor(urlEqualTo("/faulty")));
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
            "RANDOM_DATA_THEN_CLOSE"})
    void succeedsWhenTheServerFailsTwiceThenAnswers(Fault fault) {
        wm.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(fault)).willSetStateTo("failed once"));
        wm.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withFault(fault)).willSetStateTo("failed twice"));
        wm.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(ok("hello")));
        HttpExecutor http = executor().build();

        HttpResult r = http.execute(getRequest("/flaky"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("hello");
        assertThat(r.attempts()).isEqualTo(3);
        wm.verify(exactly(3), getRequestedFor(urlEqualTo("/flaky")));
    }

    @Test
    void aResponseDelayedBeyondTheDeadlineTimesOutWithinTheDeadline() {
        wm.stubFor(get("/slow").willReturn(ok("late").withFixedDelay(1_000)));
        HttpExecutor http = executor().retry(THREE_TRIES.withMaxAttempts(1)).deadline(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        ConnectorException e = catchThrowableOfType(() -> http.execute(getRequest("/slow")), ConnectorException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(e.getMessage()).contains("did not answer within PT0.3S");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(800));
    }

    @Test
    void aBodyDribbledSlowerThanTheDeadlineTimesOut() {
        // headers arrive at once, then the body trickles in for a second: the deadline must cover the body too
        wm.stubFor(get("/dribble").willReturn(ok("x".repeat(1_000)).withChunkedDribbleDelay(10, 1_000)));
        HttpExecutor http = executor().retry(THREE_TRIES.withMaxAttempts(1)).deadline(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        ConnectorException e = catchThrowableOfType(() -> http.execute(getRequest("/dribble")),
                ConnectorException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(took).isLessThan(Duration.ofMillis(800));
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/dribble")));
    }

    @Test
    void aTimedOutGetIsRetriedAndEachAttemptHasItsOwnDeadline() {
        wm.stubFor(get("/slow-then-fast").inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(ok("late").withFixedDelay(1_000)).willSetStateTo("fast"));
        wm.stubFor(get("/slow-then-fast").inScenario("slow").whenScenarioStateIs("fast").willReturn(ok("quick")));
        HttpExecutor http = executor().deadline(Duration.ofMillis(400)).build();

        HttpResult r = http.execute(getRequest("/slow-then-fast"));

        assertThat(r.bodyText()).isEqualTo("quick");
        assertThat(r.attempts()).isEqualTo(2);
        wm.verify(exactly(2), getRequestedFor(urlEqualTo("/slow-then-fast")));
    }

    @Test
    void aContentLengthAboveTheCapIsRejectedWithoutRetry() {
        wm.stubFor(get("/big").willReturn(ok("y".repeat(5_000))));
        HttpExecutor http = executor().maxResponseBytes(1_000).build();

        ConnectorException e = catchThrowableOfType(() -> http.execute(getRequest("/big")), ConnectorException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        assertThat(e.getMessage()).contains("1000 bytes");
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/big")));
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void aChunkedBodyAboveTheCapIsRejectedWithoutRetry() throws Exception {
        wm.stubFor(get("/chunked").willReturn(ok("z".repeat(5_000)).withChunkedDribbleDelay(5, 50)));
        // precondition: the stub really answers without Content-Length, so the cap must count streamed bytes
        HttpResponse<Void> probe = HttpClient.newHttpClient().send(getRequest("/chunked"),
                HttpResponse.BodyHandlers.discarding());
        assertThat(probe.headers().firstValue("Content-Length")).isEmpty();
        wm.resetRequests();
        HttpExecutor http = executor().build();

        ConnectorException e = catchThrowableOfType(
                () -> http.execute(getRequest("/chunked"), CallOptions.DEFAULT.withMaxResponseBytes(1_000)),
                ConnectorException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE);
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/chunked")));
    }

    @Test
    void aBodyExactlyAtTheCapIsAccepted() {
        wm.stubFor(get("/fits").willReturn(ok("f".repeat(1_000))));
        HttpExecutor http = executor().maxResponseBytes(1_000).build();

        assertThat(http.execute(getRequest("/fits")).body()).hasSize(1_000);
    }

    @Test
    void anInterruptedCallerStopsAtOnceKeepsTheFlagAndThrows() {
        wm.stubFor(get("/any").willReturn(ok("never read")));
        HttpExecutor http = executor().build();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> http.execute(getRequest("/any")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("interrupted");

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void anInterruptWhileWaitingForTheResponseStopsTheCallAndKeepsTheFlag() {
        wm.stubFor(get("/hang").willReturn(ok("late").withFixedDelay(1_000)));
        HttpExecutor http = executor().deadline(Duration.ofSeconds(5)).build();
        Thread caller = Thread.currentThread();
        ScheduledExecutorService interrupter = Executors.newSingleThreadScheduledExecutor();
        try {
            interrupter.schedule(caller::interrupt, 150, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            assertThatThrownBy(() -> http.execute(getRequest("/hang")))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("interrupted");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            wm.verify(exactly(1), getRequestedFor(urlEqualTo("/hang")));
        } finally {
            interrupter.shutdownNow();
        }
    }

    @Test
    void anInterruptDuringTheBackoffStopsTheRetriesAndKeepsTheFlag() {
        wm.stubFor(get("/busy").willReturn(aResponse().withStatus(503)));
        RecordingSleeper interrupting = new RecordingSleeper(clock).onSleep((i, d) -> {
            throw new InterruptedException("host shutting down");
        });
        HttpExecutor http = executor().sleeper(interrupting).build();

        assertThatThrownBy(() -> http.execute(getRequest("/busy")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("interrupted");

        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/busy")));
    }

    @Test
    void aRefusedFirstContactSaysToCheckTheAddressButAnOutageOfAKnownHostRetriesNextRun() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HttpExecutor http = executor().build();
        HttpRequest toNowhere = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/api")).GET().build();

        ConnectorException first = catchThrowableOfType(() -> http.execute(toNowhere), ConnectorException.class);

        assertThat(first.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        assertThat(first.code().classification()).isEqualTo(dev.renkei.core.ErrorClassification.ACTION_REQUIRED);
        assertThat(first.getMessage()).contains("127.0.0.1:" + closedPort).contains("check the address");

        com.github.tomakehurst.wiremock.WireMockServer own =
                new com.github.tomakehurst.wiremock.WireMockServer(wireMockConfig().dynamicPort());
        own.start();
        int knownPort = own.port();
        try {
            own.stubFor(get("/up").willReturn(ok("fine")));
            assertThat(http.execute(getRequestTo(knownPort, "/up")).statusCode()).isEqualTo(200);
        } finally {
            own.stop();
        }

        ConnectorException later = catchThrowableOfType(() -> http.execute(getRequestTo(knownPort, "/up")),
                ConnectorException.class);

        assertThat(later.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(later.getMessage()).contains("it answered before");
    }

    private static HttpRequest getRequestTo(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
    }
}
