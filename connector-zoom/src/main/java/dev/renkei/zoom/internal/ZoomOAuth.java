package dev.renkei.zoom.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.CallOptions;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.MeetingConnector.Tokens;
import dev.renkei.core.support.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * Zoom's OAuth endpoints under the OAuth base URL: {@code /oauth/authorize} (PKCE S256), {@code /oauth/token}
 * (authorization code, refresh, {@code account_credentials}) and {@code /oauth/revoke}, each with the client's
 * Basic authentication and a form body. A code exchange or refresh is never sent twice (a refresh token dies on
 * use); only {@code account_credentials}, which has no side effect, may be retried. Not API.
 */
final class ZoomOAuth {
    private static final long DEFAULT_EXPIRES_IN = 3599;

    private final HttpExecutor http;
    private final Clock clock;
    private final String base;
    private final Credentials client;

    ZoomOAuth(HttpExecutor http, Clock clock, URI oauthBase, Credentials client) {
        this.http = http;
        this.clock = clock;
        this.base = strip(oauthBase);
        this.client = client;
    }

    static String strip(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    URI authorizationUrl(String state, String codeChallenge, URI redirectUri) {
        return URI.create(base + "/oauth/authorize?" + form("response_type", "code", "client_id", client().loginId(),
                "redirect_uri", redirectUri.toString(), "state", state, "code_challenge", codeChallenge,
                "code_challenge_method", "S256"));
    }

    Tokens exchangeCode(String code, String verifier, URI redirectUri) {
        return token(form("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri.toString(),
                "code_verifier", verifier), "exchange the authorization code", CallOptions.DEFAULT);
    }

    Tokens refresh(Secret refreshToken) {
        return token(form("grant_type", "refresh_token", "refresh_token", refreshToken.reveal()),
                "refresh the access token", CallOptions.DEFAULT);
    }

    Tokens accountCredentials(String accountId) {
        return token(form("grant_type", "account_credentials", "account_id", accountId),
                "obtain a server-to-server token", CallOptions.DEFAULT.withRetryUnsafe());
    }

    void revoke(Secret token) {
        HttpResult r = post("/oauth/revoke", form("token", token.reveal()), CallOptions.DEFAULT);
        if (!r.isSuccess()) {
            throw failure("revoke the token", r);
        }
    }

    private Tokens token(String form, String what, CallOptions options) {
        HttpResult r = post("/oauth/token", form, options);
        if (!r.isSuccess()) {
            throw failure(what, r);
        }
        JsonNode b = Json.parseObject(r, "Zoom");
        String access = Json.text(b, "access_token");
        if (access == null) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "Zoom's token answer has no access_token",
                    r.statusCode() + " " + Redaction.uri(r.uri()), null);
        }
        String refresh = Json.text(b, "refresh_token");
        long expiresIn = b.path("expires_in").canConvertToLong() && b.path("expires_in").asLong() > 0
                ? b.path("expires_in").asLong() : DEFAULT_EXPIRES_IN;
        return new Tokens(Secret.of(access), refresh == null ? null : Secret.of(refresh),
                clock.instant().plusSeconds(expiresIn), Json.text(b, "scope"));
    }

    private HttpResult post(String path, String form, CallOptions options) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic())
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.execute(request, options);
    }

    /** {@code invalid_grant} (any 4xx) → the grant is gone; {@code invalid_client} → the app's credentials. */
    private ConnectorException failure(String what, HttpResult r) {
        JsonNode b = Json.parseOrNull(r.body());
        String error = b == null ? null : Json.text(b, "error");
        String detail = r.statusCode() + (error == null ? "" : " " + error) + " " + Redaction.uri(r.uri());
        int s = r.statusCode();
        if ("invalid_client".equals(error) || (s == 401 && !"invalid_grant".equals(error))) {
            return new ConnectorException(ErrorCode.LOGIN_FAILED, "Zoom refused the app's client id or secret while "
                    + "trying to " + what + "; check the Zoom app credentials", detail, null);
        }
        if (s >= 400 && s < 500 && s != 408 && s != 429) {
            return new ConnectorException(ErrorCode.MEETING_LINK_REVOKED, "Zoom refused the grant while trying to "
                    + what + (error == null ? "" : " (" + error + ")") + "; link the Zoom account again", detail, null);
        }
        return ZoomErrors.of(what, r, clock.instant());
    }

    private Credentials client() {
        if (client == null) {
            throw new IllegalStateException("the Zoom connector needs the OAuth client's id and secret as credentials");
        }
        return client;
    }

    private String basic() {
        Credentials c = client();
        return "Basic " + Base64.getEncoder().encodeToString((c.loginId() + ":" + c.secret().reveal())
                .getBytes(StandardCharsets.UTF_8));
    }

    static String form(String... pairs) {
        StringJoiner j = new StringJoiner("&");
        for (int i = 0; i < pairs.length; i += 2) {
            j.add(enc(pairs[i]) + "=" + enc(pairs[i + 1]));
        }
        return j.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
