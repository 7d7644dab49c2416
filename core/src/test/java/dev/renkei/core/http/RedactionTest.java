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
    void secretQueryValuesAreReplacedAndOthersKept() {
        URI uri = URI.create("https://api.example/v1/person?partition=42&access_token=tok123&password=pw456"
                + "&code=c789&count=200&client_secret=s1&refresh_token=r2");

        String logged = Redaction.uri(uri);

        assertThat(logged).isEqualTo("https://api.example/v1/person?partition=42&access_token=<not logged>"
                + "&password=<not logged>&code=<not logged>&count=200&client_secret=<not logged>"
                + "&refresh_token=<not logged>");
    }

    @Test
    void userInfoIsDropped() {
        URI uri = URI.create("https://user:hunter2@board.example:8443/login?next=/inbox");

        assertThat(Redaction.uri(uri)).isEqualTo("https://board.example:8443/login?next=/inbox")
                .doesNotContain("hunter2").doesNotContain("user");
    }

    @Test
    void aParameterWithoutValueAndAFragmentLeakNothing() {
        URI uri = URI.create("https://x.example/cb?token&state=abc#access_token=frag");

        assertThat(Redaction.uri(uri)).doesNotContain("frag").contains("state=abc");
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
        URI uri = URI.create("https://x.example/a%0D%0Ab?q=%0A");

        assertThat(Redaction.uri(uri)).isEqualTo("https://x.example/a%0D%0Ab?q=%0A");
    }
}
