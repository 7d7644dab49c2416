package dev.renkei.ats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.renkei.ats.GreenhouseAtsConnectorProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A small stateful Greenhouse Harvest v3 simulator on {@code 127.0.0.1} for tests of the engine and the samples. It
 * serves exactly what the {@code greenhouse} connector calls, shaped as in {@code shared/specs/ats.md} §1 and §6.1:
 *
 * <ul>
 *   <li>{@code POST /token}: OAuth client credentials, Basic {@code client_id:client_secret},
 *       {@code grant_type=client_credentials} in the form body or the query, optional {@code sub}; answers
 *       {@code {"token_type":"Bearer","access_token":…,"expires_at":<now + 1 h, ISO>}}; bad client → 401, other
 *       grant → 400. Every token call is counted ({@link #tokenCount()}).</li>
 *   <li>Every {@code /v3/…} call needs {@code Authorization: Bearer <an unexpired token>} (401 otherwise) and gets
 *       {@code X-RateLimit-Limit}/{@code -Remaining}/{@code -Reset} for a window of {@value #RATE_LIMIT} requests
 *       per 10 s of the given clock; beyond it 429 with {@code Retry-After}.</li>
 *   <li>{@code GET /v3/candidates} ({@code email}, {@code ids}), {@code GET /v3/applications}
 *       ({@code candidate_ids}, {@code job_ids}, {@code ids}), {@code GET /v3/attachments}
 *       ({@code application_ids}): bare JSON arrays of what was stored, at most {@value #PAGE_SIZE} per page
 *       whatever {@code per_page} asks (so paging is exercised); the next page is announced only in
 *       {@code Link: <…?cursor=…>; rel="next"}, and a cursor must be the only query parameter (422 otherwise).</li>
 *   <li>{@code POST /v3/candidates}: {@code first_name}, {@code last_name} required (422 naming the field),
 *       typed {@code email_addresses}/{@code phone_numbers}/{@code addresses}/{@code website_addresses},
 *       {@code tags}, {@code custom_fields}, at most one {@code application: {job_id}} → 201
 *       {@code {"candidate":{…},"application":{…}|null}}.</li>
 *   <li>{@code POST /v3/applications} ({@code candidate_id} of a stored candidate, {@code job_id}) → 201, the
 *       application.</li>
 *   <li>{@code POST /v3/attachments} ({@code application_id} of a stored application, {@code filename},
 *       {@code type}, exactly one of base64 {@code content} or {@code url}) → 201, the attachment without its
 *       content.</li>
 * </ul>
 *
 * <pre>{@code
 * try (GreenhouseStub gh = GreenhouseStub.start("client-id", "client-secret", clock)) {
 *     // registry: register(gh.provider()); robot settings: routing.default=31
 *     // credentials: loginId=client-id, secret=client-secret
 *     ... run the robot ...
 *     assertThat(gh.createCount()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Endpoints are host configuration: {@link #provider()} is a {@code greenhouse} provider pointed at this stub's
 * Harvest and token URLs. Ids are numbers: candidates from 1001, applications from 2001, attachments from 3001.
 * Faults for the next create: {@link #failNextCreateAfterStoring(int)} (stored, then e.g. 503) and
 * {@link #rateLimitNextCreate(Duration)}.
 */
public final class GreenhouseStub implements FaultingStub {
    /** Items per list page, whatever {@code per_page} asks. */
    public static final int PAGE_SIZE = 2;
    /** Requests per rate-limit window. */
    public static final int RATE_LIMIT = 50;
    /** Token lifetime. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ATTACHMENT_TYPES = Set.of("resume", "cover_letter", "take_home_test",
            "offer_packet", "offer_letter", "signed_offer_letter", "midfunnel_agreement", "automated_agreement",
            "form_attachment", "other");

    private final HttpServer server;
    private final String expectedBasic;
    private final Clock clock;
    private final Map<String, Instant> tokens = new HashMap<>();
    private final List<String> subjects = new ArrayList<>();
    private final List<ObjectNode> candidates = new ArrayList<>();
    private final List<ObjectNode> applications = new ArrayList<>();
    private final List<ObjectNode> attachments = new ArrayList<>();
    private final Map<String, Cursor> cursors = new HashMap<>();
    private int candidateCreates;
    private int applicationCreates;
    private int requestsInWindow;
    private int failNextCreateWith;
    private Duration rateLimitNextCreate;
    private Instant windowStart;

    /** What a cursor stands for: the list, its first call's filters, and where the next page starts. */
    private record Cursor(String resource, Map<String, String> filters, int offset) {}

    private GreenhouseStub(String clientId, String clientSecret, Clock clock) throws IOException {
        this.expectedBasic = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.windowStart = clock.instant();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v3/", this::harvest);
        server.start();
    }

    /**
     * Starts a stub that accepts this OAuth client; token expiry and the rate-limit window follow {@code clock}
     * (give it the clock the connector uses).
     */
    public static GreenhouseStub start(String clientId, String clientSecret, Clock clock) {
        try {
            return new GreenhouseStub(clientId, clientSecret, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Harvest base URL, e.g. {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The token URL. */
    public String authUrl() {
        return baseUrl() + "/token";
    }

    /**
     * A new {@code greenhouse} provider whose endpoints are this stub (as a host configures them). Each provider
     * caches its own tokens: keep one for all runs that should share a token.
     */
    public GreenhouseAtsConnectorProvider provider() {
        return GreenhouseAtsConnectorProvider.builder().baseUrl(URI.create(baseUrl())).authUrl(URI.create(authUrl()))
                .build();
    }

    /** How many token requests were answered 200. */
    public synchronized int tokenCount() {
        return subjects.size();
    }

    /** The {@code sub} of each issued token, in order ({@code ""} when none was sent). */
    public synchronized List<String> subjects() {
        return List.copyOf(subjects);
    }

    /** How many {@code POST /v3/candidates} were answered 201. */
    public synchronized int candidateCreateCount() {
        return candidateCreates;
    }

    /** How many {@code POST /v3/applications} were answered 201. */
    public synchronized int applicationCreateCount() {
        return applicationCreates;
    }

    /** Creates of both kinds: how many times a create call made a candidate or an application. */
    public synchronized int createCount() {
        return candidateCreates + applicationCreates;
    }

    /**
     * Makes the next create ({@code POST /v3/candidates} or {@code /v3/applications}) store the record and then
     * answer {@code status} (e.g. 503) with a plain-text body: a create that landed although the caller saw it fail.
     */
    @Override
    public synchronized void failNextCreateAfterStoring(int status) {
        this.failNextCreateWith = status;
    }

    /**
     * Makes the next create ({@code POST /v3/candidates} or {@code /v3/applications}) answer 429 with this
     * {@code Retry-After}, storing nothing.
     */
    @Override
    public synchronized void rateLimitNextCreate(Duration retryAfter) {
        this.rateLimitNextCreate = retryAfter;
    }

    /** Copies of the stored candidates, in creation order (with {@code id} and {@code application_ids}). */
    public synchronized List<JsonNode> candidates() {
        return copies(candidates);
    }

    /** Copies of the stored applications, in creation order. */
    public synchronized List<JsonNode> applications() {
        return copies(applications);
    }

    /** Copies of the stored attachments without their content (its decoded {@code size} instead), in creation order. */
    public synchronized List<JsonNode> attachments() {
        List<JsonNode> out = new ArrayList<>();
        attachments.forEach(a -> out.add(view("attachments", a)));
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- token endpoint ----

    private void token(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> params = StubHttp.query(ex.getRequestURI().getRawQuery());
            params.putAll(StubHttp.query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            synchronized (this) {
                if (!ex.getRequestMethod().equals("POST")) {
                    send(ex, 405, error("method not allowed"));
                } else if (!expectedBasic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    send(ex, 401, JSON.createObjectNode().put("error", "invalid_client"));
                } else if (!"client_credentials".equals(params.get("grant_type"))) {
                    send(ex, 400, JSON.createObjectNode().put("error", "unsupported_grant_type"));
                } else {
                    String value = "gh-token-" + (subjects.size() + 1);
                    Instant expires = clock.instant().plus(TOKEN_LIFETIME);
                    tokens.put(value, expires);
                    subjects.add(params.getOrDefault("sub", ""));
                    send(ex, 200, JSON.createObjectNode().put("token_type", "Bearer").put("access_token", value)
                            .put("expires_at", expires.toString()));
                }
            }
        }
    }

    // ---- Harvest v3 ----

    private void harvest(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            synchronized (this) {
                if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
                    send(ex, 401, error("Unauthorized"));
                    return;
                }
                if (!admit(ex)) {
                    return;
                }
                String path = ex.getRequestURI().getPath();
                String method = ex.getRequestMethod();
                String resource = path.substring("/v3/".length());
                if (method.equals("GET") && Set.of("candidates", "applications", "attachments").contains(resource)) {
                    list(ex, resource, StubHttp.query(ex.getRequestURI().getRawQuery()));
                } else if (method.equals("POST") && Set.of("candidates", "applications").contains(resource)
                        && rateLimitNextCreate != null) {
                    Duration wait = rateLimitNextCreate;
                    rateLimitNextCreate = null;
                    StubHttp.sendTooManyRequests(ex, wait, JSON.writeValueAsString(error("Rate limit exceeded")));
                } else if (method.equals("POST") && resource.equals("candidates")) {
                    createCandidate(ex, JSON.readTree(body));
                } else if (method.equals("POST") && resource.equals("applications")) {
                    createApplication(ex, JSON.readTree(body));
                } else if (method.equals("POST") && resource.equals("attachments")) {
                    createAttachment(ex, JSON.readTree(body));
                } else {
                    send(ex, 404, error("Not found"));
                }
            }
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        Instant expires = tokens.get(header.substring("Bearer ".length()));
        return expires != null && clock.instant().isBefore(expires);
    }

    /** Counts the request in the current window and sets the rate-limit headers; 429 beyond the limit. */
    private boolean admit(HttpExchange ex) throws IOException {
        Instant now = clock.instant();
        if (!now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            requestsInWindow = 0;
        }
        long reset = Math.max(1, Duration.between(now, windowStart.plus(WINDOW)).toSeconds());
        ex.getResponseHeaders().set("X-RateLimit-Limit", String.valueOf(RATE_LIMIT));
        ex.getResponseHeaders().set("X-RateLimit-Reset", String.valueOf(reset));
        if (requestsInWindow >= RATE_LIMIT) {
            ex.getResponseHeaders().set("X-RateLimit-Remaining", "0");
            ex.getResponseHeaders().set("Retry-After", String.valueOf(reset));
            send(ex, 429, error("Rate limit exceeded"));
            return false;
        }
        requestsInWindow++;
        ex.getResponseHeaders().set("X-RateLimit-Remaining", String.valueOf(RATE_LIMIT - requestsInWindow));
        return true;
    }

    private void list(HttpExchange ex, String resource, Map<String, String> q) throws IOException {
        Cursor at;
        if (q.containsKey("cursor")) {
            Cursor c = cursors.get(q.get("cursor"));
            if (q.size() > 1 || c == null || !c.resource().equals(resource)) {
                send(ex, 422, validation("cursor", q.size() > 1 ? "cursor must be the only parameter"
                        : "unknown cursor"));
                return;
            }
            at = c;
        } else {
            Map<String, String> filters = new HashMap<>(q);
            filters.remove("per_page");
            at = new Cursor(resource, filters, 0);
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode item : items(resource)) {
            if (matches(resource, item, at.filters())) {
                matching.add(item);
            }
        }
        ArrayNode page = JSON.createArrayNode();
        int end = Math.min(matching.size(), at.offset() + PAGE_SIZE);
        for (int i = at.offset(); i < end; i++) {
            page.add(view(resource, matching.get(i)));
        }
        if (end < matching.size()) {
            String cursor = "c" + (cursors.size() + 1) + "x" + Integer.toHexString(at.filters().hashCode());
            cursors.put(cursor, new Cursor(resource, at.filters(), end));
            ex.getResponseHeaders().set("Link", "<" + baseUrl() + "/v3/" + resource + "?cursor=" + cursor
                    + ">; rel=\"next\"");
        }
        send(ex, 200, page);
    }

    private List<ObjectNode> items(String resource) {
        return switch (resource) {
            case "candidates" -> candidates;
            case "applications" -> applications;
            default -> attachments;
        };
    }

    private static JsonNode view(String resource, ObjectNode item) {
        if (resource.equals("attachments")) {
            ObjectNode v = item.deepCopy();
            v.remove("content");
            return v;
        }
        return item;
    }

    private static boolean matches(String resource, ObjectNode item, Map<String, String> filters) {
        for (Map.Entry<String, String> f : filters.entrySet()) {
            Predicate<String> oneOf = v -> List.of(f.getValue().split(",")).contains(v);
            boolean ok = switch (resource + "." + f.getKey()) {
                case "candidates.email" -> {
                    boolean found = false;
                    for (JsonNode e : item.path("email_addresses")) {
                        found |= e.path("value").asText().equalsIgnoreCase(f.getValue().strip());
                    }
                    yield found;
                }
                case "candidates.ids", "applications.ids" -> oneOf.test(item.path("id").asText());
                case "applications.candidate_ids" -> oneOf.test(item.path("candidate_id").asText());
                case "applications.job_ids" -> oneOf.test(item.path("job_id").asText());
                case "attachments.application_ids" -> oneOf.test(item.path("application_id").asText());
                default -> true; // filters the simulator does not model narrow nothing
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void createCandidate(HttpExchange ex, JsonNode body) throws IOException {
        for (String field : List.of("first_name", "last_name")) {
            if (body.path(field).asText("").isBlank()) {
                send(ex, 422, validation(field, "Missing field: " + field));
                return;
            }
        }
        JsonNode job = body.path("application").path("job_id");
        if (body.hasNonNull("application") && (job.isMissingNode() || job.isNull())) {
            send(ex, 422, validation("application.job_id", "Missing field: application.job_id"));
            return;
        }
        ObjectNode candidate = ((ObjectNode) body).deepCopy();
        candidate.remove("application");
        long id = 1001L + candidates.size();
        candidate.put("id", id);
        candidate.put("created_at", clock.instant().toString());
        ArrayNode appIds = candidate.putArray("application_ids");
        candidates.add(candidate);
        candidateCreates++;
        ObjectNode answer = JSON.createObjectNode();
        answer.set("candidate", candidate);
        if (body.hasNonNull("application")) {
            ObjectNode app = newApplication(id, job);
            appIds.add(app.get("id"));
            answer.set("application", app);
        } else {
            answer.putNull("application");
        }
        created(ex, answer);
    }

    private void createApplication(HttpExchange ex, JsonNode body) throws IOException {
        ObjectNode candidate = find(candidates, body.path("candidate_id").asText());
        if (candidate == null) {
            send(ex, 422, validation("candidate_id", "candidate not found"));
            return;
        }
        if (!body.hasNonNull("job_id")) {
            send(ex, 422, validation("job_id", "Missing field: job_id"));
            return;
        }
        ObjectNode app = newApplication(candidate.get("id").asLong(), body.get("job_id"));
        ((ArrayNode) candidate.get("application_ids")).add(app.get("id"));
        applicationCreates++;
        created(ex, app);
    }

    /** Answers a stored create: 201, or the armed failure. */
    private void created(HttpExchange ex, JsonNode answer) throws IOException {
        if (failNextCreateWith != 0) {
            int status = failNextCreateWith;
            failNextCreateWith = 0;
            StubHttp.sendText(ex, status, "Service Unavailable");
            return;
        }
        send(ex, 201, answer);
    }

    private ObjectNode newApplication(long candidateId, JsonNode job) {
        ObjectNode app = JSON.createObjectNode();
        app.put("id", 2001L + applications.size());
        app.put("candidate_id", candidateId);
        app.set("job_id", job.deepCopy());
        app.put("status", "active");
        app.put("prospect", false);
        app.put("applied_at", clock.instant().toString());
        applications.add(app);
        return app;
    }

    private void createAttachment(HttpExchange ex, JsonNode body) throws IOException {
        if (find(applications, body.path("application_id").asText()) == null) {
            send(ex, 422, validation("application_id", "application not found"));
            return;
        }
        if (body.path("filename").asText("").isBlank()) {
            send(ex, 422, validation("filename", "Missing field: filename"));
            return;
        }
        if (!ATTACHMENT_TYPES.contains(body.path("type").asText())) {
            send(ex, 422, validation("type", "type must be one of " + ATTACHMENT_TYPES));
            return;
        }
        if (body.hasNonNull("content") == body.hasNonNull("url")) {
            send(ex, 422, validation("content", "exactly one of content or url is required"));
            return;
        }
        ObjectNode att = JSON.createObjectNode();
        att.put("id", 3001L + attachments.size());
        att.set("application_id", body.get("application_id").deepCopy());
        att.put("filename", body.get("filename").asText());
        att.put("type", body.get("type").asText());
        att.put("content_type", body.path("content_type").asText(null));
        if (body.hasNonNull("content")) {
            try {
                att.put("size", Base64.getDecoder().decode(body.get("content").asText()).length);
            } catch (IllegalArgumentException e) {
                send(ex, 422, validation("content", "content is not base64"));
                return;
            }
            att.put("content", body.get("content").asText());
        } else {
            att.put("url", body.get("url").asText());
        }
        attachments.add(att);
        send(ex, 201, view("attachments", att));
    }

    private static ObjectNode find(List<ObjectNode> items, String id) {
        for (ObjectNode item : items) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private static List<JsonNode> copies(List<ObjectNode> items) {
        List<JsonNode> out = new ArrayList<>();
        items.forEach(i -> out.add(i.deepCopy()));
        return out;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("message", message);
    }

    private static ObjectNode validation(String field, String message) {
        ObjectNode root = error("Validation error");
        root.putArray("errors").addObject().put("field", field).put("message", message);
        return root;
    }


    private static void send(HttpExchange ex, int status, JsonNode json) throws IOException {
        StubHttp.sendJson(ex, status, JSON.writeValueAsBytes(json));
    }

    @Override
    public String toString() {
        return "GreenhouseStub[" + baseUrl() + "]";
    }
}
