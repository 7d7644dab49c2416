package dev.renkei.porters.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.TokenSource;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * HRBC's server-to-server authorization, cached: {@code GET /v1/oauth?response_type=code_direct} for a code, then
 * {@code POST /v1/token} for an access token (30 min) and a refresh token (2 h), both lifetimes in milliseconds.
 * A token is reused until shortly before it expires, then refreshed with the refresh token; only when that is gone
 * (or refused) does the client authorize again. Every auth call is billed, so nothing here loops: one refresh and
 * at most one re-authorization per request. The tokens live in memory only and are never logged. Not API.
 */
public final class HrbcTokens implements TokenSource {
    /** Renew this long before the access token expires. */
    static final Duration SKEW = Duration.ofSeconds(60);

    private final HttpExecutor http;
    private final Clock clock;
    private final Credentials credentials;
    private final URI oauthUrl;
    private final URI tokenUrl;
    private final RequestBudget reads;

    private Secret access;
    private Instant accessUntil = Instant.MIN;
    private Secret refresh;
    private Instant refreshUntil = Instant.MIN;

    /**
     * @param credentials the app id (login id) and the app secret
     */
    public HrbcTokens(HttpExecutor http, Clock clock, Credentials credentials, URI oauthUrl, URI tokenUrl,
                      RequestBudget reads) {
        this.http = http;
        this.clock = clock;
        this.credentials = credentials;
        this.oauthUrl = oauthUrl;
        this.tokenUrl = tokenUrl;
        this.reads = reads;
    }

    @Override
    public synchronized Secret accessToken() {
        Instant now = clock.instant();
        if (access != null && now.isBefore(accessUntil.minus(SKEW))) {
            return access;
        }
        renew(now);
        return access;
    }

    @Override
    public synchronized Secret renewAfterRejection(Secret rejected) {
        if (access != null && !access.equals(rejected) && clock.instant().isBefore(accessUntil.minus(SKEW))) {
            return access;
        }
        access = null;
        renew(clock.instant());
        return access;
    }

    private void renew(Instant now) {
        if (refresh != null && now.isBefore(refreshUntil.minus(SKEW))) {
            try {
                exchange("refresh_token", refresh);
                return;
            } catch (RefusedGrant e) {
                refresh = null; // expired or revoked: authorize again, once
            }
        }
        try {
            exchange("oauth_code", Secret.of(code()));
        } catch (RefusedGrant e) {
            throw new ConnectorException(ErrorCode.LOGIN_FAILED, "PORTERS refused the authorization code it had "
                    + "just issued (auth error " + e.error + ")", null, null);
        }
    }

    private String code() {
        URI uri = URI.create(oauthUrl + "?app_id=" + enc(credentials.loginId()) + "&response_type=code_direct");
        reads.acquire();
        XmlNode auth = authBody(http.execute(HttpRequest.newBuilder(uri).GET()
                .header("X-P-ConnectAPI-Version", "2").build()), "GET /v1/oauth");
        int error = auth.childText("Error").map(HrbcTokens::number).orElse(-9);
        if (error != 0) {
            throw authFailure(error, auth.childText("Message").orElse(""));
        }
        return auth.childText("Code").orElseThrow(() -> new ConnectorException(ErrorCode.UNKNOWN,
                "PORTERS answered the code request without a code"));
    }

    private void exchange(String grant, Secret code) {
        String form = "app_id=" + enc(credentials.loginId()) + "&secret=" + enc(credentials.secret().reveal())
                + "&grant_type=" + grant + "&code=" + enc(code.reveal());
        reads.acquire();
        Instant sent = clock.instant();
        XmlNode auth = authBody(http.execute(HttpRequest.newBuilder(tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-P-ConnectAPI-Version", "2")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build()), "POST /v1/token");
        int error = auth.childText("Error").map(HrbcTokens::number).orElse(-9);
        if (error != 0) {
            if (grant.equals("refresh_token") && (error == 401 || error == 107 || error == 103)) {
                throw new RefusedGrant(error);
            }
            if (grant.equals("oauth_code") && error == 103) {
                throw new RefusedGrant(error);
            }
            throw authFailure(error, auth.childText("Message").orElse(""));
        }
        String token = auth.childText("AccessToken").orElseThrow(() -> new ConnectorException(ErrorCode.UNKNOWN,
                "PORTERS answered the token request without an access token"));
        access = Secret.of(token);
        accessUntil = sent.plusMillis(auth.childText("AccessTokenExpiresIn").map(HrbcTokens::number).orElse(0));
        auth.childText("RefreshToken").ifPresent(r -> {
            refresh = Secret.of(r);
            refreshUntil = sent.plusMillis(auth.childText("RefreshTokenExpiresIn").map(HrbcTokens::number).orElse(0));
        });
    }

    private static XmlNode authBody(HttpResult r, String what) {
        if (r.statusCode() == 403) {
            throw new ConnectorException(ErrorCode.CRM_GRANT_MISSING, "PORTERS refused " + what + " (HTTP 403): "
                    + "approve the app once in a browser for this company database", "HTTP 403 for " + what, null);
        }
        if (r.statusCode() >= 500) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "PORTERS answered " + what + " with HTTP "
                    + r.statusCode(), "HTTP " + r.statusCode(), null);
        }
        XmlNode root = HrbcXml.parse(r.body(), what);
        boolean resourceError = root.child("Error").isEmpty() && root.child("Code").isPresent()
                && !root.name().equals("Authentication");
        if (resourceError) {
            throw ResultCodes.failure(root.childText("Code").map(HrbcTokens::number).orElse(-1), what, "");
        }
        return root;
    }

    private static ConnectorException authFailure(int error, String message) {
        String detail = "HRBC auth error " + error + " " + dev.renkei.core.support.Checks.printable(message);
        return switch (error) {
            case 104, 105 -> new ConnectorException(ErrorCode.LOGIN_FAILED,
                    "PORTERS refused the app id or secret (auth error " + error + ")", detail, null);
            case 115, 116, 402, 403 -> new ConnectorException(ErrorCode.CRM_GRANT_MISSING,
                    "PORTERS denied access (auth error " + error + "): approve the app once in a browser for this "
                            + "company database", detail, null);
            case 108 -> new ConnectorException(ErrorCode.UNAVAILABLE, "PORTERS had a server error while "
                    + "authorizing (auth error 108)", detail, null);
            default -> new ConnectorException(ErrorCode.UNKNOWN, "PORTERS refused the authorization (auth error "
                    + error + ")", detail, null);
        };
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A grant the token endpoint refused in a way another grant may cure. */
    private static final class RefusedGrant extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int error;

        RefusedGrant(int error) {
            super(null, null, false, false);
            this.error = error;
        }
    }
}
