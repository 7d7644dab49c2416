package dev.renkei.zoom.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.spi.MeetingRateLimitException;
import dev.renkei.core.support.Checks;
import dev.renkei.core.support.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Zoom's error body {@code {"code":N,"message":..}} and status to a {@link ConnectorException}: 401 or code 124
 * (token refused) and code 4711 (missing scope) → {@code MEETING_LINK_REVOKED}; code 1001 (user does not exist) →
 * {@code MEETING_HOST_NOT_FOUND}; 429 → {@link MeetingRateLimitException} (with the ISO {@code Retry-After}, or
 * the next 00:00 UTC for the per-host meeting limit); 403 → {@code PERMISSION_MISSING}; 400 → {@code DATA_REJECTED};
 * 408/504 → {@code TIMEOUT}; 5xx → {@code UNAVAILABLE}. Never quotes a whole body. Not API.
 */
final class ZoomErrors {
    /** Zoom error codes. */
    static final int INVALID_TOKEN = 124;
    static final int USER_NOT_FOUND = 1001;
    static final int MEETING_NOT_FOUND = 3001;
    static final int MISSING_SCOPE = 4711;

    private ZoomErrors() {}

    /** The Zoom error code of a response, or -1. */
    static int code(HttpResult r) {
        JsonNode b = Json.parseOrNull(r.body());
        return b != null && b.path("code").canConvertToInt() ? b.path("code").asInt(-1) : -1;
    }

    /** True when the response says the access token was refused (401, or code 124 under another status). */
    static boolean tokenRefused(HttpResult r) {
        return r.statusCode() == 401 || (r.statusCode() == 400 && code(r) == INVALID_TOKEN);
    }

    static ConnectorException of(String what, HttpResult r, Instant now) {
        int s = r.statusCode();
        JsonNode b = Json.parseOrNull(r.body());
        int code = b != null && b.path("code").canConvertToInt() ? b.path("code").asInt(-1) : -1;
        String message = b == null ? null : Json.text(b, "message");
        String said = message == null ? "" : ": " + Checks.printable(message);
        String detail = s + (code < 0 ? "" : " code " + code) + " " + Redaction.uri(r.uri());
        if (s == 401 || code == INVALID_TOKEN) {
            return new ConnectorException(ErrorCode.MEETING_LINK_REVOKED, "Zoom refused the access token while "
                    + "trying to " + what + said + "; link the Zoom account again", detail, null);
        }
        if (code == MISSING_SCOPE) {
            return new ConnectorException(ErrorCode.MEETING_LINK_REVOKED, "The Zoom link lacks a scope needed to "
                    + what + said + "; authorize the app again so it is granted", detail, null);
        }
        if (code == USER_NOT_FOUND) {
            return new ConnectorException(ErrorCode.MEETING_HOST_NOT_FOUND, "Zoom does not know the host user while "
                    + "trying to " + what + said + "; choose the host user again", detail, null);
        }
        if (s == 429) {
            return rateLimited(what, r, message, detail, now);
        }
        return switch (s) {
            case 403 -> new ConnectorException(ErrorCode.PERMISSION_MISSING, "Zoom denied permission to " + what + said,
                    detail, null);
            case 400, 422 -> new ConnectorException(ErrorCode.DATA_REJECTED, "Zoom rejected the data while trying to "
                    + what + said, detail, null);
            case 408, 504 -> new ConnectorException(ErrorCode.TIMEOUT, "Zoom timed out while trying to " + what
                    + " (" + s + ")", detail, null);
            default -> s >= 500
                    ? new ConnectorException(ErrorCode.UNAVAILABLE, "Zoom failed with " + s + " while trying to " + what,
                            detail, null)
                    : new ConnectorException(ErrorCode.UNKNOWN, "Zoom answered " + s + " while trying to " + what + said,
                            detail, null);
        };
    }

    /** True for Zoom's per-host limit on meeting creates and updates (no Retry-After, only a message). */
    static boolean hostDailyLimit(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("meeting create/update") || (m.contains("daily rate limit") && m.contains("this particular user"));
    }

    private static MeetingRateLimitException rateLimited(String what, HttpResult r, String message, String detail,
                                                         Instant now) {
        boolean host = hostDailyLimit(message);
        Instant retryAt = host ? LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC) : r.retryAfter(now).map(now::plus).orElse(null);
        String when = retryAt == null ? "; try again later" : "; Zoom accepts it again at " + retryAt;
        String which = host ? "the host's daily limit of meeting creates and updates"
                : r.header("X-RateLimit-Type").map(t -> "its " + Checks.printable(t) + " rate limit")
                .orElse("its rate limit");
        return new MeetingRateLimitException("Zoom refused to " + what + " under " + which + when, detail, retryAt,
                host);
    }

    /** How long to wait before sending a refused (429) request again, when it is worth waiting at all. */
    static Duration waitFor(ConnectorException e, Instant now, Duration fallback, Duration cap) {
        if (!(e instanceof MeetingRateLimitException r) || r.hostDailyLimit()) {
            return null;
        }
        Duration d = r.retryAt().map(t -> Duration.between(now, t)).orElse(fallback);
        d = d.isNegative() ? Duration.ZERO : d;
        return d.compareTo(cap) > 0 ? null : d;
    }
}
