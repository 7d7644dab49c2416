package dev.renkei.ats;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.renkei.ats.TestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.ImportRequest;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeverConnectorTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    /** A server a robot editor would like the API key to go to. */
    @RegisterExtension
    static WireMockExtension other = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestSupport t = new TestSupport();
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("lever-key:".getBytes(StandardCharsets.UTF_8));

    /** The host points the provider at the simulator; robots carry only mapping settings. */
    private static LeverAtsConnectorProvider provider() {
        return LeverAtsConnectorProvider.builder().baseUrl(URI.create(wm.baseUrl() + "/v1")).build();
    }

    private AtsConnector connector() {
        return provider().create(t.context(robotSettings(Map.of()), "u-robot", "lever-key"));
    }

    private static Map<String, String> robotSettings(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of(
                "routing.営業（東京）", "p-sales",
                "routing.default", "p-unassigned",
                "source.doda", "doda転職"));
        m.putAll(extra);
        return m;
    }

    private static ImportRequest request() {
        return TestSupport.request("taro@example.jp", true);
    }

    private static void lookupAnswers(String fixtureName) {
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).withQueryParam("email", equalTo("taro@example.jp"))
                .willReturn(okJson(fixtureName)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String fixtureName) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(fixture("lever/" + fixtureName));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String fixtureName) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(fixture("lever/" + fixtureName));
    }

    @Test
    void createsOpportunityWithMarkerRoutingSourceKanaAndUploadsResume() {
        lookupAnswers("opportunities-empty.json");
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities")).willReturn(created("opportunity-created.json")));
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities/o-ours/files")).willReturn(created("file-uploaded.json")));

        var record = connector().importApplicant(request());

        assertThat(record.atsId()).isEqualTo("o-ours");
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/opportunities"))
                .withQueryParam("expand", equalTo("applications"))
                .withQueryParam("confidentiality", equalTo("all"))
                .withHeader("Authorization", equalTo(BASIC)));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/opportunities"))
                .withQueryParam("perform_as", equalTo("u-robot"))
                .withHeader("Authorization", equalTo(BASIC))
                .withRequestBody(equalToJson("""
                        {"name":"山田 太郎","headline":"ヤマダ タロウ","emails":["taro@example.jp"],
                         "phones":[{"type":"mobile","value":"090-1234-5678"}],"location":"東京都千代田区1-1",
                         "links":["urn:renkei:k-3f9a"],"tags":["renkei"],"sources":["doda転職"],
                         "origin":"applied","postings":["p-sales"],"createdAt":1788170400000}""")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/opportunities/o-ours/files"))
                .withQueryParam("perform_as", equalTo("u-robot"))
                .withHeader("Content-Type", containing("multipart/form-data; boundary="))
                .withRequestBody(containing("name=\"file\"; filename=\"cv.pdf\""))
                .withRequestBody(containing("%PDF-1.4 test")));
    }

    @Test
    void lookupThatFindsAnEarlierCreateCreatesNothing() {
        lookupAnswers("opportunities-marked.json");
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities/o-ours/files")).willReturn(okJson("files-with-cv.json")));

        var record = connector().importApplicant(request());

        assertThat(record.atsId()).isEqualTo("o-ours");
        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/v1/opportunities")));
        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/v1/opportunities/o-ours/files")));
    }

    @Test
    void foundOpportunityWithoutTheResumeGetsOnlyTheResume() {
        lookupAnswers("opportunities-marked.json");
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities/o-ours/files")).willReturn(okJson("files-empty.json")));
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities/o-ours/files")).willReturn(created("file-uploaded.json")));

        connector().importApplicant(request());

        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/v1/opportunities")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/opportunities/o-ours/files")));
    }

    @Test
    void foundOpportunityGetsItsMissingResumeExactlyOnceAcrossAttempts() {
        lookupAnswers("opportunities-marked.json");
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities/o-ours/files")).inScenario("files")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("files-empty.json")));
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities/o-ours/files")).inScenario("files")
                .willSetStateTo("uploaded").willReturn(created("file-uploaded.json")));
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities/o-ours/files")).inScenario("files")
                .whenScenarioStateIs("uploaded").willReturn(okJson("files-with-cv.json")));
        AtsConnector c = connector();

        // e.g. a crash after the create, before the upload: the next attempts find the opportunity and fill it
        assertThat(c.importApplicant(request()).atsId()).isEqualTo("o-ours");
        assertThat(c.importApplicant(request()).atsId()).isEqualTo("o-ours");

        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/v1/opportunities")));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/v1/opportunities/o-ours/files")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/opportunities/o-ours/files"))
                .withRequestBody(containing("filename=\"cv.pdf\"")));
    }

    // ---- endpoints are host configuration ----

    @Test
    void robotBaseUrlOutsideTheAllowlistIsRefusedAndTheApiKeyNeverLeaves() {
        other.stubFor(get(urlPathEqualTo("/v1/opportunities")).willReturn(okJson("opportunities-empty.json")));
        var ctx = t.context(robotSettings(Map.of("baseUrl", other.baseUrl() + "/v1")), "u-robot", "lever-key");

        assertThatThrownBy(() -> provider().create(ctx).checkLogin()).isInstanceOfSatisfying(ConnectorException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.getMessage()).contains("'baseUrl'").contains(other.baseUrl() + "/v1")
                            .contains(wm.baseUrl() + "/v1").contains("https://api.lever.co/v1")
                            .contains("https://api.sandbox.lever.co/v1").doesNotContain("lever-key");
                });
        assertThat(other.getAllServeEvents()).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void plainHttpToLeversOwnHostIsNotAllowedEither() {
        var ctx = t.context(Map.of("baseUrl", "http://api.lever.co/v1"), "u-robot", "lever-key");

        assertThatThrownBy(() -> new LeverAtsConnectorProvider().create(ctx))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID));
    }

    @Test
    void defaultProviderTalksToProductionAndLetsARobotPickTheSandbox() {
        LeverAtsConnectorProvider p = new LeverAtsConnectorProvider();

        assertThat(p.baseUrl()).isEqualTo(LeverAtsConnectorProvider.PRODUCTION_BASE_URL);
        assertThat(p.allowedBaseUrls()).containsExactly(URI.create("https://api.lever.co/v1"),
                URI.create("https://api.sandbox.lever.co/v1"));
        assertThat(p.create(t.context(Map.of(), "u", "k"))).hasToString("LeverConnector[https://api.lever.co/v1]");
        assertThat(p.create(t.context(Map.of("baseUrl", "https://API.sandbox.lever.co:443/v1/"), "u", "k")))
                .hasToString("LeverConnector[https://api.sandbox.lever.co/v1]");
    }

    @Test
    void aRobotMayPickAnotherUrlTheHostAllowedAndRequestsGoOnlyThere() {
        other.stubFor(get(urlPathEqualTo("/v1/opportunities")).willReturn(okJson("opportunities-empty.json")));
        LeverAtsConnectorProvider p = LeverAtsConnectorProvider.builder().baseUrl(URI.create(wm.baseUrl() + "/v1"))
                .allowedBaseUrls(List.of(URI.create(other.baseUrl() + "/v1"))).build();

        p.create(t.context(Map.of("baseUrl", other.baseUrl() + "/v1"), "u-robot", "lever-key")).checkLogin();

        other.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/opportunities"))
                .withHeader("Authorization", equalTo(BASIC)));
        assertThat(wm.getAllServeEvents()).isEmpty();
        assertThat(p.allowedBaseUrls()).containsExactly(URI.create(wm.baseUrl() + "/v1"),
                URI.create(other.baseUrl() + "/v1"));
    }

    @Test
    void hostUrlsAreCheckedWhenTheProviderIsBuilt() {
        assertThatThrownBy(() -> LeverAtsConnectorProvider.builder().baseUrl(URI.create("ftp://api.lever.co/v1")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Lever base URL");
        assertThatThrownBy(() -> LeverAtsConnectorProvider.builder()
                .baseUrl(URI.create("https://me:hunter2@api.lever.co/v1")))
                .isInstanceOf(ValidationException.class).message().doesNotContain("hunter2");
        assertThatThrownBy(() -> LeverAtsConnectorProvider.builder()
                .allowedBaseUrls(List.of(URI.create("/relative"))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void pagesThroughLookupWithOffsetFromNext() {
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).withQueryParam("email", equalTo("taro@example.jp"))
                .willReturn(okJson("opportunities-page1.json")));
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).withQueryParam("offset", equalTo("n1"))
                .willReturn(okJson("opportunities-marked.json")));

        var found = connector().find(TestSupport.request("taro@example.jp", false));

        assertThat(found).map(r -> r.atsId()).contains("o-ours");
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/opportunities")).withQueryParam("offset", equalTo("n1")));
    }

    @Test
    void createThatTimesOutButLandedIsFoundByTheLookupAfterIt() {
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("opportunities-empty.json")));
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("landed").willReturn(created("opportunity-created.json").withFixedDelay(4000)));
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).inScenario("slow").whenScenarioStateIs("landed")
                .willReturn(okJson("opportunities-marked.json")));

        var record = connector().importApplicant(TestSupport.request("taro@example.jp", false));

        assertThat(record.atsId()).isEqualTo("o-ours");
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/opportunities")));
    }

    @Test
    void unclearCreateNotYetVisibleIsReportedAndTheNextAttemptFindsItWithoutPostingAgain() {
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).inScenario("late").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("opportunities-empty.json")));
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities")).inScenario("late").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("invisible").willReturn(aResponse().withStatus(503).withBody("<html>busy</html>")));
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).inScenario("late").whenScenarioStateIs("invisible")
                .willSetStateTo("visible").willReturn(okJson("opportunities-empty.json")));
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).inScenario("late").whenScenarioStateIs("visible")
                .willReturn(okJson("opportunities-marked.json")));
        AtsConnector c = connector();
        ImportRequest r = TestSupport.request("taro@example.jp", false);

        assertThatThrownBy(() -> c.importApplicant(r)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
        var record = c.importApplicant(r);

        assertThat(record.atsId()).isEqualTo("o-ours");
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/opportunities")));
    }

    @Test
    void badApiKeyIsLoginFailed() {
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).willReturn(aResponse().withStatus(401)
                .withBody("{\"code\":\"UnauthorizedError\",\"message\":\"Invalid API key\"}")));

        assertThatThrownBy(() -> connector().checkLogin()).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/opportunities")).withQueryParam("limit", equalTo("1")));
    }

    @Test
    void forbiddenIsPermissionMissing() {
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> connector().checkLogin()).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_MISSING));
    }

    @Test
    void rejectedCreateIsDataRejectedNamingTheField() {
        lookupAnswers("opportunities-empty.json");
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(fixture("lever/error-400.json"))));

        assertThatThrownBy(() -> connector().importApplicant(request())).isInstanceOfSatisfying(ConnectorException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_REJECTED);
                    assertThat(e.getMessage()).contains("emails").contains("Invalid email address");
                });
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/opportunities")));
    }

    @Test
    void createRefusedWith429AndRetryAfterIsSentAgainAfterTheWait() {
        lookupAnswers("opportunities-empty.json");
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody(fixture("lever/error-429.json"))));
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(created("opportunity-created.json")));

        var record = connector().importApplicant(TestSupport.request("taro@example.jp", false));

        assertThat(record.atsId()).isEqualTo("o-ours");
        assertThat(t.sleeps).contains(Duration.ofSeconds(3));
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/v1/opportunities")));
    }

    @Test
    void createRefusedWith429WithoutRetryAfterBacksOffAndEndsRateLimited() {
        lookupAnswers("opportunities-empty.json");
        wm.stubFor(post(urlPathEqualTo("/v1/opportunities")).willReturn(aResponse().withStatus(429)
                .withBody(fixture("lever/error-429.json"))));

        assertThatThrownBy(() -> connector().importApplicant(TestSupport.request("taro@example.jp", false)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(t.sleeps).containsSubsequence(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        wm.verify(exactly(4), postRequestedFor(urlPathEqualTo("/v1/opportunities")));
    }

    @Test
    void applicantWithoutEmailIsIncompleteAndSendsNothing() {
        ImportRequest r = new ImportRequest("k-1", "doda", TestSupport.applicant(null, false));

        assertThatThrownBy(() -> connector().importApplicant(r)).isInstanceOfSatisfying(ConnectorException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.APPLICANT_INCOMPLETE);
                    assertThat(e.getMessage()).contains("e-mail");
                });
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void pacesRequestsToTenPerSecondAfterABurstOfTwenty() {
        wm.stubFor(get(urlPathEqualTo("/v1/opportunities")).willReturn(okJson("opportunities-empty.json")));
        AtsConnector c = connector();

        for (int i = 0; i < 25; i++) {
            c.checkLogin();
        }

        // 20 go at once, the 5 others wait 100 ms each on the (fake) clock
        assertThat(t.slept()).isBetween(Duration.ofMillis(450), Duration.ofMillis(550));
        wm.verify(exactly(25), getRequestedFor(urlPathEqualTo("/v1/opportunities")));
    }
}
