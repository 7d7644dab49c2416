package dev.renkei.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpResultTest {
    private static HttpHeaders headers(String contentType) {
        return HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (a, b) -> true);
    }

    @Test
    void decodesTheBodyWithTheDeclaredCharset() {
        Charset sjis = Charset.forName("Shift_JIS");
        HttpResult r = new HttpResult(200, headers("text/html; charset=\"Shift_JIS\""), "応募者一覧".getBytes(sjis),
                URI.create("https://board.example/list"), 1);

        assertThat(r.charset()).contains(sjis);
        assertThat(r.bodyText()).isEqualTo("応募者一覧");
        assertThat(r.isSuccess()).isTrue();
    }

    @Test
    void fallsBackToUtf8ForAnUnknownOrMissingCharset() {
        HttpResult r = new HttpResult(404, headers("text/plain; charset=x-no-such"), "見つかりません".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), URI.create("https://board.example/"), 1);

        assertThat(r.charset()).isEmpty();
        assertThat(r.bodyText()).isEqualTo("見つかりません");
        assertThat(r.isSuccess()).isFalse();
    }

    @Test
    void toStringShowsTheUriWithoutItsQuery() {
        HttpResult r = new HttpResult(200, headers("text/plain"), new byte[3],
                URI.create("https://api.example/v1/token?code=abc123&partition=1"), 2);

        assertThat(r.toString()).isEqualTo("HttpResult[200 https://api.example/v1/token, 3 bytes, attempts=2]");
    }

    @Test
    void retryAfterIsTheServersWaitRelativeToNow() {
        Instant now = Instant.parse("2025-04-01T03:00:00Z");
        HttpResult seconds = new HttpResult(429, HttpHeaders.of(Map.of("Retry-After", List.of("30")), (a, b) -> true),
                new byte[0], URI.create("https://api.example/v1/candidates"), 1);
        HttpResult date = new HttpResult(503, HttpHeaders.of(Map.of("Retry-After",
                List.of("Tue, 01 Apr 2025 03:02:00 GMT")), (a, b) -> true), new byte[0],
                URI.create("https://api.example/v1/candidates"), 1);

        assertThat(seconds.retryAfter(now)).contains(Duration.ofSeconds(30));
        assertThat(date.retryAfter(now)).contains(Duration.ofMinutes(2));
        assertThat(new HttpResult(429, headers("text/plain"), new byte[0], URI.create("https://api.example/"), 1)
                .retryAfter(now)).isEmpty();
    }
}
