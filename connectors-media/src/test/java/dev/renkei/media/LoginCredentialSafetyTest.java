package dev.renkei.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaSession;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The password goes to the board's login origin (or an origin the profile lists) in a POST body, and nowhere else:
 * not along a redirect to another server, not into a URL. {@code board} is the job board; {@code other} is a second
 * server that must never see the password.
 */
class LoginCredentialSafetyTest {
    private static final String CANARY = "canary-pw-7f3a";
    private static final Credentials CREDENTIALS = Credentials.of("recruiter@example.jp", CANARY);
    private static final String SUCCESS = "<html><body><p id=\"welcome\">ようこそ</p></body></html>";

    @RegisterExtension
    static WireMockExtension board = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static WireMockExtension other = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @ParameterizedTest(name = "{0}, other origin listed: {1}")
    @CsvSource({"307, false", "307, true", "308, false", "308, true"})
    void aLoginPostRedirectedWith307Or308ToAnotherOriginIsRefusedAndThePasswordNeverGetsThere(int status,
                                                                                              boolean listed) {
        loginPage("<form id=\"login\" action=\"/login\" method=\"post\">");
        board.stubFor(post("/login").willReturn(aResponse().withStatus(status)
                .withHeader("Location", other.baseUrl() + "/capture")));
        other.stubFor(any(anyUrl()).willReturn(html(SUCCESS)));
        MediaConnector connector = connector(listed ? other.baseUrl() : null);

        assertThatThrownBy(() -> connector.login(CREDENTIALS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.getMessage()).contains("(" + status + ")", "was not sent");
                    assertThat(e.getMessage() + e.detail()).doesNotContain(CANARY);
                });
        other.verify(0, anyRequestedFor(anyUrl()));
        assertThat(other.getAllServeEvents()).isEmpty();
        board.verify(exactly(1), postRequestedFor(urlEqualTo("/login")).withRequestBody(containing("pw=" + CANARY)));
    }

    @Test
    void aLoginPostAnswered302ToAnUnlistedOriginIsRefused() {
        loginPage("<form id=\"login\" action=\"/login\" method=\"post\">");
        board.stubFor(post("/login").willReturn(aResponse().withStatus(302)
                .withHeader("Location", other.baseUrl() + "/home")));
        other.stubFor(any(anyUrl()).willReturn(html(SUCCESS)));

        assertThatThrownBy(() -> connector(null).login(CREDENTIALS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.getMessage()).contains("login.allowedOrigins");
                });
        other.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aLoginPostAnswered302ToAListedOriginContinuesThereAsAGetWithoutTheForm() {
        loginPage("<form id=\"login\" action=\"/login\" method=\"post\">");
        board.stubFor(post("/login").willReturn(aResponse().withStatus(302)
                .withHeader("Location", other.baseUrl() + "/home")));
        other.stubFor(get("/home").willReturn(html(SUCCESS)));

        try (MediaSession session = connector(other.baseUrl()).login(CREDENTIALS)) {
            assertThat(session.accountKey()).isEqualTo("recruiter@example.jp");
        }
        other.verify(exactly(1), getRequestedFor(urlEqualTo("/home")));
        other.verify(0, postRequestedFor(anyUrl()));
        assertNoPasswordIn(other);
    }

    @Test
    void cookiesOfTheLoginHostAreNotSentToAnotherHostAndAForeignDomainCookieIsDropped() {
        String otherHost = "http://127.0.0.1:" + other.getPort();
        board.stubFor(get("/login").willReturn(html(form("<form id=\"login\" action=\"/login\" method=\"post\">"))
                .withHeader("Set-Cookie", "PRE=pre-1; Path=/")));
        board.stubFor(post("/login").willReturn(aResponse().withStatus(302)
                .withHeader("Location", otherHost + "/home")
                .withHeader("Set-Cookie", "SID=sid-1; Path=/")
                .withHeader("Set-Cookie", "PLANTED=planted-1; Domain=127.0.0.1; Path=/")));
        other.stubFor(get("/home").willReturn(html(SUCCESS)
                .withHeader("Set-Cookie", "OTHER=other-1; Path=/")));
        board.stubFor(get("/account").willReturn(html("<p id=\"account\">ACC-1</p>")));

        try (MediaSession session = connectorFor(profile(otherHost, "\"accountKey\": { \"selector\": \"#account\" }, "
                + "\"accountKeyUrl\": \"/account\",")).login(CREDENTIALS)) {
            assertThat(session.accountKey()).isEqualTo("ACC-1");
        }
        // the jar works within the board: the pre-login and the session cookie come back, nothing from elsewhere
        board.verify(exactly(1), postRequestedFor(urlEqualTo("/login")).withHeader("Cookie", containing("PRE=pre-1")));
        board.verify(exactly(1), getRequestedFor(urlEqualTo("/account"))
                .withHeader("Cookie", containing("SID=sid-1")).withHeader("Cookie", containing("PRE=pre-1")));
        assertThat(board.getAllServeEvents()).allSatisfy(e -> assertThat(cookieHeader(e))
                .doesNotContain("PLANTED").doesNotContain("OTHER"));
        // the other host (listed, so the redirect is followed) gets none of the board's cookies
        other.verify(exactly(1), getRequestedFor(urlEqualTo("/home")).withoutHeader("Cookie"));
    }

    @Test
    void aLoginFormWhoseActionIsOnAnotherOriginIsRefusedBeforeAnythingIsSent() {
        loginPage("<form id=\"login\" action=\"" + other.baseUrl() + "/login\" method=\"post\">");
        other.stubFor(any(anyUrl()).willReturn(html(SUCCESS)));

        assertThatThrownBy(() -> connector(null).login(CREDENTIALS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.getMessage()).contains("http://localhost:" + other.getPort(),
                            "password was not sent", "login.allowedOrigins");
                    assertThat(e.detail()).contains("login.formSelector 'form#login'", other.baseUrl() + "/login");
                });
        other.verify(0, anyRequestedFor(anyUrl()));
        board.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void theLoginFormMaySendOnlyToTheLoginPagesOwnOriginNotMerelyToTheBaseUrls() {
        other.stubFor(get("/login").willReturn(html(form("<form id=\"login\" action=\"" + board.baseUrl()
                + "/session\" method=\"post\">"))));
        board.stubFor(any(anyUrl()).willReturn(html(SUCCESS)));
        String json = profile(null, "").replace("\"url\": \"/login\"", "\"url\": \"" + other.baseUrl() + "/login\"");

        assertThatThrownBy(() -> connectorFor(json).login(CREDENTIALS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.getMessage()).contains("password was not sent");
                });
        board.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aLoginFormWhoseActionIsOnAListedOriginPostsThere() {
        loginPage("<form id=\"login\" action=\"" + other.baseUrl() + "/login\" method=\"post\">");
        other.stubFor(post("/login").willReturn(html(SUCCESS)));

        try (MediaSession session = connector(other.baseUrl()).login(CREDENTIALS)) {
            assertThat(session.accountKey()).isEqualTo("recruiter@example.jp");
        }
        other.verify(exactly(1), postRequestedFor(urlEqualTo("/login")).withRequestBody(containing("pw=" + CANARY)));
    }

    @Test
    void aPasswordFormWithoutAMethodIsPostedAndThePasswordIsInNoUrl() {
        loginPage("<form id=\"login\" action=\"/login\">");
        board.stubFor(post("/login").willReturn(html(SUCCESS)));

        try (MediaSession session = connector(null).login(CREDENTIALS)) {
            assertThat(session.accountKey()).isEqualTo("recruiter@example.jp");
        }
        board.verify(exactly(1), postRequestedFor(urlEqualTo("/login"))
                .withRequestBody(containing("user=recruiter%40example.jp"))
                .withRequestBody(containing("pw=" + CANARY)));
        assertThat(board.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getUrl()).doesNotContain(CANARY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "GET", "dialog"})
    void aPasswordFormWithAnExplicitGetIsRefused(String method) {
        loginPage("<form id=\"login\" action=\"/login\" method=\"" + method + "\">");

        assertThatThrownBy(() -> connector(null).login(CREDENTIALS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.getMessage()).contains("method GET", "into the URL");
                });
        board.verify(exactly(1), anyRequestedFor(anyUrl()));
        assertThat(board.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getUrl()).doesNotContain(CANARY));
    }

    @Test
    void theLoginPageRedirectedToAnUnlistedOriginIsNotFollowed() {
        board.stubFor(get("/login").willReturn(aResponse().withStatus(302)
                .withHeader("Location", other.baseUrl() + "/login")));
        other.stubFor(any(anyUrl()).willReturn(html(form("<form id=\"login\" action=\"/login\" method=\"post\">"))));

        assertThatThrownBy(() -> connector(null).login(CREDENTIALS))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED));
        other.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void errorsShowTheUrlWithoutQueryOrSessionPathParameter() {
        board.stubFor(get(urlPathMatching("/signin.*")).willReturn(html("<html><body>no form</body></html>")));
        String json = profile(null, "").replace("\"url\": \"/login\"",
                "\"url\": \"/signin;jsessionid=SESSION-5e1?token=TOKEN-91c\"");

        assertThatThrownBy(() -> connectorFor(json).login(CREDENTIALS))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.getMessage() + " " + e.detail()).contains(board.baseUrl() + "/signin")
                            .doesNotContain("SESSION-5e1").doesNotContain("TOKEN-91c").doesNotContain("jsessionid");
                });
        board.verify(exactly(1), getRequestedFor(urlMatching("/signin;jsessionid=SESSION-5e1\\?token=TOKEN-91c")));
    }

    @Test
    void allowedOriginsMustBeOriginsAndErrorsNameThePathWithoutEchoingTheValue() {
        String json = profile(null, "").replace("\"formSelector\"", "\"allowedOrigins\": [\"https://auth.example.jp\", "
                + "\"https://auth.example.jp/login\", \"https://id:s3cret-1@auth.example.jp\", \"ftp://auth.example.jp\", "
                + "\"https://auth.example.jp?k=s3cret-2\", \"\", \"https://auth.example.jp:8443\"], \"formSelector\"");

        assertThatThrownBy(() -> SiteProfile.parse(json, "safety.json"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("login.allowedOrigins[1] must not have a path, query or fragment")
                .hasMessageContaining("login.allowedOrigins[2] must not contain user info")
                .hasMessageContaining("login.allowedOrigins[3] is not an http(s) origin")
                .hasMessageContaining("login.allowedOrigins[4] must not have a path, query or fragment")
                .hasMessageContaining("login.allowedOrigins[5] is required")
                .hasMessageNotContaining("allowedOrigins[0]")
                .hasMessageNotContaining("allowedOrigins[6]")
                .hasMessageNotContaining("s3cret");
        assertThat(SiteProfile.parse(profile("https://auth.example.jp", ""), "ok.json").login().allowedOrigins())
                .containsExactly("https://auth.example.jp");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void loginPage(String formTag) {
        board.stubFor(get("/login").willReturn(html(form(formTag))));
    }

    private static String form(String formTag) {
        return "<html><body>" + formTag + "<input type=\"hidden\" name=\"_csrf\" value=\"t-1\">"
                + "<input type=\"text\" name=\"user\"><input type=\"password\" name=\"pw\">"
                + "<button type=\"submit\">ログイン</button></form></body></html>";
    }

    private static ResponseDefinitionBuilder html(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=UTF-8").withBody(body);
    }

    private static String cookieHeader(ServeEvent e) {
        return e.getRequest().containsHeader("Cookie") ? e.getRequest().getHeader("Cookie") : "";
    }

    private static void assertNoPasswordIn(WireMockExtension server) {
        assertThat(server.getAllServeEvents()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getRequest().getUrl()).doesNotContain(CANARY);
            assertThat(e.getRequest().getBodyAsString()).doesNotContain(CANARY);
        });
    }

    /** A connector for the board with {@code allowedOrigin} listed, or none. */
    private static MediaConnector connector(String allowedOrigin) {
        return connectorFor(profile(allowedOrigin, ""));
    }

    private static MediaConnector connectorFor(String json) {
        return new SiteProfileMediaProvider(SiteProfile.parse(json, "safety.json"))
                .create(Support.context(Map.of("baseUrl", board.baseUrl()), new Support.RecordingSleeper()));
    }

    private static String profile(String allowedOrigin, String moreLogin) {
        return """
                {
                  "id": "safety-board",
                  "name": "credential safety test board",
                  "baseUrl": "https://safety.renkei.invalid",
                  "pacing": { "delay": "PT0S" },
                  "login": {
                    "url": "/login",
                    "formSelector": "form#login",
                    "loginIdField": "user",
                    "passwordField": "pw",
                    %s
                    %s
                    "success": { "selector": "#welcome" },
                    "failure": [ { "selector": ".error" } ]
                  },
                  "export": {
                    "url": "/export.csv",
                    "fields": {
                      "boardApplicationId": { "column": "id" },
                      "appliedAt": { "column": "at", "format": "yyyy/MM/dd" }
                    }
                  }
                }
                """.formatted(allowedOrigin == null ? "" : "\"allowedOrigins\": [\"" + allowedOrigin + "\"],",
                moreLogin);
    }
}
