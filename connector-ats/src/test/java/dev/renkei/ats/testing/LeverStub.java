package dev.renkei.ats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.renkei.ats.LeverAtsConnectorProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small stateful Lever simulator on {@code 127.0.0.1} for tests of the engine and the samples: it checks the
 * Basic API key, stores created opportunities, answers {@code GET /v1/opportunities?email=} from what it stored
 * (paged two per page with {@code hasNext}/{@code next}, so paging is exercised), stores uploaded files and counts
 * creates. The endpoint is host configuration: register {@link #provider()} (a {@code lever} provider pointed at
 * {@link #baseUrl()}), so robots need no URL setting. Faults for the next create:
 * {@link #failNextCreateAfterStoring(int)} (stored, then e.g. 503) and {@link #rateLimitNextCreate(Duration)}.
 *
 * <pre>{@code
 * try (LeverStub lever = LeverStub.start("api-key")) {
 *     // registry: register(lever.provider()); credentials: loginId=<user>, secret=api-key
 *     ... run the robot ...
 *     assertThat(lever.createCount()).isEqualTo(1);
 * }
 * }</pre>
 */
public final class LeverStub implements FaultingStub {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String expectedAuth;
    private final List<ObjectNode> opportunities = new ArrayList<>();
    private final Map<String, List<String>> files = new HashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private int failNextCreateWith;
    private Duration rateLimitNextCreate;

    private LeverStub(String apiKey) throws IOException {
        this.expectedAuth = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/opportunities", this::handle);
        server.start();
    }

    /** Starts a stub that accepts this API key. */
    public static LeverStub start(String apiKey) {
        try {
            return new LeverStub(apiKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** A new {@code lever} provider whose endpoint is this stub (as a host configures it). */
    public LeverAtsConnectorProvider provider() {
        return LeverAtsConnectorProvider.builder().baseUrl(URI.create(baseUrl())).build();
    }

    /** How many requests arrived, of any kind and with any credentials. */
    public int requestCount() {
        return requests.get();
    }

    /** How many opportunities were created. */
    public int createCount() {
        return creates.get();
    }

    /** Copies of the stored opportunities, in creation order. */
    public synchronized List<JsonNode> opportunities() {
        List<JsonNode> out = new ArrayList<>();
        opportunities.forEach(o -> out.add(o.deepCopy()));
        return out;
    }

    /**
     * Makes the next {@code POST /opportunities} store the opportunity and then answer {@code status} (e.g. 503)
     * with a plain-text body: a create that landed although the caller saw it fail.
     */
    @Override
    public synchronized void failNextCreateAfterStoring(int status) {
        this.failNextCreateWith = status;
    }

    /** Makes the next {@code POST /opportunities} answer 429 with this {@code Retry-After}, storing nothing. */
    @Override
    public synchronized void rateLimitNextCreate(Duration retryAfter) {
        this.rateLimitNextCreate = retryAfter;
    }

    /** The file names uploaded to an opportunity. */
    public synchronized List<String> files(String opportunityId) {
        return List.copyOf(files.getOrDefault(opportunityId, List.of()));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            if (!expectedAuth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"code\":\"UnauthorizedError\",\"message\":\"Invalid API key\"}");
                return;
            }
            String path = ex.getRequestURI().getPath();
            Map<String, String> q = StubHttp.query(ex.getRequestURI().getRawQuery());
            String method = ex.getRequestMethod();
            if (path.equals("/v1/opportunities") && method.equals("GET")) {
                list(ex, q);
            } else if (path.equals("/v1/opportunities") && method.equals("POST")) {
                create(ex, q);
            } else if (path.matches("/v1/opportunities/[^/]+/files")) {
                String id = path.split("/")[3];
                if (method.equals("GET")) {
                    ObjectNode root = JSON.createObjectNode();
                    ArrayNode data = root.putArray("data");
                    files(id).forEach(n -> data.addObject().put("id", "f-" + n).put("name", n));
                    send(ex, 200, root.toString());
                } else {
                    upload(ex, id, q);
                }
            } else {
                send(ex, 404, "{\"code\":\"ResourceNotFound\",\"message\":\"not found\"}");
            }
        }
    }

    private synchronized void list(HttpExchange ex, Map<String, String> q) throws IOException {
        String email = q.getOrDefault("email", "").toLowerCase(Locale.ROOT);
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode o : opportunities) {
            if (email.isEmpty()) {
                matching.add(o);
                continue;
            }
            for (JsonNode e : o.path("emails")) {
                if (e.asText().toLowerCase(Locale.ROOT).equals(email)) {
                    matching.add(o);
                    break;
                }
            }
        }
        int limit = Math.min(2, Integer.parseInt(q.getOrDefault("limit", "2")));
        int offset = q.containsKey("offset") ? Integer.parseInt(q.get("offset").substring(1)) : 0;
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
            data.add(matching.get(i));
        }
        boolean hasNext = offset + limit < matching.size();
        root.put("hasNext", hasNext);
        if (hasNext) {
            root.put("next", "o" + (offset + limit));
        }
        send(ex, 200, root.toString());
    }

    private synchronized void create(HttpExchange ex, Map<String, String> q) throws IOException {
        if (!q.containsKey("perform_as")) {
            send(ex, 400, "{\"code\":\"BadRequestError\",\"message\":\"perform_as is required\"}");
            return;
        }
        JsonNode body = JSON.readTree(ex.getRequestBody());
        if (rateLimitNextCreate != null) {
            Duration wait = rateLimitNextCreate;
            rateLimitNextCreate = null;
            StubHttp.sendTooManyRequests(ex, wait, "{\"code\":\"TooManyRequests\",\"message\":\"rate limit exceeded\"}");
            return;
        }
        if (body.path("postings").size() > 1 || !body.hasNonNull("name")) {
            send(ex, 400, "{\"code\":\"BadRequestError\",\"message\":\"invalid opportunity\"}");
            return;
        }
        ObjectNode o = ((ObjectNode) body).deepCopy();
        String id = "opp-" + (opportunities.size() + 1);
        o.put("id", id);
        o.put("contact", "contact-" + body.path("emails").path(0).asText().toLowerCase(Locale.ROOT));
        ArrayNode apps = o.putArray("applications");
        for (JsonNode p : body.path("postings")) {
            apps.addObject().put("id", "app-" + id).put("posting", p.asText());
        }
        opportunities.add(o);
        creates.incrementAndGet();
        if (failNextCreateWith != 0) {
            int status = failNextCreateWith;
            failNextCreateWith = 0;
            StubHttp.sendText(ex, status, "Service Unavailable");
            return;
        }
        send(ex, 201, JSON.createObjectNode().set("data", o).toString());
    }

    private synchronized void upload(HttpExchange ex, String id, Map<String, String> q) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"file\"; filename=\"([^\"]*)\"").matcher(body);
        if (!q.containsKey("perform_as") || type == null || !type.startsWith("multipart/form-data") || !m.find()) {
            send(ex, 400, "{\"code\":\"BadRequestError\",\"message\":\"expected a multipart part named file\"}");
            return;
        }
        String name = new String(m.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        files.computeIfAbsent(id, k -> new ArrayList<>()).add(name);
        send(ex, 201, "{\"data\":{\"id\":\"f-" + files.get(id).size() + "\",\"name\":" + JSON.writeValueAsString(name) + "}}");
    }


    private static void send(HttpExchange ex, int status, String json) throws IOException {
        StubHttp.sendJson(ex, status, json.getBytes(StandardCharsets.UTF_8));
    }
}
