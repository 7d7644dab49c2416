package dev.renkei.core.support;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;
import java.util.Optional;

/**
 * HTTP status → {@link ErrorCode}, in one place for every connector. An API answer maps by {@link #apiCode}; a
 * connector that reads web pages (where 401/403 and 404 mean other things) uses {@link #transientCode} for the
 * statuses whose meaning does not depend on what was called, and decides the rest itself.
 */
public final class HttpFailures {
    private HttpFailures() {}

    /**
     * The statuses that mean "try again later" whatever was called: 429 → {@code RATE_LIMITED}, 408 and 504 →
     * {@code TIMEOUT}, any other 5xx → {@code UNAVAILABLE}; empty for everything else.
     */
    public static Optional<ErrorCode> transientCode(int status) {
        if (status == 429) {
            return Optional.of(ErrorCode.RATE_LIMITED);
        }
        if (status == 408 || status == 504) {
            return Optional.of(ErrorCode.TIMEOUT);
        }
        return status >= 500 && status < 600 ? Optional.of(ErrorCode.UNAVAILABLE) : Optional.empty();
    }

    /**
     * The code of an unsuccessful API response: 401 → {@code LOGIN_FAILED}, 403 → {@code PERMISSION_MISSING},
     * 400/422 → {@code DATA_REJECTED}, 404 → {@code CONFIGURATION_INVALID}, then {@link #transientCode}, anything
     * else → {@code UNKNOWN}.
     */
    public static ErrorCode apiCode(int status) {
        return switch (status) {
            case 401 -> ErrorCode.LOGIN_FAILED;
            case 403 -> ErrorCode.PERMISSION_MISSING;
            case 400, 422 -> ErrorCode.DATA_REJECTED;
            case 404 -> ErrorCode.CONFIGURATION_INVALID;
            default -> transientCode(status).orElse(ErrorCode.UNKNOWN);
        };
    }

    /**
     * The exception for a failed API call, by {@link #apiCode}. Its message says what was attempted and what to do
     * ({@code what} reads like "create the opportunity"); its detail names the status and the redacted URL, never
     * the body.
     */
    public static ConnectorException of(String vendor, String what, HttpResult r) {
        int s = r.statusCode();
        String detail = s + " " + Redaction.uri(r.uri());
        ErrorCode code = apiCode(s);
        String message = switch (code) {
            case LOGIN_FAILED -> vendor + " refused the credentials while trying to " + what + " (401)";
            case PERMISSION_MISSING -> vendor + " denied permission to " + what
                    + " (403): grant the API key/user the needed scope";
            case DATA_REJECTED -> vendor + " rejected the data while trying to " + what + " (" + s + ")";
            case CONFIGURATION_INVALID -> vendor + " answered 404 while trying to " + what
                    + ": check the base URL and ids in the settings";
            case RATE_LIMITED -> vendor + " limited the request rate while trying to " + what;
            case TIMEOUT -> vendor + " timed out while trying to " + what + " (" + s + ")";
            case UNAVAILABLE -> vendor + " failed with " + s + " while trying to " + what;
            default -> vendor + " answered " + s + " while trying to " + what;
        };
        return new ConnectorException(code, message, detail, null);
    }

    /** True for a status after which a write may or may not have taken effect (5xx other than 501). */
    public static boolean unclear(int status) {
        return status >= 500 && status < 600 && status != 501;
    }
}
