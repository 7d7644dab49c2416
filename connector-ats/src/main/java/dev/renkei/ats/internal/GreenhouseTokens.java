package dev.renkei.ats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.CallOptions;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.support.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Greenhouse OAuth client-credentials tokens for one (client id, acting user): cached until {@code expires_at}
 * (or {@code expires_in}) minus a margin, renewed by one caller at a time, dropped on a 401. Not API.
 */
public final class GreenhouseTokens {
    /** Tokens are renewed when less than this remains. */
    public static final Duration MARGIN = Duration.ofSeconds(60);
    private static final Duration FALLBACK_LIFETIME = Duration.ofMinutes(30);

    private final URI authUrl;
    private final String basic;
    private final String sub;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token current;

    /** A token source; no I/O until {@link #token(HttpExecutor)}. */
    public GreenhouseTokens(URI authUrl, String clientId, String clientSecret, String sub, Clock clock) {
        this.authUrl = authUrl;
        this.basic = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.sub = sub;
        this.clock = clock;
    }

    /** A valid access token, minting one when none is cached or it is about to expire. */
    public String token(HttpExecutor http) {
        Token t = current;
        if (t != null && t.fresh(clock.instant())) {
            return t.value;
        }
        lock.lock();
        try {
            t = current;
            if (t != null && t.fresh(clock.instant())) {
                return t.value;
            }
            current = mint(http);
            return current.value;
        } finally {
            lock.unlock();
        }
    }

    /** Drops {@code rejected} if it is still the cached token (another caller may have renewed it already). */
    public void invalidate(String rejected) {
        lock.lock();
        try {
            if (current != null && current.value.equals(rejected)) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Token mint(HttpExecutor http) {
        String form = "grant_type=client_credentials" + (sub == null ? "" : "&sub=" + Mapping.enc(sub));
        HttpRequest request = HttpRequest.newBuilder(authUrl)
                .header("Authorization", basic)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        // minting a token has no side effect worth protecting: it may be retried
        HttpResult r = http.execute(request, CallOptions.DEFAULT.withRetryUnsafe());
        if (r.statusCode() == 400 || r.statusCode() == 401) {
            throw new ConnectorException(ErrorCode.LOGIN_FAILED, "Greenhouse refused the client id/secret"
                    + (sub == null ? "" : " or the acting user id") + " (" + r.statusCode() + ")",
                    r.statusCode() + " token endpoint", null);
        }
        if (!r.isSuccess()) {
            throw HttpErrors.of("Greenhouse", "obtain an access token", r);
        }
        JsonNode body = Json.parse(r, "Greenhouse");
        String value = Json.text(body, "access_token");
        if (value == null) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "Greenhouse token answer has no access_token",
                    r.statusCode() + " token endpoint", null);
        }
        Instant now = clock.instant();
        Instant expires = null;
        String at = Json.text(body, "expires_at");
        if (at != null) {
            try {
                expires = OffsetDateTime.parse(at).toInstant();
            } catch (RuntimeException e) {
                try {
                    expires = Instant.ofEpochSecond(Long.parseLong(at));
                } catch (RuntimeException ignored) {
                    expires = null;
                }
            }
        }
        if (expires == null && body.hasNonNull("expires_in")) {
            expires = now.plusSeconds(body.get("expires_in").asLong());
        }
        if (expires == null) {
            expires = now.plus(FALLBACK_LIFETIME);
        }
        return new Token(value, expires);
    }

    private record Token(String value, Instant expiresAt) {
        boolean fresh(Instant now) {
            return now.plus(MARGIN).isBefore(expiresAt);
        }

        @Override
        public String toString() {
            return "Token[<not logged>, expiresAt=" + expiresAt + "]";
        }
    }
}
