package dev.renkei.zoom.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.renkei.core.model.Credentials;
import dev.renkei.zoom.ZoomMeetingConnectorProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Zoom simulator on WireMock (ephemeral port), answering with the JSON shapes of Zoom's documentation (fixtures
 * under {@code fixtures/zoom/}): OAuth authorize (a consent page a browser clicks through, {@link ZoomConsentPage})
 * and token/revoke with PKCE S256 checks and refresh tokens that die when
 * used, {@code /v2/users/me}, {@code /v2/users} in two pages, meetings with ids above 2^31 (create 201, PATCH and
 * DELETE 204, 404 code 3001 when gone), bearer checks (401 code 124), and switchable faults: a create that is
 * stored but answered too late, 429s with or without {@code Retry-After}, the per-host daily limit, 5xx.
 * Thread-safe: every request is handled under one lock, as one Zoom would order them.
 */
public final class ZoomSimulator implements AutoCloseable {
    /** The OAuth app's client id and secret the simulator accepts. */
    public static final Credentials CLIENT = Credentials.of("zoom-client-1", "zoom-client-secret-1");
    /** The linked account. */
    public static final String ACCOUNT = "ACC-q6gBJVO5TzexKYTb_I2rpg";
    /** The authorizing user (a host). */
    public static final String HOST = "KDcuGIm1QgePTO8WbOqwIQ";
    /** Another host of the account. */
    public static final String OTHER_HOST = "z8yAAAAA8bbbQ";
    /** The first meeting id handed out: above 2^31. */
    public static final long FIRST_MEETING_ID = 85_746_065_432L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "zoom-sim";

    private final WireMockServer server;
    private final Clock clock;
    private final Object lock = new Object();
    private final ZoomConsentPage consent = new ZoomConsentPage(this);
    private final Map<String, Map<String, String>> codes = new HashMap<>();
    private final Set<String> liveRefresh = new HashSet<>();
    private final Map<String, Instant> liveAccess = new HashMap<>();
    private final Map<Long, ObjectNode> meetings = new LinkedHashMap<>();
    private final List<String> revoked = new ArrayList<>();
    private final AtomicInteger tokenSerial = new AtomicInteger(1);
    private final AtomicInteger startUrlSerial = new AtomicInteger();
    private long nextMeetingId = FIRST_MEETING_ID;
    private int creates;
    private int refreshCalls;
    private int invalidGrants;
    private boolean lenientRefresh;
    private boolean storeThenStallNextCreate;
    private final List<ResponseDefinitionBuilder> nextCreateFaults = new ArrayList<>();
    private final List<ResponseDefinitionBuilder> nextTokenFaults = new ArrayList<>();

    /** Starts a simulator whose tokens expire by {@code clock}, on a free port. */
    public ZoomSimulator(Clock clock) {
        this(clock, 0);
    }

    /** Starts a simulator on a fixed loopback port (0: a free one), e.g. for the samples' {@code simulators}. */
    public ZoomSimulator(Clock clock, int port) {
        this.clock = clock;
        this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").port(port)
                .extensions(new Router()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(NAME)));
    }

    /** The WireMock server (for request verification). */
    public WireMockServer server() {
        return server;
    }

    /** A provider pointed at this simulator. */
    public ZoomMeetingConnectorProvider provider() {
        return ZoomMeetingConnectorProvider.builder().oauthBaseUrl(URI.create(server.baseUrl()))
                .apiBaseUrl(URI.create(server.baseUrl() + "/v2")).build();
    }

    // ---- what a test does as the browser or the admin ---------------------------------------------------------

    /**
     * Plays the administrator's browser: opens the authorize URL and "approves"; returns the callback's code and
     * state as Zoom would redirect with them.
     */
    public Map<String, String> approve(URI authorizeUrl) {
        return grant(query(authorizeUrl.getRawQuery()));
    }

    /** Records a code for an authorize request's parameters (the consent page's Allow and {@link #approve}). */
    Map<String, String> grant(Map<String, String> q) {
        synchronized (lock) {
            String code = "AUTH_CODE_" + (codes.size() + 1);
            codes.put(code, q);
            return Map.of("code", code, "state", q.getOrDefault("state", ""));
        }
    }

    /** Gives out an access token directly (as if a link had been authorized), valid for an hour. */
    public String issueAccessToken() {
        synchronized (lock) {
            return pair(false).get("access_token").asText();
        }
    }

    /** Revokes an access token on Zoom's side (as if the user removed the app). */
    public void invalidateAccessToken(String token) {
        synchronized (lock) {
            liveAccess.remove(token);
        }
    }

    // ---- switches ---------------------------------------------------------------------------------------------

    /** Refresh tokens stay valid after use (to let a stale refresher obtain a pair, for compare-and-set tests). */
    public void lenientRefresh(boolean lenient) {
        synchronized (lock) {
            this.lenientRefresh = lenient;
        }
    }

    /** The next create is stored, then answered after 6 s (longer than the tests' deadline). */
    public void storeThenStallNextCreate() {
        synchronized (lock) {
            storeThenStallNextCreate = true;
        }
    }

    /** The next create requests get these answers instead (nothing is stored), in order. */
    public void failNextCreates(ResponseDefinitionBuilder... answers) {
        synchronized (lock) {
            nextCreateFaults.addAll(List.of(answers));
        }
    }

    /** The next token requests get these answers instead (nothing changes), in order. */
    public void failNextTokenCalls(ResponseDefinitionBuilder... answers) {
        synchronized (lock) {
            nextTokenFaults.addAll(List.of(answers));
        }
    }

    /** A 429 as Zoom sends it. */
    public static ResponseDefinitionBuilder tooMany(String type, String retryAfter, String message) {
        ResponseDefinitionBuilder b = aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("X-RateLimit-Category", "Medium").withBody("{\"code\":429,\"message\":\"" + message + "\"}");
        if (type != null) {
            b.withHeader("X-RateLimit-Type", type);
        }
        if (retryAfter != null) {
            b.withHeader("Retry-After", retryAfter);
        }
        return b;
    }

    // ---- what a test reads back -------------------------------------------------------------------------------

    /** Meetings that exist now. */
    public List<JsonNode> meetings() {
        synchronized (lock) {
            return List.copyOf(meetings.values());
        }
    }

    /** Meetings created so far (deleted ones included). */
    public int creates() {
        synchronized (lock) {
            return creates;
        }
    }

    /** Refresh-token grants received. */
    public int refreshCalls() {
        synchronized (lock) {
            return refreshCalls;
        }
    }

    /** Token requests answered {@code invalid_grant}. */
    public int invalidGrants() {
        synchronized (lock) {
            return invalidGrants;
        }
    }

    /** Tokens revoked through {@code /oauth/revoke}. */
    public List<String> revoked() {
        synchronized (lock) {
            return List.copyOf(revoked);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- the simulator ----------------------------------------------------------------------------------------

    private final class Router implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request req = event.getRequest();
            synchronized (lock) {
                return route(req).build();
            }
        }
    }

    private ResponseDefinitionBuilder route(Request req) {
        URI uri = URI.create(req.getUrl());
        String path = uri.getPath();
        String method = req.getMethod().getName();
        if (path.equals("/oauth/token") && method.equals("POST")) {
            return token(req);
        }
        if (path.equals("/oauth/authorize")) {
            return consent.answer(method, query(uri.getRawQuery()), method.equals("POST")
                    ? query(req.getBodyAsString()) : Map.of());
        }
        if (path.equals("/oauth/revoke") && method.equals("POST")) {
            if (!basicOk(req)) {
                return oauthError(401, "invalid_client");
            }
            String t = query(req.getBodyAsString()).get("token");
            revoked.add(t);
            liveAccess.remove(t);
            return json(200, "{\"status\":\"success\"}");
        }
        if (!path.startsWith("/v2/")) {
            return aResponse().withStatus(404);
        }
        if (!bearerOk(req)) {
            return json(401, "{\"code\":124,\"message\":\"Invalid access token.\"}");
        }
        String[] p = path.substring(4).split("/");
        Map<String, String> q = query(uri.getRawQuery());
        if (p.length == 2 && p[1].equals("me") && method.equals("GET")) {
            return json(200, fixture("user-me.json"));
        }
        if (p.length == 1 && p[0].equals("users") && method.equals("GET")) {
            return json(200, fixture("tok2".equals(q.get("next_page_token")) ? "users-page2.json" : "users-page1.json"));
        }
        if (p.length == 3 && p[0].equals("users") && p[2].equals("meetings")) {
            if (!p[1].equals(HOST) && !p[1].equals(OTHER_HOST)) {
                return json(404, "{\"code\":1001,\"message\":\"User does not exist: " + p[1] + ".\"}");
            }
            return method.equals("POST") ? create(p[1], req) : list(p[1]);
        }
        if (p.length == 2 && p[0].equals("meetings")) {
            ObjectNode m = meetings.get(Long.parseLong(p[1]));
            if (m == null) {
                return json(404, "{\"code\":3001,\"message\":\"Meeting " + p[1] + " is not found or has expired.\"}");
            }
            switch (method) {
                case "GET":
                    m.put("start_url", "https://us05web.zoom.us/s/" + p[1] + "?zak=fresh" + startUrlSerial.incrementAndGet());
                    return json(200, m.toString());
                case "PATCH":
                    JsonNode body = read(req.getBodyAsString());
                    body.fields().forEachRemaining(f -> m.set(f.getKey(), f.getValue()));
                    return aResponse().withStatus(204);
                case "DELETE":
                    meetings.remove(Long.parseLong(p[1]));
                    return aResponse().withStatus(204);
                default:
                    return aResponse().withStatus(405);
            }
        }
        return json(404, "{\"code\":404,\"message\":\"no such API\"}");
    }

    private ResponseDefinitionBuilder token(Request req) {
        if (!nextTokenFaults.isEmpty()) {
            return nextTokenFaults.remove(0);
        }
        if (!basicOk(req)) {
            return oauthError(401, "invalid_client");
        }
        Map<String, String> f = query(req.getBodyAsString());
        switch (f.getOrDefault("grant_type", "")) {
            case "authorization_code": {
                Map<String, String> auth = codes.remove(f.getOrDefault("code", ""));
                if (auth == null || !auth.get("redirect_uri").equals(f.get("redirect_uri"))
                        || !"S256".equals(auth.get("code_challenge_method"))
                        || !s256(f.getOrDefault("code_verifier", "")).equals(auth.get("code_challenge"))) {
                    return oauthError(400, "invalid_grant");
                }
                return json(200, pair(true).toString());
            }
            case "refresh_token": {
                refreshCalls++;
                String r = f.getOrDefault("refresh_token", "");
                if (!liveRefresh.contains(r)) {
                    invalidGrants++;
                    return oauthError(400, "invalid_grant");
                }
                if (!lenientRefresh) {
                    liveRefresh.remove(r); // rotation: the old refresh token dies when used
                }
                return json(200, pair(true).toString());
            }
            case "account_credentials": {
                if (!ACCOUNT.equals(f.get("account_id"))) {
                    return oauthError(400, "invalid_request");
                }
                ObjectNode t = pair(false);
                t.put("expires_in", 3600);
                return json(200, t.toString());
            }
            default:
                return oauthError(400, "unsupported_grant_type");
        }
    }

    /** A new token pair shaped like fixture T1 (A1/R1, then A2/R2…). */
    private ObjectNode pair(boolean withRefresh) {
        int n = tokenSerial.getAndIncrement();
        ObjectNode t = (ObjectNode) read(fixture("token.json"));
        t.put("access_token", "A" + n);
        liveAccess.put("A" + n, clock.instant().plusSeconds(3599));
        if (withRefresh) {
            t.put("refresh_token", "R" + n);
            liveRefresh.add("R" + n);
        } else {
            t.remove("refresh_token");
        }
        return t;
    }

    private ResponseDefinitionBuilder create(String host, Request req) {
        if (!nextCreateFaults.isEmpty()) {
            return nextCreateFaults.remove(0);
        }
        JsonNode body = read(req.getBodyAsString());
        ObjectNode m = (ObjectNode) read(fixture("meeting.json"));
        long id = nextMeetingId++;
        m.put("id", id);
        m.put("host_id", host);
        m.put("join_url", "https://us05web.zoom.us/j/" + id + "?pwd=p" + id);
        m.put("start_url", "https://us05web.zoom.us/s/" + id + "?zak=first");
        m.put("password", "pw" + (id % 100000));
        body.fields().forEachRemaining(f -> m.set(f.getKey(), f.getValue()));
        m.put("status", "waiting");
        meetings.put(id, m);
        creates++;
        ResponseDefinitionBuilder r = json(201, m.toString())
                .withHeader("Content-Location", "/meetings/" + id);
        if (storeThenStallNextCreate) {
            storeThenStallNextCreate = false;
            r.withFixedDelay(6000);
        }
        return r;
    }

    private ResponseDefinitionBuilder list(String host) {
        ObjectNode out = JSON.createObjectNode();
        var arr = out.putArray("meetings");
        for (ObjectNode m : meetings.values()) {
            if (host.equals(m.path("host_id").asText())) {
                ObjectNode s = arr.addObject();
                for (String f : List.of("uuid", "id", "host_id", "topic", "type", "start_time", "duration",
                        "timezone", "agenda", "created_at", "join_url")) {
                    s.set(f, m.get(f));
                }
            }
        }
        out.put("page_size", 300).put("total_records", arr.size()).put("next_page_token", "");
        return json(200, out.toString());
    }

    private boolean basicOk(Request req) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT.loginId() + ":"
                + CLIENT.secret().reveal()).getBytes(StandardCharsets.UTF_8));
        return expected.equals(req.getHeader("Authorization"));
    }

    private boolean bearerOk(Request req) {
        String h = req.getHeader("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        Instant expires = liveAccess.get(h.substring(7));
        return expires != null && expires.isAfter(clock.instant());
    }

    private static ResponseDefinitionBuilder oauthError(int status, String error) {
        return json(status, "{\"reason\":\"Invalid Token!\",\"error\":\"" + error + "\"}");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
                .withBody(body);
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture's text. */
    public static String fixture(String name) {
        try (InputStream in = ZoomSimulator.class.getResourceAsStream("/fixtures/zoom/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
