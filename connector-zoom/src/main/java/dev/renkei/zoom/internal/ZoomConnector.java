package dev.renkei.zoom.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.CallOptions;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MeetingConnector;
import dev.renkei.core.spi.TokenSource;
import dev.renkei.core.support.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Zoom connector; see {@code ZoomMeetingConnectorProvider}. API calls carry the link's bearer token; a refused
 * token (401 or code 124) is reported to the token source once and the call replayed once. GET and DELETE are
 * retried by the executor; a create or update refused with 429 is sent again after {@code Retry-After} (or a
 * short pause) when that is near, never after a timeout or reset (the create may have landed: the caller looks it up
 * by its marker). Meeting ids are 64-bit numbers kept as their decimal text. Not API.
 */
public final class ZoomConnector implements MeetingConnector {
    /** Users per page ({@code page_size}); Zoom's pagination guide caps it at 300. */
    static final int PAGE_SIZE = 300;
    private static final int MAX_PAGES = 200;
    /** A refused create or update is sent again at most this many times. */
    private static final int RATE_LIMIT_ATTEMPTS = 3;
    private static final Duration RATE_LIMIT_PAUSE = Duration.ofSeconds(2);
    private static final Duration RATE_LIMIT_CAP = Duration.ofSeconds(30);
    private static final Pattern MEETING_ID = Pattern.compile("[0-9]{1,20}");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ConnectorContext context;
    private final HttpExecutor http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String api;
    private final ZoomOAuth oauth;

    /** Reads the context; no I/O. */
    public ZoomConnector(ConnectorContext context, URI oauthBase, URI apiBase) {
        this.context = context;
        this.http = context.http();
        this.clock = context.clock();
        this.sleeper = context.sleeper();
        this.api = ZoomOAuth.strip(apiBase);
        this.oauth = new ZoomOAuth(http, clock, oauthBase, context.credentials());
    }

    // ---- OAuth ------------------------------------------------------------------------------------------------

    @Override
    public URI authorizationUrl(String state, String codeChallenge, URI redirectUri) {
        return oauth.authorizationUrl(state, codeChallenge, redirectUri);
    }

    @Override
    public Tokens exchangeCode(String code, String codeVerifier, URI redirectUri) {
        return oauth.exchangeCode(code, codeVerifier, redirectUri);
    }

    @Override
    public Tokens refresh(Secret refreshToken) {
        return oauth.refresh(refreshToken);
    }

    @Override
    public Tokens serverToServer(String accountId) {
        return oauth.accountCredentials(accountId);
    }

    @Override
    public void revoke(Secret accessToken) {
        oauth.revoke(accessToken);
    }

    @Override
    public WebhookEvent readWebhook(byte[] rawBody, Map<String, String> headers) {
        return ZoomWebhooks.read(rawBody, headers, context.secret(WEBHOOK_SECRET).orElse(null), clock);
    }

    // ---- users ------------------------------------------------------------------------------------------------

    @Override
    public void checkLogin() {
        me();
    }

    @Override
    public HostUser me() {
        HttpResult r = call("GET", "/users/me", null, "read the authorizing user");
        if (!r.isSuccess()) {
            throw error("read the authorizing user", r);
        }
        return user(Json.parseObject(r, "Zoom"));
    }

    @Override
    public List<HostUser> hosts() {
        List<HostUser> out = new ArrayList<>();
        String token = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = "/users?status=active&page_size=" + PAGE_SIZE
                    + (token.isEmpty() ? "" : "&next_page_token=" + ZoomOAuth.enc(token));
            HttpResult r = call("GET", path, null, "list the account's users");
            if (!r.isSuccess()) {
                throw error("list the account's users", r);
            }
            JsonNode b = Json.parseObject(r, "Zoom");
            for (JsonNode u : b.path("users")) {
                if (Json.text(u, "id") != null) { // pending users have no id yet and cannot host
                    out.add(user(u));
                }
            }
            token = Optional.ofNullable(Json.text(b, "next_page_token")).orElse("");
            if (token.isEmpty()) {
                return List.copyOf(out);
            }
        }
        throw new ConnectorException(ErrorCode.UNKNOWN, "Zoom's user list did not end after " + MAX_PAGES + " pages",
                "next_page_token", null);
    }

    private static HostUser user(JsonNode u) {
        String name = Json.text(u, "display_name");
        if (name == null) {
            String first = Optional.ofNullable(Json.text(u, "first_name")).orElse("");
            String last = Optional.ofNullable(Json.text(u, "last_name")).orElse("");
            name = (first + " " + last).strip();
        }
        return new HostUser(Json.text(u, "id"), Json.text(u, "email"), name, Json.text(u, "account_id"));
    }

    // ---- meetings ---------------------------------------------------------------------------------------------

    @Override
    public Meeting create(String hostUserId, MeetingSpec spec) {
        String what = "create the meeting";
        ObjectNode body = body(spec).put("type", 2);
        HttpResult r = callRateLimited("POST", "/users/" + ZoomOAuth.enc(hostUserId) + "/meetings", body, what);
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw error(what, r);
        }
        return meeting(Json.parseObject(r, "Zoom"));
    }

    @Override
    public boolean update(String meetingId, MeetingSpec spec) {
        String what = "update meeting " + meetingId;
        HttpResult r = callRateLimited("PATCH", "/meetings/" + id(meetingId), body(spec), what);
        if (r.isSuccess()) {
            return true;
        }
        if (r.statusCode() == 404 && ZoomErrors.code(r) == ZoomErrors.MEETING_NOT_FOUND) {
            return false;
        }
        throw error(what, r);
    }

    @Override
    public void delete(String meetingId) {
        String what = "delete meeting " + meetingId;
        HttpResult r = call("DELETE", "/meetings/" + id(meetingId), null, what);
        if (r.isSuccess() || gone(r)) {
            return;
        }
        throw error(what, r);
    }

    @Override
    public Optional<Meeting> get(String meetingId) {
        String what = "read meeting " + meetingId;
        HttpResult r = call("GET", "/meetings/" + id(meetingId), null, what);
        if (gone(r)) {
            return Optional.empty();
        }
        if (!r.isSuccess()) {
            throw error(what, r);
        }
        return Optional.of(meeting(Json.parseObject(r, "Zoom")));
    }

    @Override
    public Optional<Meeting> findByMarker(String hostUserId, String marker) {
        String what = "look up the host's upcoming meetings";
        String token = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            HttpResult r = call("GET", "/users/" + ZoomOAuth.enc(hostUserId) + "/meetings?type=upcoming&page_size="
                    + PAGE_SIZE + (token.isEmpty() ? "" : "&next_page_token=" + ZoomOAuth.enc(token)), null, what);
            if (!r.isSuccess()) {
                throw error(what, r);
            }
            JsonNode b = Json.parseObject(r, "Zoom");
            for (JsonNode m : b.path("meetings")) {
                String agenda = Json.text(m, "agenda");
                String id = m.path("id").asText("");
                if (agenda != null && agenda.contains(marker) && MEETING_ID.matcher(id).matches()) {
                    return get(id).or(() -> Optional.of(meeting(m))); // the full object has the passcode
                }
            }
            token = Optional.ofNullable(Json.text(b, "next_page_token")).orElse("");
            if (token.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private ObjectNode body(MeetingSpec spec) {
        ObjectNode b = Json.object();
        b.put("topic", cut(spec.topic(), 200));
        b.put("start_time", UTC.format(spec.start().truncatedTo(ChronoUnit.SECONDS)));
        b.put("duration", Math.max(1, spec.duration().toMinutes()));
        b.put("timezone", spec.timeZone());
        String line = "[" + spec.marker() + "]";
        String agenda = spec.agenda() == null ? "" : cut(spec.agenda(), 2000 - line.length() - 2) + "\n\n";
        b.put("agenda", agenda + line);
        return b;
    }

    private static Meeting meeting(JsonNode m) {
        String id = m.path("id").asText("");
        if (!MEETING_ID.matcher(id).matches()) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "Zoom's meeting answer has no numeric id", "id", null);
        }
        String join = Json.text(m, "join_url");
        String start = Json.text(m, "start_url");
        String password = Json.text(m, "password");
        String startTime = Json.text(m, "start_time");
        Instant at = null;
        try {
            at = startTime == null ? null : Instant.parse(startTime);
        } catch (RuntimeException ignored) {
            at = null;
        }
        return new Meeting(id, Json.text(m, "host_id"), join == null ? null : URI.create(join),
                start == null ? null : URI.create(start), password == null ? null : Secret.of(password), at,
                Json.text(m, "topic"));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String id(String meetingId) {
        if (meetingId == null || !MEETING_ID.matcher(meetingId).matches()) {
            throw new IllegalArgumentException("a Zoom meeting id is a number, got '" + meetingId + "'");
        }
        return meetingId;
    }

    private static boolean gone(HttpResult r) {
        int code = ZoomErrors.code(r);
        return r.statusCode() == 404 && (code == ZoomErrors.MEETING_NOT_FOUND || code == ZoomErrors.USER_NOT_FOUND);
    }

    // ---- calls ------------------------------------------------------------------------------------------------

    private ConnectorException error(String what, HttpResult r) {
        return ZoomErrors.of(what, r, clock.instant());
    }

    /** A create or update: a 429 (refused, so it did not land) is sent again when the wait is short. */
    private HttpResult callRateLimited(String method, String path, JsonNode body, String what) {
        for (int attempt = 1; ; attempt++) {
            HttpResult r = call(method, path, Json.bytes(body), what);
            if (r.statusCode() != 429 || attempt >= RATE_LIMIT_ATTEMPTS) {
                return r;
            }
            Duration wait = ZoomErrors.waitFor(error(what, r), clock.instant(), RATE_LIMIT_PAUSE, RATE_LIMIT_CAP);
            if (wait == null) {
                return r;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ErrorCode.UNAVAILABLE, "interrupted while waiting to " + what, e);
            }
        }
    }

    /** One authenticated call; a refused token is renewed once and the call replayed once. */
    private HttpResult call(String method, String path, byte[] body, String what) {
        TokenSource tokens = context.requireTokens();
        Secret token = tokens.accessToken();
        HttpResult r = send(method, path, body, token);
        if (ZoomErrors.tokenRefused(r)) {
            token = tokens.renewAfterRejection(token);
            r = send(method, path, body, token);
            if (ZoomErrors.tokenRefused(r)) {
                throw error(what, r);
            }
        }
        return r;
    }

    private HttpResult send(String method, String path, byte[] body, Secret token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return http.execute(b.build(), CallOptions.DEFAULT);
    }
}
