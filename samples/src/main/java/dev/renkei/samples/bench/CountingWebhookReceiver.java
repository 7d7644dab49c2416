package dev.renkei.samples.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.renkei.ats.WebhookSignature;
import dev.renkei.core.support.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A receiver for the {@code webhook} ATS connector on the JDK's HTTP server (loopback, ephemeral port). It verifies
 * each request's signature, answers a create with 201 and a candidate id (409 with the same id when the
 * idempotency key was created before), and the lookup {@code GET ?idempotencyKey=} with 200 or 404. It keeps only
 * a candidate number and a POST count per key and the sizes of what arrived, never a payload.
 */
final class CountingWebhookReceiver implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final String secret;
    private final HttpServer server;
    private final ExecutorService pool;
    private final Map<String, Integer> candidates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> postsByKey = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong maxBody = new AtomicLong();
    private final AtomicLong attachments = new AtomicLong();
    private final AtomicLong attachmentBytes = new AtomicLong();

    CountingWebhookReceiver(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the webhook receiver", e);
        }
        pool = Executors.newFixedThreadPool(4, DaemonThreads.named("bench-ats"));
        server.createContext("/applications", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/applications";
    }

    /** Distinct idempotency keys created. */
    int created() {
        return created.get();
    }

    /** Keys POSTed more than once (each counted once, however often it came again). */
    int duplicates() {
        return duplicates.get();
    }

    long posts() {
        return posts.get();
    }

    long lookups() {
        return lookups.get();
    }

    /** Requests refused for a bad signature or a missing key. */
    long rejected() {
        return rejected.get();
    }

    long bodyBytes() {
        return bodyBytes.get();
    }

    long maxBody() {
        return maxBody.get();
    }

    long attachments() {
        return attachments.get();
    }

    /** Decoded bytes of every attachment that arrived. */
    long attachmentBytes() {
        return attachmentBytes.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!WebhookSignature.verify(secret, ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    body, ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), Clock.systemUTC(),
                    WebhookSignature.DEFAULT_TOLERANCE)) {
                rejected.incrementAndGet();
                send(ex, 401, "{\"error\":\"bad signature\"}");
                return;
            }
            if (ex.getRequestMethod().equals("GET")) {
                String raw = ex.getRequestURI().getRawQuery();
                if (raw == null || !raw.startsWith("idempotencyKey=")) {
                    send(ex, 200, "{}"); // the login check
                    return;
                }
                lookups.incrementAndGet();
                Integer id = candidates.get(URLDecoder.decode(raw.substring("idempotencyKey=".length()),
                        StandardCharsets.UTF_8));
                send(ex, id == null ? 404 : 200, id == null ? "{}" : "{\"candidateId\":\"cand-" + id + "\"}");
                return;
            }
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            if (key == null || key.isBlank()) {
                rejected.incrementAndGet();
                send(ex, 400, "{\"errors\":[{\"field\":\"Idempotency-Key\",\"message\":\"missing\"}]}");
                return;
            }
            posts.incrementAndGet();
            bodyBytes.addAndGet(body.length);
            maxBody.accumulateAndGet(body.length, Math::max);
            countAttachments(body);
            if (postsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 2) {
                duplicates.incrementAndGet();
            }
            boolean[] fresh = new boolean[1];
            int id = candidates.computeIfAbsent(key, k -> {
                fresh[0] = true;
                return created.incrementAndGet();
            });
            send(ex, fresh[0] ? 201 : 409, "{\"candidateId\":\"cand-" + id + "\"}");
        } catch (IOException e) {
            // the runner went away mid-request: nothing to answer
        }
    }

    /** Streams through the body and adds up the decoded size of every {@code contentBase64}. */
    private void countAttachments(byte[] body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.getCurrentName().equals("contentBase64")
                        && p.nextToken() == JsonToken.VALUE_STRING) {
                    int len = p.getTextLength();
                    char[] text = p.getTextCharacters();
                    int off = p.getTextOffset();
                    int pad = len > 0 && text[off + len - 1] == '=' ? (len > 1 && text[off + len - 2] == '=' ? 2 : 1) : 0;
                    attachments.incrementAndGet();
                    attachmentBytes.addAndGet(len / 4L * 3 - pad);
                }
            }
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
