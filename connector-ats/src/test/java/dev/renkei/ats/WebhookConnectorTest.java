package dev.renkei.ats;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.renkei.ats.TestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ImportRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookConnectorTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    /** A server a robot editor would like the applicants to go to. */
    @RegisterExtension
    static WireMockExtension other = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestSupport t = new TestSupport();

    /** The host sets the receiver URL on the provider; the robot carries only mapping settings. */
    private AtsConnector connector() {
        return WebhookAtsConnectorProvider.builder().url(URI.create(wm.baseUrl() + "/hooks/renkei")).build()
                .create(t.context(Map.of("routing.default", "job-9"), "key-2026", "whsec-test"));
    }

    @Test
    void postsTheApplicantSignedSoThePublishedHelperVerifiesIt() {
        wm.stubFor(post(urlPathEqualTo("/hooks/renkei")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"candidateId\":\"cand-7\"}")));

        var record = connector().importApplicant(TestSupport.request("taro@example.jp", true));

        assertThat(record.atsId()).isEqualTo("cand-7");
        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlPathEqualTo("/hooks/renkei")));
        assertThat(sent).hasSize(1);
        LoggedRequest r = sent.get(0);
        assertThat(r.getHeader("Idempotency-Key")).isEqualTo("k-3f9a");
        assertThat(r.getHeader(WebhookSignature.KEY_ID_HEADER)).isEqualTo("key-2026");
        assertThat(WebhookSignature.verify("whsec-test", r.getHeader(WebhookSignature.TIMESTAMP_HEADER), r.getBody(),
                r.getHeader(WebhookSignature.SIGNATURE_HEADER), t.clock, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify("wrong", r.getHeader(WebhookSignature.TIMESTAMP_HEADER), r.getBody(),
                r.getHeader(WebhookSignature.SIGNATURE_HEADER), t.clock, Duration.ofMinutes(5))).isFalse();
        wm.verify(postRequestedFor(urlPathEqualTo("/hooks/renkei"))
                .withRequestBody(matchingJsonPath("$.applicant.name", equalTo("山田 太郎")))
                .withRequestBody(matchingJsonPath("$.applicant.nameKana", equalTo("ヤマダ タロウ")))
                .withRequestBody(matchingJsonPath("$.jobId", equalTo("job-9")))
                .withRequestBody(matchingJsonPath("$.source", equalTo("doda")))
                .withRequestBody(matchingJsonPath("$.applicant.attachments[0].fileName", equalTo("cv.pdf"))));
    }

    @Test
    void conflictMeansAlreadyImportedAndReturnsTheStoredId() {
        wm.stubFor(post(urlPathEqualTo("/hooks/renkei")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"candidateId\":\"cand-1\"}")));

        assertThat(connector().importApplicant(TestSupport.request("taro@example.jp", false)).atsId()).isEqualTo("cand-1");
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/hooks/renkei")));
    }

    @Test
    void serverErrorIsRetriedWithTheSameIdempotencyKey() {
        wm.stubFor(post(urlPathEqualTo("/hooks/renkei")).inScenario("503").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("up").willReturn(aResponse().withStatus(503)));
        wm.stubFor(post(urlPathEqualTo("/hooks/renkei")).inScenario("503").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("{\"candidateId\":\"cand-2\"}")));

        assertThat(connector().importApplicant(TestSupport.request("taro@example.jp", false)).atsId()).isEqualTo("cand-2");
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/hooks/renkei")).withHeader("Idempotency-Key", equalTo("k-3f9a")));
    }

    @Test
    void findUsesTheDocumentedGetAndReadsNotFound() {
        wm.stubFor(get(urlPathEqualTo("/hooks/renkei")).withQueryParam("idempotencyKey", equalTo("k-3f9a"))
                .willReturn(aResponse().withStatus(200).withBody("{\"candidateId\":\"cand-3\"}")));
        wm.stubFor(get(urlPathEqualTo("/hooks/renkei")).withQueryParam("idempotencyKey", equalTo("k-none"))
                .willReturn(aResponse().withStatus(404)));

        assertThat(connector().find(TestSupport.request("taro@example.jp", false))).map(r -> r.atsId()).contains("cand-3");
        assertThat(connector().find(new dev.renkei.core.spi.ImportRequest("k-none", "doda",
                TestSupport.applicant("taro@example.jp", false)))).isEmpty();
    }

    @Test
    void rejectedPayloadIsDataRejectedNamingTheField() {
        wm.stubFor(post(urlPathEqualTo("/hooks/renkei")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody(fixture("webhook/error-422.json"))));

        assertThatThrownBy(() -> connector().importApplicant(TestSupport.request("taro@example.jp", false)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_REJECTED);
                    assertThat(e.getMessage()).contains("applicant.email");
                });
    }

    @Test
    void refusedSignatureIsLoginFailed() {
        wm.stubFor(get(urlPathEqualTo("/hooks/renkei")).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> connector().checkLogin()).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED));
    }

    @Test
    void settlingAReservationTheReceiverHasSendsNothingAgain() {
        wm.stubFor(get(urlPathEqualTo("/hooks/renkei")).withQueryParam("idempotencyKey", equalTo("k-3f9a"))
                .willReturn(okJson("{\"candidateId\":\"cand-1\"}")));

        AtsRecord record = connector().importApplicant(TestSupport.request("taro@example.jp", true));

        assertThat(record.atsId()).isEqualTo("cand-1");
        assertThat(record.created()).isFalse();
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/hooks/renkei")));
        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/hooks/renkei")));
    }

    @Test
    void settlingAReservationTheReceiverLacksPostsTheFullPayloadWithTheSameKey() {
        wm.stubFor(get(urlPathEqualTo("/hooks/renkei")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(post(urlPathEqualTo("/hooks/renkei")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"candidateId\":\"cand-1\"}")));

        AtsRecord record = connector().importApplicant(TestSupport.request("taro@example.jp", true));

        assertThat(record.atsId()).isEqualTo("cand-1");
        assertThat(record.created()).as("409: the receiver had it").isFalse();
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/hooks/renkei"))
                .withHeader("Idempotency-Key", equalTo("k-3f9a"))
                .withRequestBody(matchingJsonPath("$.applicant.attachments[0].fileName", equalTo("cv.pdf")))
                .withRequestBody(matchingJsonPath("$.applicant.attachments[0].contentBase64")));
    }

    @Test
    void aFreshKeyIsPostedWithoutALookup() {
        wm.stubFor(post(urlPathEqualTo("/hooks/renkei")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"candidateId\":\"cand-9\"}")));
        ImportRequest fresh = new ImportRequest("k-fresh", "doda", TestSupport.applicant("taro@example.jp", true),
                false);

        assertThat(connector().importApplicant(fresh).created()).isTrue();

        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/hooks/renkei")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/hooks/renkei")));
    }

    // ---- the receiver URL is host configuration ----

    @Test
    void robotUrlOutsideWhatTheHostAllowedIsRefusedAndNothingIsSent() {
        other.stubFor(post(urlPathEqualTo("/steal")).willReturn(aResponse().withStatus(201)
                .withBody("{\"candidateId\":\"x\"}")));
        var p = WebhookAtsConnectorProvider.builder().url(URI.create(wm.baseUrl() + "/hooks/renkei")).build();
        var ctx = t.context(Map.of("url", other.baseUrl() + "/steal"), "key-2026", "whsec-test");

        assertThatThrownBy(() -> p.create(ctx).importApplicant(TestSupport.request("taro@example.jp", true)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.getMessage()).contains("'url'").contains(other.baseUrl() + "/steal")
                            .contains(wm.baseUrl() + "/hooks/renkei").doesNotContain("whsec-test");
                });
        assertThat(other.getAllServeEvents()).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void withoutAUrlFromTheHostEveryRobotIsRefused() {
        var p = new WebhookAtsConnectorProvider();

        assertThatThrownBy(() -> p.create(t.context(Map.of(), "k", "s")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.getMessage()).contains("no receiver URL");
                });
        assertThatThrownBy(() -> p.create(t.context(Map.of("url", "https://hr.example.com/renkei"), "k", "s")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.getMessage()).contains("'url'").contains("none");
                });
    }

    @Test
    void aRobotMayNameAUrlUnderAnAllowedPrefixAndNothingBesideIt() {
        other.stubFor(post(urlPathEqualTo("/tenants/acme")).willReturn(aResponse().withStatus(201)
                .withBody("{\"candidateId\":\"cand-acme\"}")));
        String prefix = other.baseUrl() + "/tenants/";
        var p = WebhookAtsConnectorProvider.builder().allowedUrlPrefixes(List.of(URI.create(prefix))).build();

        var record = p.create(t.context(Map.of("url", prefix + "acme"), "k", "whsec-test"))
                .importApplicant(TestSupport.request("taro@example.jp", false));

        assertThat(record.atsId()).isEqualTo("cand-acme");
        other.verify(exactly(1), postRequestedFor(urlPathEqualTo("/tenants/acme")));
        int otherPort = other.getPort();
        for (String refused : List.of(other.baseUrl() + "/tenantsx", other.baseUrl() + "/admin",
                prefix + "../admin", prefix + "%2e%2e/admin", prefix + "a%2Fb",
                "https://localhost:" + otherPort + "/tenants/acme",
                "http://localhost:" + wm.getPort() + "/tenants/acme",
                "http://user:pw@localhost:" + otherPort + "/tenants/acme",
                "http://127.0.0.2:" + otherPort + "/tenants/acme", "not a url")) {
            assertThatThrownBy(() -> p.create(t.context(Map.of("url", refused), "k", "whsec-test")))
                    .as(refused).isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                        assertThat(e.getMessage()).doesNotContain("pw@");
                    });
        }
        // the lookup and the POST of the one allowed URL, nothing for the refused ones
        assertThat(other.getAllServeEvents()).extracting(e -> e.getRequest().getUrl())
                .allMatch(u -> u.startsWith("/tenants/acme")).hasSize(2);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void prefixesAreHttpsExceptOnLoopbackAndExactUrlsMayBeHttp() {
        assertThatThrownBy(() -> WebhookAtsConnectorProvider.builder()
                .allowedUrlPrefixes(List.of(URI.create("http://hooks.example.com/t/"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("loopback");
        assertThat(WebhookAtsConnectorProvider.builder()
                .allowedUrlPrefixes(List.of(URI.create("http://127.0.0.1:8080/t/"), URI.create("http://[::1]/t/"),
                        URI.create("https://hooks.example.com/t/"))).build().allowedUrlPrefixes()).hasSize(3);
        // an exact URL is the host's explicit choice, e.g. a receiver on an internal network
        assertThat(WebhookAtsConnectorProvider.builder().url(URI.create("http://hr.internal/renkei?tenant=1")).build()
                .url()).contains(URI.create("http://hr.internal/renkei?tenant=1"));
        assertThatThrownBy(() -> WebhookAtsConnectorProvider.builder().url(URI.create("https://u:p@hr.example.com/")))
                .isInstanceOf(ValidationException.class);
    }
}
