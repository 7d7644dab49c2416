package dev.renkei.core.http.internal;

import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.Redaction;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * One attempt of a call: the session's cookies added, the request logged with secrets redacted, the host's rate
 * limit waited for, the response read within its cap and deadline, and the cookies it sets stored. Not API.
 */
public final class Exchange {
    private static final System.Logger LOG = System.getLogger(HttpExecutor.class.getName());

    private final HttpClient client;

    /** Sends through {@code client}. */
    public Exchange(HttpClient client) {
        this.client = client;
    }

    /**
     * Sends one attempt.
     *
     * @param limiter the host's limiter, or {@code null}
     * @throws InterruptedException when interrupted while waiting for the limiter or the response
     */
    public Outcome send(Call call, HostLimiter limiter, int attempt) throws InterruptedException {
        HttpRequest toSend = withCookies(call.request(), call.cookies());
        logRequest(toSend, attempt);
        Outcome outcome;
        if (limiter != null) {
            limiter.acquire();
        }
        try {
            outcome = CappedBody.send(client, toSend, call.deadline(), call.maxResponseBytes());
        } finally {
            if (limiter != null) {
                limiter.release();
            }
        }
        HttpResponse<byte[]> r = outcome.response();
        if (r != null) {
            storeCookies(call.cookies(), call.request().uri(), r.headers());
            LOG.log(System.Logger.Level.DEBUG, () -> "← " + r.statusCode() + " " + call.what() + " ("
                    + r.body().length + " bytes)");
        }
        return outcome;
    }

    private static HttpRequest withCookies(HttpRequest request, CookieHandler jar) {
        if (jar == null) {
            return request;
        }
        try {
            Map<String, List<String>> cookies = jar.get(request.uri(), request.headers().map());
            List<String> values = cookies.getOrDefault("Cookie", List.of());
            if (values.isEmpty()) {
                return request;
            }
            return HttpRequest.newBuilder(request, (n, v) -> !n.equalsIgnoreCase("Cookie"))
                    .header("Cookie", String.join("; ", values))
                    .build();
        } catch (IOException e) {
            return request;
        }
    }

    private static void storeCookies(CookieHandler jar, URI uri, HttpHeaders headers) {
        if (jar == null) {
            return;
        }
        try {
            jar.put(uri, headers.map());
        } catch (IOException ignored) {
            // a cookie the jar cannot store is dropped, as a browser would
        }
    }

    private static void logRequest(HttpRequest request, int attempt) {
        if (!LOG.isLoggable(System.Logger.Level.DEBUG)) {
            return;
        }
        StringBuilder sb = new StringBuilder("→ ").append(request.method()).append(' ')
                .append(Redaction.uri(request.uri())).append(" attempt ").append(attempt);
        request.headers().map().forEach((k, vs) -> vs.forEach(v -> sb.append("\n  ").append(k).append(": ")
                .append(Redaction.header(k, v))));
        LOG.log(System.Logger.Level.DEBUG, sb.toString());
    }
}
