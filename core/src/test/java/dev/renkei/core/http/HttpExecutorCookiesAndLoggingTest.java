package dev.renkei.core.http;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.renkei.core.ConnectorException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session cookies, and what the executor's debug log may contain. */
class HttpExecutorCookiesAndLoggingTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String CANARY = "CANARY-s3cr3t-7781";

    private final FakeClock clock = new FakeClock(Instant.parse("2025-04-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(sleeper)
            .random(new SplittableRandom(3)).retry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1),
                    RetryPolicy.DEFAULT_STATUSES)).deadline(Duration.ofSeconds(2)).build();

    // System.Logger routes to java.util.logging when no other LoggerFinder is installed; the handler is local to
    // the executor's logger and removed after each test
    private final Logger jul = Logger.getLogger(HttpExecutor.class.getName());
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(String.valueOf(r.getMessage()) + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previous;

    @BeforeEach
    void captureLog() {
        previous = jul.getLevel();
        jul.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        jul.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        jul.removeHandler(capture);
        jul.setLevel(previous);
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(wm.baseUrl() + pathAndQuery);
    }

    @Test
    void aCookieJarKeepsTheSessionCookieForTheNextCall() {
        wm.stubFor(post("/login").willReturn(ok("welcome").withHeader("Set-Cookie", "SID=" + CANARY + "; Path=/")));
        wm.stubFor(get("/inbox").willReturn(ok("applications")));
        CookieManager jar = new CookieManager();
        CallOptions session = CallOptions.DEFAULT.withCookies(jar);

        http.execute(HttpRequest.newBuilder(uri("/login")).POST(HttpRequest.BodyPublishers.ofString("id=a")).build(),
                session);
        HttpResult inbox = http.execute(HttpRequest.newBuilder(uri("/inbox")).GET().build(), session);

        assertThat(inbox.bodyText()).isEqualTo("applications");
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/inbox")).withHeader("Cookie", containing("SID=" + CANARY)));
        assertThat(jar.getCookieStore().getCookies()).extracting(c -> c.getName()).containsExactly("SID");
    }

    @Test
    void callsWithoutTheJarSendNoCookie() {
        wm.stubFor(post("/login").willReturn(ok("welcome").withHeader("Set-Cookie", "SID=" + CANARY + "; Path=/")));
        wm.stubFor(get("/inbox").willReturn(ok("applications")));
        CookieManager jar = new CookieManager();

        http.execute(HttpRequest.newBuilder(uri("/login")).POST(HttpRequest.BodyPublishers.ofString("id=a")).build(),
                CallOptions.DEFAULT.withCookies(jar));
        http.execute(HttpRequest.newBuilder(uri("/inbox")).GET().build());

        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/inbox")).withHeader("Cookie", absent()));
    }

    @Test
    void aRetriedRequestCarriesTheCookiesReceivedMeanwhile() {
        wm.stubFor(get("/page").inScenario("c").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Set-Cookie", "LB=node2; Path=/"))
                .willSetStateTo("up"));
        wm.stubFor(get("/page").inScenario("c").whenScenarioStateIs("up").willReturn(ok("page")));
        CookieManager jar = new CookieManager();

        HttpResult r = http.execute(HttpRequest.newBuilder(uri("/page")).GET().build(),
                CallOptions.DEFAULT.withCookies(jar));

        assertThat(r.statusCode()).isEqualTo(200);
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/page")).withHeader("Cookie", containing("LB=node2")));
    }

    @Test
    void theDebugLogNeverContainsHeaderSecretsTokensOrCookies() {
        wm.stubFor(get(urlPathEqualTo("/v1/person")).willReturn(ok("<Person/>")
                .withHeader("Set-Cookie", "SID=" + CANARY)));
        wm.stubFor(get(urlPathEqualTo("/v1/fail")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String query = "?partition=1&access_token=" + CANARY + "&password=" + CANARY + "&code=" + CANARY;
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/person" + query))
                .header("Authorization", "Bearer " + CANARY)
                .header("X-porters-hrbc-oauth-token", CANARY)
                .header("Cookie", "SID=" + CANARY)
                .header("X-Trace", "trace-1")
                .GET().build();

        http.execute(request);
        try {
            http.execute(HttpRequest.newBuilder(uri("/v1/fail" + query)).header("Authorization", "Bearer " + CANARY)
                    .GET().build());
        } catch (ConnectorException expected) {
            assertThat(expected.getMessage()).doesNotContain(CANARY);
            assertThat(String.valueOf(expected.detail())).doesNotContain(CANARY);
        }

        assertThat(logged).as("the executor logs requests at DEBUG").isNotEmpty();
        assertThat(String.join("\n", logged))
                .doesNotContain(CANARY)
                .contains("/v1/person")
                .doesNotContain("partition=1")
                .doesNotContain("access_token")
                .contains("X-Trace: trace-1")
                .containsIgnoringCase("authorization: " + Redaction.NOT_LOGGED);
    }

    @Test
    void failureLinesAreOneLineEvenWhenTheServerSendsControlCharacters() throws Exception {
        // a hostile server answers with terminal escapes and a forged log line; the JDK quotes what it could not
        // parse in its exception message, which must not reach the log verbatim
        try (java.net.ServerSocket server = new java.net.ServerSocket(0)) {
            Thread responder = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (java.net.Socket s = server.accept()) {
                        s.getInputStream().read(new byte[4096]);
                        s.getOutputStream().write("HTTP/1.1 2\u001b[2J\u0007\u000bforged: entry\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        s.getOutputStream().flush();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            responder.setDaemon(true);
            responder.start();
            HttpExecutor http11 = http.newBuilder().httpClient(java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build()).build();
            URI target = URI.create("http://localhost:" + server.getLocalPort() + "/hostile");

            ConnectorException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> http11.execute(HttpRequest.newBuilder(target).GET().build()), ConnectorException.class);

            assertThat(e).isNotNull();
            assertThat(e.getCause().getMessage()).as("precondition: the JDK quotes the bytes").contains("\u001b");
            assertThat(logged).filteredOn(line -> line.contains("failed after")).singleElement()
                    .satisfies(line -> assertThat(line).doesNotContainPattern("[\\x00-\\x1F\\x7F]"));
        }
    }
}
