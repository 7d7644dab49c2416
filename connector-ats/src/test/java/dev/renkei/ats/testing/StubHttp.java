package dev.renkei.ats.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP plumbing the ATS simulators share. */
final class StubHttp {
    private StubHttp() {}

    /** A raw query string as a map (a repeated name keeps its last value). */
    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String p : raw.split("&")) {
                int eq = p.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    /** Answers with a plain-text body (a proxy's or load balancer's error page, not the API's JSON). */
    static void sendText(HttpExchange ex, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** Answers 429 with {@code Retry-After} in whole seconds and a JSON body. */
    static void sendTooManyRequests(HttpExchange ex, java.time.Duration retryAfter, String json) throws IOException {
        ex.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
        sendJson(ex, 429, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with a UTF-8 JSON body. */
    static void sendJson(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }
}
