package dev.renkei.samples.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.renkei.ats.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A signed-webhook receiver that is slow to answer: a create takes effect when the request arrives (the key is
 * stored at once, as a receiver with a unique constraint would), and the answer leaves {@code delay} later. So a
 * runner killed while it waits leaves a create the ATS has but the runner never saw confirmed. Records every POST's
 * idempotency key, so a second POST for one key — a duplicate import attempt — is visible even though the receiver
 * itself would answer it with 409.
 */
final class SlowWebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final String secret;
    private final Duration delay;
    private final Map<String, String> idsByKey = new LinkedHashMap<>();
    private final Map<String, JsonNode> payloads = new LinkedHashMap<>();
    private final List<String> posts = new ArrayList<>();
    private int answered;

    SlowWebhookReceiver(String secret, Duration delay) {
        this.secret = secret;
        this.delay = delay;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/renkei/applications", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/renkei/applications";
    }

    /** Every create POST's idempotency key, in arrival order (a key twice = a duplicate attempt). */
    synchronized List<String> postedKeys() {
        return List.copyOf(posts);
    }

    /** The stored payloads by key. */
    synchronized Map<String, JsonNode> payloads() {
        return Map.copyOf(payloads);
    }

    synchronized int arrivals() {
        return posts.size();
    }

    synchronized int answered() {
        return answered;
    }

    /** Waits until {@code done} holds, the process ends, or the timeout passes; woken by every arrival and answer. */
    synchronized boolean await(java.util.function.BooleanSupplier done, Process p, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (!p.isAlive() || System.nanoTime() > end) {
                return false;
            }
            wait(20);
        }
        return true;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (!WebhookSignature.verify(secret, ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    body, ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), Clock.systemUTC(),
                    Duration.ofMinutes(5))) {
                send(ex, 401, "{\"error\":\"bad signature\"}");
                return;
            }
            if (ex.getRequestMethod().equals("GET")) {
                String raw = ex.getRequestURI().getRawQuery();
                String wanted = raw != null && raw.startsWith("idempotencyKey=")
                        ? URLDecoder.decode(raw.substring("idempotencyKey=".length()), StandardCharsets.UTF_8) : null;
                String id;
                synchronized (this) {
                    id = wanted == null ? null : idsByKey.get(wanted);
                }
                send(ex, wanted == null ? 200 : id == null ? 404 : 200, id == null ? "{}" : "{\"candidateId\":\"" + id + "\"}");
                return;
            }
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            String id;
            boolean created;
            synchronized (this) {
                posts.add(key);
                created = !idsByKey.containsKey(key);
                if (created) {
                    idsByKey.put(key, "cand-" + (idsByKey.size() + 1));
                    payloads.put(key, JSON.readTree(body));
                }
                id = idsByKey.get(key);
                notifyAll();
            }
            try {
                Thread.sleep(delay.toMillis()); // the slow part: the record exists, the answer is still on its way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(ex, created ? 201 : 409, "{\"candidateId\":\"" + id + "\"}");
            synchronized (this) {
                answered++;
                notifyAll();
            }
        } catch (IOException e) {
            // the runner was killed mid-request: nothing to answer
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
