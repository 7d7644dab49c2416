package dev.renkei.core.http;

import dev.renkei.core.http.internal.RetryAfter;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A received HTTP response. A status is data, not an exception: callers decide what 4xx/5xx mean.
 *
 * @param statusCode the status
 * @param headers response headers
 * @param body the whole body (at most the executor's size cap)
 * @param uri the requested URI
 * @param attempts how many attempts it took
 */
public record HttpResult(int statusCode, HttpHeaders headers, byte[] body, URI uri, int attempts) {
    /** True for 2xx. */
    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** A header's first value. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /**
     * How long the server asks the client to wait: {@code Retry-After} in delay-seconds, HTTP-date or ISO-8601
     * date-time form, relative to {@code now}. A time in the past means "now" ({@link Duration#ZERO}).
     *
     * @return empty when the header is absent or unparseable
     */
    public Optional<Duration> retryAfter(Instant now) {
        return RetryAfter.of(headers, now);
    }

    /** The charset from {@code Content-Type}, if it names one that Java knows. */
    public Optional<Charset> charset() {
        return header("Content-Type").flatMap(HttpResult::charsetOf);
    }

    /** The body decoded with the response charset, UTF-8 when none is given. */
    public String bodyText() {
        return new String(body, charset().orElse(StandardCharsets.UTF_8));
    }

    /** Parses {@code charset=} from a content type. */
    public static Optional<Charset> charsetOf(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").strip();
                try {
                    return Optional.of(Charset.forName(name));
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "HttpResult[" + statusCode + " " + Redaction.uri(uri) + ", " + body.length + " bytes, attempts=" + attempts + "]";
    }
}
