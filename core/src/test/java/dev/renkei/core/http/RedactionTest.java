package dev.renkei.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
            "X-Porters-Hrbc-Oauth-Token", "X-porters-hrbc-oauth-token", "X-Api-Key", "X-Zm-Signature",
            "X-Auth-Token", "X-Session-Id", "X-Client-Secret"})
    void secretHeadersAreNeverLogged(String name) {
        assertThat(Redaction.isSecretHeader(name)).isTrue();
        assertThat(Redaction.header(name, "Bearer abc.def")).isEqualTo("<not logged>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "Accept", "User-Agent", "X-Trace", "Retry-After", "Content-Length"})
    void ordinaryHeadersAreLogged(String name) {
        assertThat(Redaction.isSecretHeader(name)).isFalse();
        assertThat(Redaction.header(name, "text/html")).isEqualTo("text/html");
    }

    @Test
    void theQueryStringIsDroppedWhateverItsParametersAreCalled() {
        URI uri = URI.create("https://api.example/v1/person?partition=42&access_token=tok123&pw=pw456&count=200");

        assertThat(Redaction.uri(uri)).isEqualTo("https://api.example/v1/person");
    }

    @Test
    void userInfoIsDropped() {
        URI uri = URI.create("https://user:hunter2@board.example:8443/login");

        assertThat(Redaction.uri(uri)).isEqualTo("https://board.example:8443/login");
    }

    @Test
    void theFragmentIsDropped() {
        URI uri = URI.create("https://x.example/cb#access_token=frag");

        assertThat(Redaction.uri(uri)).isEqualTo("https://x.example/cb");
    }

    @Test
    void pathParametersSuchAsASessionIdAreDroppedFromEverySegment() {
        URI uri = URI.create("https://board.example/app;jsessionid=ABC123/list.do;sid=XYZ?page=2");

        assertThat(Redaction.uri(uri)).isEqualTo("https://board.example/app/list.do");
    }

    @Test
    void allOfItAtOnce() {
        URI uri = URI.create("http://id:pw@board.example:8080/a;jsessionid=S1/b?password=P1&next=/x#F1");

        assertThat(Redaction.uri(uri)).isEqualTo("http://board.example:8080/a/b");
    }

    @Test
    void anOpaqueUriShowsOnlyItsScheme() {
        assertThat(Redaction.uri(URI.create("mailto:hr@example.jp?subject=pw"))).isEqualTo("mailto:<not logged>");
    }

    @Test
    void lineBreaksAndControlCharactersAreNeutralised() {
        assertThat(Redaction.header("X-Trace", "a\r\nX-Forged: 1")).isEqualTo("a__X-Forged: 1");
        assertThat(Redaction.oneLine("x\u0000y\u001bz\u2028w\u0085v\u007f")).isEqualTo("x_y_z_w_v_");
        assertThat(Redaction.oneLine(null)).isEqualTo("null");
        assertThat(Redaction.uri(null)).isEqualTo("null");
    }

    @Test
    void encodedLineBreaksInAnUriStayEncoded() {
        URI uri = URI.create("https://x.example/a%0D%0Ab");

        assertThat(Redaction.uri(uri)).isEqualTo("https://x.example/a%0D%0Ab");
    }
}
