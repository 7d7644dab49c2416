package dev.renkei.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The redirect decision and the session cookie jar, without a server (https is awkward to serve in a test). */
class BrowserOriginsTest {
    private static final URI LOGIN = URI.create("https://board.example/login?next=%2Ftop");
    private static final Set<String> BOARD_AND_AUTH = Set.of("https://board.example:443", "https://auth.example:443");

    @Test
    void anOriginIsSchemeHostAndPortWithTheDefaultPortFilledIn() {
        assertThat(Browser.origin(URI.create("HTTPS://Board.Example/a?b#c"))).isEqualTo("https://board.example:443");
        assertThat(Browser.origin(URI.create("http://board.example:8080/"))).isEqualTo("http://board.example:8080");
        assertThat(Browser.origin(URI.create("ftp://board.example/"))).isNull();
        assertThat(Browser.origin(URI.create("/relative"))).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void httpsToPlainHttpIsRefusedEvenOnTheSameHostAndEvenWhenListed(int status) {
        Set<String> withHttp = Set.of("https://board.example:443", "http://board.example:80");

        assertThatThrownBy(() -> Browser.checkRedirect(LOGIN, URI.create("http://board.example/top"), status, false,
                withHttp))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.getMessage()).contains("https to plain http");
                    assertThat(e.detail()).contains("https://board.example/login", "http://board.example/top")
                            .doesNotContain("next=");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void aFormBodyNeverFollowsARedirectToAnotherOriginEvenAListedOne(int status) {
        assertThatThrownBy(() -> Browser.checkRedirect(LOGIN, URI.create("https://auth.example/session"), status,
                true, BOARD_AND_AUTH))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.getMessage()).contains("form submission (" + status + ")", "https://auth.example:443");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectToAnUnlistedOriginIsRefused(int status) {
        assertThatThrownBy(() -> Browser.checkRedirect(LOGIN, URI.create("https://elsewhere.example/x"), status,
                false, BOARD_AND_AUTH))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                    assertThat(e.getMessage()).contains("https://elsewhere.example:443", "login.allowedOrigins");
                });
        // another port is another origin
        assertThatThrownBy(() -> Browser.checkRedirect(LOGIN, URI.create("https://board.example:8443/x"), status,
                false, BOARD_AND_AUTH)).isInstanceOf(ConnectorException.class);
    }

    @Test
    void aRedirectToAListedOriginOrWithinTheOriginIsFollowed() {
        assertThatCode(() -> Browser.checkRedirect(LOGIN, URI.create("https://auth.example/x"), 302, true,
                BOARD_AND_AUTH)).doesNotThrowAnyException();
        assertThatCode(() -> Browser.checkRedirect(LOGIN, URI.create("https://board.example:443/top"), 307, true,
                Set.of())).doesNotThrowAnyException();
        assertThatCode(() -> Browser.checkRedirect(URI.create("http://board.example/"),
                URI.create("https://board.example/"), 301, false, Set.of("https://board.example:443")))
                .doesNotThrowAnyException();
    }

    @Test
    void aRedirectToSomethingOtherThanHttpIsRefused() {
        assertThatThrownBy(() -> Browser.checkRedirect(LOGIN, URI.create("file:///etc/passwd"), 302, false,
                BOARD_AND_AUTH)).isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED));
    }

    @Test
    void theJarRejectsACookieForAForeignDomainAndMatchesDomainsOnALabelBoundary() throws Exception {
        Browser.SessionCookies jar = new Browser.SessionCookies(u -> true);
        jar.put(URI.create("https://www.example.jp/login"), Map.of("Set-Cookie", List.of(
                "SHARED=1; Domain=example.jp; Path=/", "FOREIGN=1; Domain=evil.example; Path=/", "HOST=1; Path=/")));

        assertThat(jar.get(URI.create("https://evil.example/"), Map.of())).isEmpty();
        assertThat(jar.get(URI.create("https://badexample.jp/"), Map.of())).isEmpty();
        assertThat(jar.get(URI.create("https://auth.example.jp/"), Map.of()).get("Cookie")).containsExactly("SHARED=1");
        assertThat(jar.get(URI.create("https://www.example.jp/top"), Map.of()).get("Cookie"))
                .containsExactlyInAnyOrder("SHARED=1", "HOST=1");
    }

    @Test
    void theJarNeitherStoresFromNorSendsToAnOriginOutsideTheSession() throws Exception {
        Browser.SessionCookies jar = new Browser.SessionCookies(u -> "board.example".equals(u.getHost()));
        jar.put(URI.create("https://board.example/login"), Map.of("Set-Cookie", List.of("SID=1; Path=/")));
        jar.put(URI.create("https://cdn.example/x"), Map.of("Set-Cookie",
                List.of("FIXED=attacker; Domain=board.example; Path=/")));

        assertThat(jar.get(URI.create("https://board.example/top"), Map.of()).get("Cookie")).containsExactly("SID=1");
        assertThat(jar.get(URI.create("https://cdn.example/x"), Map.of())).isEmpty();
    }

    @Test
    void aSecureCookieIsNotSentOverPlainHttp() throws Exception {
        Browser.SessionCookies jar = new Browser.SessionCookies(u -> true);
        jar.put(URI.create("https://board.example/login"), Map.of("Set-Cookie", List.of("SID=1; Path=/; Secure")));

        assertThat(jar.get(URI.create("http://board.example/top"), Map.of())).isEmpty();
        assertThat(jar.get(URI.create("https://board.example/top"), Map.of())).containsKey("Cookie");
    }
}
