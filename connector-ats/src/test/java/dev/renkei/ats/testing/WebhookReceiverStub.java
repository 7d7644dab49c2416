package dev.renkei.ats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.ats.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver as a host would write it, for tests of the engine and the samples: verifies every request
 * with {@link WebhookSignature#verify} (401 otherwise), stores each applicant under its {@code Idempotency-Key}
 * (a second POST with the same key gets 409 and the stored id), answers the documented find GET, and counts creates.
 * The receiver URL is host configuration: register {@link #provider()} (a {@code webhook} provider pointed at
 * {@link #url()}), so robots need no URL setting. Faults for the next POST:
 * {@link #failNextCreateAfterStoring(int)} (stored, then e.g. 503) and {@link #rateLimitNextCreate(Duration)}.
 */
public final class WebhookReceiverStub implements FaultingStub {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String secret;
    private final Clock clock;
    private final Map<String, String> idsByKey = new LinkedHashMap<>();
    private final Map<String, JsonNode> payloads = new LinkedHashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private int failNextCreateWith;
    private Duration rateLimitNextCreate;

    private WebhookReceiverStub(String secret, Clock clock, int port) throws IOException {
        this.secret = secret;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/renkei/applications", this::handle);
        server.start();
    }

    /** Starts a receiver with this signing secret; timestamps are checked against {@code clock} (±5 min). */
    public static WebhookReceiverStub start(String secret, Clock clock) {
        return start(secret, clock, 0);
    }

    /** Starts a receiver on a fixed loopback port (0: any free one). */
    public static WebhookReceiverStub start(String secret, Clock clock, int port) {
        try {
            return new WebhookReceiverStub(secret, clock, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The receiver URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/renkei/applications";
    }

    /** A new {@code webhook} provider whose receiver URL is this stub (as a host configures it). */
    public WebhookAtsConnectorProvider provider() {
        return WebhookAtsConnectorProvider.builder().url(URI.create(url())).build();
    }

    /** How many candidates were created (a 409 does not count). */
    public int createCount() {
        return creates.get();
    }

    /** How many requests failed signature verification. */
    public int refusedCount() {
        return refused.get();
    }

    /**
     * Makes the next POST of a new key store the applicant and then answer {@code status} (e.g. 503) with a
     * plain-text body: a delivery that landed although the sender saw it fail.
     */
    @Override
    public synchronized void failNextCreateAfterStoring(int status) {
        this.failNextCreateWith = status;
    }

    /** Makes the next POST answer 429 with this {@code Retry-After}, storing nothing. */
    @Override
    public synchronized void rateLimitNextCreate(Duration retryAfter) {
        this.rateLimitNextCreate = retryAfter;
    }

    /** The stored payloads by idempotency key. */
    public synchronized Map<String, JsonNode> payloads() {
        return Map.copyOf(payloads);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!WebhookSignature.verify(secret, ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER), body,
                    ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), clock, Duration.ofMinutes(5))) {
                refused.incrementAndGet();
                send(ex, 401, "{\"error\":\"bad signature\"}");
                return;
            }
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            synchronized (this) {
                if (ex.getRequestMethod().equals("GET")) {
                    String raw = ex.getRequestURI().getRawQuery();
                    String wanted = raw != null && raw.startsWith("idempotencyKey=")
                            ? URLDecoder.decode(raw.substring("idempotencyKey=".length()), StandardCharsets.UTF_8) : null;
                    String id = wanted == null ? null : idsByKey.get(wanted);
                    if (wanted == null) {
                        send(ex, 200, "{}");
                    } else if (id == null) {
                        send(ex, 404, "{}");
                    } else {
                        send(ex, 200, "{\"candidateId\":\"" + id + "\"}");
                    }
                    return;
                }
                if (rateLimitNextCreate != null) {
                    Duration wait = rateLimitNextCreate;
                    rateLimitNextCreate = null;
                    StubHttp.sendTooManyRequests(ex, wait, "{\"error\":\"rate limit exceeded\"}");
                    return;
                }
                if (key == null) {
                    send(ex, 400, "{\"errors\":[{\"field\":\"Idempotency-Key\",\"message\":\"required\"}]}");
                    return;
                }
                String existing = idsByKey.get(key);
                if (existing != null) {
                    send(ex, 409, "{\"candidateId\":\"" + existing + "\"}");
                    return;
                }
                String id = "cand-" + (idsByKey.size() + 1);
                idsByKey.put(key, id);
                payloads.put(key, JSON.readTree(body));
                creates.incrementAndGet();
                if (failNextCreateWith != 0) {
                    int status = failNextCreateWith;
                    failNextCreateWith = 0;
                    StubHttp.sendText(ex, status, "Service Unavailable");
                    return;
                }
                send(ex, 201, "{\"candidateId\":\"" + id + "\"}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        StubHttp.sendJson(ex, status, json.getBytes(StandardCharsets.UTF_8));
    }
}
