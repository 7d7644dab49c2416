package dev.renkei.ats;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.renkei.ats.TestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.ValidationException;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.spi.ImportRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GreenhouseConnectorTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    /** A server a robot editor would like the client secret to go to. */
    @RegisterExtension
    static WireMockExtension other = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final TestSupport t = new TestSupport();
    private GreenhouseAtsConnectorProvider provider;
    private static final String CLIENT_BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("client-1:client-secret".getBytes(StandardCharsets.UTF_8));
    private static final String CV_BASE64 = Base64.getEncoder()
            .encodeToString("%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII));

    @BeforeEach
    void token() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(json(200, "token.json")));
        // the host points the provider at the simulator; robots carry only account and mapping settings
        provider = GreenhouseAtsConnectorProvider.builder().baseUrl(URI.create(wm.baseUrl()))
                .authUrl(URI.create(wm.baseUrl() + "/token")).build();
    }

    private AtsConnector connector(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "actingUserId", "4080",
                "routing.営業（東京）", "31",
                "routing.default", "39",
                "kanaCustomField", "name_kana"));
        config.putAll(extra);
        return provider.create(t.context(config, "client-1", "client-secret"));
    }

    private AtsConnector connector() {
        return connector(Map.of());
    }

    private static ResponseDefinitionBuilder json(int status, String fixtureName) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(fixture("greenhouse/" + fixtureName));
    }

    private static void candidatesAnswer(String fixtureName) {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).withQueryParam("email", equalTo("taro@example.jp"))
                .willReturn(json(200, fixtureName)));
    }

    @Test
    void createsCandidateWithOneApplicationAndAttachesTheResume() {
        candidatesAnswer("candidates-empty.json");
        wm.stubFor(post(urlEqualTo("/v3/candidates")).willReturn(json(201, "candidate-created.json")));
        wm.stubFor(post(urlEqualTo("/v3/attachments")).willReturn(json(201, "attachment-created.json")));

        var record = connector().importApplicant(TestSupport.request("taro@example.jp", true));

        assertThat(record.atsId()).isEqualTo("11/21");
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/token"))
                .withHeader("Authorization", equalTo(CLIENT_BASIC))
                .withRequestBody(equalTo("grant_type=client_credentials&sub=4080")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v3/candidates"))
                .withQueryParam("per_page", equalTo("100"))
                .withHeader("Authorization", equalTo("Bearer t1")));
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/candidates")).withRequestBody(equalToJson("""
                {"first_name":"太郎","last_name":"山田",
                 "email_addresses":[{"value":"taro@example.jp","type":"personal"}],
                 "phone_numbers":[{"value":"090-1234-5678","type":"mobile"}],
                 "addresses":[{"value":"東京都千代田区1-1","type":"home"}],
                 "website_addresses":[{"value":"urn:renkei:k-3f9a","type":"other"}],
                 "tags":["renkei","doda"],
                 "custom_fields":[{"name_key":"name_kana","value":"ヤマダ タロウ"}],
                 "application":{"job_id":31}}""")));
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/attachments")).withRequestBody(equalToJson(
                "{\"application_id\":21,\"filename\":\"cv.pdf\",\"type\":\"resume\",\"content\":\"" + CV_BASE64
                        + "\",\"content_type\":\"application/pdf\"}")));
    }

    @Test
    void lookupThatFindsAnEarlierCreateCreatesNothing() {
        candidatesAnswer("candidates-marked.json");
        wm.stubFor(get(urlPathEqualTo("/v3/applications")).withQueryParam("candidate_ids", equalTo("11"))
                .willReturn(json(200, "applications-on-job.json")));
        wm.stubFor(get(urlPathEqualTo("/v3/attachments")).withQueryParam("application_ids", equalTo("21"))
                .willReturn(json(200, "attachments-with-cv.json")));

        var record = connector().importApplicant(TestSupport.request("taro@example.jp", true));

        assertThat(record.atsId()).isEqualTo("11/21");
        wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v3/candidates")));
        wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v3/applications")));
        wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v3/attachments")));
    }

    @Test
    void foundApplicationWithoutTheResumeGetsItExactlyOnceAcrossAttempts() {
        candidatesAnswer("candidates-marked.json");
        wm.stubFor(get(urlPathEqualTo("/v3/applications")).withQueryParam("candidate_ids", equalTo("11"))
                .willReturn(json(200, "applications-on-job.json")));
        wm.stubFor(get(urlPathEqualTo("/v3/attachments")).withQueryParam("application_ids", equalTo("21"))
                .inScenario("files").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        wm.stubFor(post(urlEqualTo("/v3/attachments")).inScenario("files").willSetStateTo("attached")
                .willReturn(json(201, "attachment-created.json")));
        wm.stubFor(get(urlPathEqualTo("/v3/attachments")).withQueryParam("application_ids", equalTo("21"))
                .inScenario("files").whenScenarioStateIs("attached").willReturn(json(200, "attachments-with-cv.json")));
        AtsConnector c = connector();

        // e.g. a crash between the create and the upload: the next attempts find the application and fill it
        assertThat(c.importApplicant(TestSupport.request("taro@example.jp", true)).atsId()).isEqualTo("11/21");
        assertThat(c.importApplicant(TestSupport.request("taro@example.jp", true)).atsId()).isEqualTo("11/21");

        wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v3/candidates")));
        wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v3/applications")));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/v3/attachments")));
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/attachments")).withRequestBody(equalToJson(
                "{\"application_id\":21,\"filename\":\"cv.pdf\",\"type\":\"resume\",\"content\":\"" + CV_BASE64
                        + "\",\"content_type\":\"application/pdf\"}")));
    }

    @Test
    void onlyTheMissingSecondFileIsAddedAndItDoesNotTakeTheResumesPlace() {
        candidatesAnswer("candidates-marked.json");
        wm.stubFor(get(urlPathEqualTo("/v3/applications")).willReturn(json(200, "applications-on-job.json")));
        wm.stubFor(get(urlPathEqualTo("/v3/attachments")).willReturn(json(200, "attachments-with-cv.json")));
        wm.stubFor(post(urlEqualTo("/v3/attachments")).willReturn(json(201, "attachment-created.json")));
        Applicant a = Applicant.builder("B-100", TestSupport.START).name("山田 太郎").email("taro@example.jp")
                .appliedJob("営業（東京）")
                .attachment(new Attachment("cv.pdf", "application/pdf", "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII)))
                .attachment(new Attachment("職務経歴書.pdf", "application/pdf", "%PDF-1.4 cv2".getBytes(StandardCharsets.US_ASCII)))
                .build();

        connector().importApplicant(new ImportRequest("k-3f9a", "doda", a));

        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/attachments")));
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/attachments"))
                .withRequestBody(matchingJsonPath("$.filename", equalTo("職務経歴書.pdf")))
                .withRequestBody(matchingJsonPath("$.type", equalTo("other"))));
    }

    @Test
    void existingPersonWithoutThisJobGetsAnApplicationNotASecondCandidate() {
        candidatesAnswer("candidates-unmarked.json");
        wm.stubFor(get(urlPathEqualTo("/v3/applications")).withQueryParam("candidate_ids", equalTo("12"))
                .willReturn(json(200, "applications-other-job.json")));
        wm.stubFor(post(urlEqualTo("/v3/applications")).willReturn(json(201, "application-created.json")));
        wm.stubFor(post(urlEqualTo("/v3/attachments")).willReturn(json(201, "attachment-created.json")));

        var record = connector().importApplicant(TestSupport.request("taro@example.jp", true));

        assertThat(record.atsId()).isEqualTo("12/22");
        wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v3/candidates")));
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/applications"))
                .withRequestBody(equalToJson("{\"candidate_id\":12,\"job_id\":31}")));
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/attachments"))
                .withRequestBody(matchingJsonPath("$.application_id", equalTo("22"))));
    }

    @Test
    void createThatTimesOutButLandedIsFoundByTheLookupAfterIt() {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "candidates-empty.json")));
        wm.stubFor(post(urlEqualTo("/v3/candidates")).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("landed").willReturn(json(201, "candidate-created.json").withFixedDelay(4000)));
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).inScenario("slow").whenScenarioStateIs("landed")
                .willReturn(json(200, "candidates-marked.json")));
        wm.stubFor(get(urlPathEqualTo("/v3/applications")).willReturn(json(200, "applications-on-job.json")));

        var record = connector().importApplicant(TestSupport.request("taro@example.jp", false));

        assertThat(record.atsId()).isEqualTo("11/21");
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/candidates")));
    }

    @Test
    void oneTokenServesManyRequestsWhileItIsValid() {
        candidatesAnswer("candidates-empty.json");
        AtsConnector c = connector();

        for (int i = 0; i < 5; i++) {
            assertThat(c.find(TestSupport.request("taro@example.jp", false))).isEmpty();
        }
        // a second connector for the same account (next run) reuses the provider's cached token
        assertThat(connector().find(TestSupport.request("taro@example.jp", false))).isEmpty();

        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/token")));
        wm.verify(exactly(6), getRequestedFor(urlPathEqualTo("/v3/candidates")));
    }

    @Test
    void tokenIsRenewedShortlyBeforeItExpires() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token_type\":\"Bearer\",\"access_token\":\"t-short\",\"expires_in\":300}")));
        candidatesAnswer("candidates-empty.json");
        AtsConnector c = connector();

        c.find(TestSupport.request("taro@example.jp", false));
        t.clock.advance(Duration.ofSeconds(200));
        c.find(TestSupport.request("taro@example.jp", false));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/token")));
        t.clock.advance(Duration.ofSeconds(50)); // 250 s: less than the 60 s margin remains
        c.find(TestSupport.request("taro@example.jp", false));

        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/token")));
    }

    @Test
    void a401DropsTheTokenMintsOnceAndReplaysOnce() {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).inScenario("expired").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("renewed").willReturn(aResponse().withStatus(401)));
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).inScenario("expired").whenScenarioStateIs("renewed")
                .willReturn(json(200, "candidates-empty.json")));

        assertThat(connector().find(TestSupport.request("taro@example.jp", false))).isEmpty();

        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/token")));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/v3/candidates")));
    }

    @Test
    void a401AfterRenewalIsLoginFailedWithoutLooping() {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> connector().checkLogin()).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED));
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/token")));
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/v3/candidates")));
    }

    @Test
    void refusedClientCredentialsAreLoginFailed() {
        wm.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"invalid_client\"}")));

        assertThatThrownBy(() -> connector().checkLogin()).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED);
            assertThat(e.getMessage()).doesNotContain("client-secret");
        });
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/v3/candidates")));
    }

    @Test
    void missingScopeIsPermissionMissing() {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> connector().checkLogin()).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_MISSING));
    }

    @Test
    void rejectedCreateIsDataRejectedNamingTheField() {
        candidatesAnswer("candidates-empty.json");
        wm.stubFor(post(urlEqualTo("/v3/candidates")).willReturn(json(422, "error-422.json")));

        assertThatThrownBy(() -> connector().importApplicant(TestSupport.request("taro@example.jp", false)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_REJECTED);
                    assertThat(e.getMessage()).contains("first_name");
                });
        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/candidates")));
    }

    @Test
    void createRefusedWith429IsSentAgainAfterRetryAfter() {
        candidatesAnswer("candidates-empty.json");
        wm.stubFor(post(urlEqualTo("/v3/candidates")).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        wm.stubFor(post(urlEqualTo("/v3/candidates")).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(json(201, "candidate-created.json")));

        var record = connector().importApplicant(TestSupport.request("taro@example.jp", false));

        assertThat(record.atsId()).isEqualTo("11/21");
        assertThat(t.sleeps).contains(Duration.ofSeconds(7));
        wm.verify(exactly(2), postRequestedFor(urlEqualTo("/v3/candidates")));
    }

    @Test
    void bare429OnLookupIsRetriedByTheExecutorThenRateLimited() {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).willReturn(aResponse().withStatus(429)));

        assertThatThrownBy(() -> connector().find(TestSupport.request("taro@example.jp", false)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        wm.verify(exactly(3), getRequestedFor(urlPathEqualTo("/v3/candidates")));
        assertThat(t.sleeps).hasSize(2);
    }

    @Test
    void exhaustedRateLimitHeadersDelayTheNextCallUntilReset() {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).willReturn(json(200, "candidates-empty.json")
                .withHeader("X-RateLimit-Limit", "50").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", "5")));
        AtsConnector c = connector();

        c.find(TestSupport.request("taro@example.jp", false));
        assertThat(t.sleeps).isEmpty();
        c.find(TestSupport.request("taro@example.jp", false));

        assertThat(t.sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void followsLinkHeaderWithTheCursorAsTheOnlyParameter() {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).withQueryParam("email", equalTo("taro@example.jp"))
                .willReturn(json(200, "candidates-empty.json").withHeader("Link",
                        "<" + wm.baseUrl() + "/v3/candidates?cursor=abc&per_page=100&email=x>; rel=\"next\"")));
        wm.stubFor(get(urlEqualTo("/v3/candidates?cursor=abc")).willReturn(json(200, "candidates-marked.json")));
        wm.stubFor(get(urlPathEqualTo("/v3/applications")).willReturn(json(200, "applications-on-job.json")));

        var found = connector().find(TestSupport.request("taro@example.jp", false));

        assertThat(found).map(r -> r.atsId()).contains("11/21");
        wm.verify(exactly(1), getRequestedFor(urlEqualTo("/v3/candidates?cursor=abc")));
    }

    @Test
    void refusesALinkHeaderToAForeignHost() {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).willReturn(json(200, "candidates-empty.json")
                .withHeader("Link", "<https://evil.example/v3/candidates?cursor=abc>; rel=\"next\"")));

        assertThatThrownBy(() -> connector().find(TestSupport.request("taro@example.jp", false)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
                    assertThat(e.getMessage()).contains("another host");
                });
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v3/candidates")));
    }

    @Test
    void noRoutingTargetIsAConfigurationErrorTheCustomerCanFix() {
        AtsConnector c = provider.create(t.context(Map.of(), "client-1", "client-secret"));

        assertThatThrownBy(() -> c.importApplicant(TestSupport.request("taro@example.jp", false)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.code().actionRequired()).isTrue();
                    assertThat(e.getMessage()).contains("営業（東京）").contains("routing.default");
                });
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    // ---- endpoints are host configuration ----

    @Test
    void robotAuthUrlOutsideTheAllowlistIsRefusedAndTheClientSecretNeverLeaves() {
        other.stubFor(post(urlPathEqualTo("/token")).willReturn(json(200, "token.json")));
        other.stubFor(get(urlPathEqualTo("/v3/candidates")).willReturn(json(200, "candidates-empty.json")));

        assertThatThrownBy(() -> connector(Map.of("authUrl", other.baseUrl() + "/token")).checkLogin())
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.getMessage()).contains("'authUrl'").contains(other.baseUrl() + "/token")
                            .contains(wm.baseUrl() + "/token").contains("https://auth.greenhouse.io/token")
                            .doesNotContain("client-secret");
                });
        assertThat(other.getAllServeEvents()).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void robotBaseUrlOutsideTheAllowlistIsRefusedAndNoTokenGoesThere() {
        other.stubFor(get(urlPathEqualTo("/v3/candidates")).willReturn(json(200, "candidates-empty.json")));

        assertThatThrownBy(() -> connector(Map.of("baseUrl", other.baseUrl())).checkLogin())
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.getMessage()).contains("'baseUrl'").contains("https://harvest.greenhouse.io");
                });
        assertThat(other.getAllServeEvents()).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void defaultProviderUsesGreenhousesDocumentedHostsAndRobotsMayNameOnlyThose() {
        GreenhouseAtsConnectorProvider p = new GreenhouseAtsConnectorProvider();

        assertThat(p.allowedBaseUrls()).containsExactly(URI.create("https://harvest.greenhouse.io"));
        assertThat(p.allowedAuthUrls()).containsExactly(URI.create("https://auth.greenhouse.io/token"));
        assertThat(p.create(t.context(Map.of("baseUrl", "https://harvest.greenhouse.io/"), "c", "s")))
                .hasToString("GreenhouseConnector[https://harvest.greenhouse.io]");
        assertThatThrownBy(() -> p.create(t.context(Map.of("baseUrl", "https://api.greenhouse.io"), "c", "s")))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID));
        assertThatThrownBy(() -> GreenhouseAtsConnectorProvider.builder().authUrl(URI.create("https://auth#x")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("token URL");
    }

    @Test
    void aTokenUrlTheHostAllowedIsWhereTheClientCredentialsGo() {
        other.stubFor(post(urlPathEqualTo("/token")).willReturn(json(200, "token.json")));
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).willReturn(json(200, "candidates-empty.json")));
        provider = GreenhouseAtsConnectorProvider.builder().baseUrl(URI.create(wm.baseUrl()))
                .authUrl(URI.create(wm.baseUrl() + "/token"))
                .allowedAuthUrls(List.of(URI.create(other.baseUrl() + "/token"))).build();

        connector(Map.of("authUrl", other.baseUrl() + "/token")).checkLogin();

        other.verify(exactly(1), postRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", equalTo(CLIENT_BASIC)));
        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/token")));
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v3/candidates")));
    }

    @Test
    void severalUnmarkedCandidatesWithTheEmailAreNotGuessed() {
        wm.stubFor(get(urlPathEqualTo("/v3/candidates")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        [{"id":12,"email_addresses":[{"value":"taro@example.jp","type":"personal"}],"tags":[]},
                         {"id":13,"email_addresses":[{"value":"taro@example.jp","type":"work"}],"tags":[]}]""")));

        assertThatThrownBy(() -> connector().importApplicant(TestSupport.request("taro@example.jp", false)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DATA_REJECTED);
                    assertThat(e.getMessage()).contains("12").contains("13").contains("merge");
                });
        wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v3/candidates")));
    }

    @Test
    void nameWithoutSpaceBecomesTheLastName() {
        candidatesAnswer("candidates-empty.json");
        wm.stubFor(post(urlEqualTo("/v3/candidates")).willReturn(json(201, "candidate-created.json")));
        var a = dev.renkei.core.model.Applicant.builder("B-2", TestSupport.START).name("山田太郎")
                .email("taro@example.jp").appliedJob("営業（東京）").build();

        connector().importApplicant(new dev.renkei.core.spi.ImportRequest("k-3f9a", "doda", a));

        wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v3/candidates"))
                .withRequestBody(matchingJsonPath("$.last_name", equalTo("山田太郎")))
                .withRequestBody(matchingJsonPath("$.first_name", equalTo("-")))
                .withRequestBody(containing("\"tags\":[\"renkei\",\"doda\"]")));
    }
}
