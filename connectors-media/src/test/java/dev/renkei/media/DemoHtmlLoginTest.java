package dev.renkei.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaSession;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.media.testing.DemoBoards.Account;
import dev.renkei.media.testing.DemoBoards.Screen;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoHtmlLoginTest {
    private DemoBoards boards;
    private MediaConnector board;

    @BeforeEach
    void start() {
        boards = DemoBoards.start();
        board = SiteProfileMediaProvider.demo("demo-html")
                .create(Support.context(boards.config(), new Support.RecordingSleeper()));
    }

    @AfterEach
    void stop() {
        boards.close();
    }

    @Test
    void loginCarriesTheCsrfTokenAndCompanyCodeAndReadsTheEmployerAccountId() {
        try (MediaSession session = board.login(DemoBoards.htmlCredentials())) {
            assertThat(session.accountKey()).isEqualTo(DemoBoards.HTML_ACCOUNT_ID);
        }
        boards.server().verify(exactly(1), postRequestedFor(urlPathEqualTo("/demo-html/login"))
                .withRequestBody(matching(".*_csrf=[0-9a-f]{32}.*"))
                .withRequestBody(matching(".*company_code=C0042.*"))
                .withRequestBody(matching(".*login_type=client.*")));
    }

    @Test
    void aWrongPasswordIsLoginFailedQuotingTheBoard() {
        Credentials wrong = new Credentials(DemoBoards.HTML_LOGIN_ID, Secret.of("wrong-password"),
                Map.of("companyCode", DemoBoards.HTML_COMPANY_CODE));

        assertThatThrownBy(() -> board.login(wrong))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED);
                    assertThat(e.code().actionRequired()).isTrue();
                    assertThat(e.getMessage()).contains("「企業コード、ログインIDまたはパスワードが正しくありません。」")
                            .doesNotContain("wrong-password");
                    assertThat(e.detail()).contains("login.failure", "/demo-html/login");
                });
    }

    @Test
    void aMissingCompanyCodeIsAConfigurationError() {
        assertThatThrownBy(() -> board.login(Credentials.of(DemoBoards.HTML_LOGIN_ID, DemoBoards.HTML_PASSWORD)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
                    assertThat(e.getMessage()).contains("companyCode");
                });
        assertThat(boards.requestCount("/demo-html/login")).isEqualTo(1);
    }

    @Test
    void aLockedAccountIsAccountLocked() {
        boards.addAccount(DemoBoards.HTML, Account.of("locked@demo.example", "pw-1", "C0042", "EMP-1").asLocked());

        assertThatThrownBy(() -> board.login(new Credentials("locked@demo.example", Secret.of("pw-1"),
                Map.of("companyCode", "C0042"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ACCOUNT_LOCKED);
                    assertThat(e.getMessage()).contains("パスワードの誤入力が続いたため");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "NOTICE, notice, 2026年12月1日より応募者情報の保存期間が変更になります",
        "PASSWORD_CHANGE, password-change, パスワードの有効期限（90日）が切れています",
        "TERMS, terms, 利用規約を改定しました"
    })
    void anInterstitialScreenIsUnexpectedScreenQuotingItsMessage(Screen screen, String name, String message) {
        boards.addAccount(DemoBoards.HTML, Account.of("screen@demo.example", "pw-2", "C0042", "EMP-2").withScreen(screen));

        assertThatThrownBy(() -> board.login(new Credentials("screen@demo.example", Secret.of("pw-2"),
                Map.of("companyCode", "C0042"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNEXPECTED_SCREEN);
                    assertThat(e.code().actionRequired()).isTrue();
                    assertThat(e.getMessage()).contains("(" + name + ")", "「", message);
                    assertThat(e.detail()).startsWith(name + " at http://localhost:");
                });
    }

    @Test
    void aMaintenancePageIsMaintenance() {
        boards.maintenance(true);

        assertThatThrownBy(() -> board.login(DemoBoards.htmlCredentials()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MAINTENANCE);
                    assertThat(e.code().actionRequired()).isFalse();
                    assertThat(e.getMessage()).contains("11月22日 2:00～6:00");
                });
    }

    @Test
    void aServerErrorIsUnavailable() {
        boards.server().stubFor(get(urlPathEqualTo("/demo-html/login")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("Internal Server Error")));

        assertThatThrownBy(() -> board.login(DemoBoards.htmlCredentials()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.detail()).contains("status 500", "/demo-html/login");
                });
    }

    @Test
    void aLoginPageWithoutTheFormIsALayoutChangeNamingTheSelector() {
        boards.server().stubFor(get(urlPathEqualTo("/demo-html/login")).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withBody("<html><body><form id=\"signin\"><input name=\"id\"></form></body></html>")));

        assertThatThrownBy(() -> board.login(DemoBoards.htmlCredentials()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.detail()).contains("/demo-html/login", "login.formSelector 'form#login-form'");
                });
    }
}
