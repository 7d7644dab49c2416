package dev.renkei.ats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.support.Checks;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns an unsuccessful HTTP status into a {@link ConnectorException} with the right {@link ErrorCode}:
 * 401 → {@code LOGIN_FAILED}, 403 → {@code PERMISSION_MISSING}, 400/422 → {@code DATA_REJECTED} naming the fields
 * the body names, 404 → {@code CONFIGURATION_INVALID}, 429 → {@code RATE_LIMITED}, 408/504 → {@code TIMEOUT},
 * other 5xx → {@code UNAVAILABLE}, anything else → {@code UNKNOWN}. Never quotes a whole body. Not API.
 */
public final class HttpErrors {
    private HttpErrors() {}

    /** The exception for a failed call. {@code what} says what was attempted, e.g. "create the opportunity". */
    public static ConnectorException of(String vendor, String what, HttpResult r) {
        int s = r.statusCode();
        String detail = s + " " + Redaction.uri(r.uri());
        return switch (s) {
            case 401 -> new ConnectorException(ErrorCode.LOGIN_FAILED,
                    vendor + " refused the credentials while trying to " + what + " (401)", detail, null);
            case 403 -> new ConnectorException(ErrorCode.PERMISSION_MISSING,
                    vendor + " denied permission to " + what + " (403): grant the API key/user the needed scope",
                    detail, null);
            case 400, 422 -> rejected(vendor, what, r, detail);
            case 404 -> new ConnectorException(ErrorCode.CONFIGURATION_INVALID,
                    vendor + " answered 404 while trying to " + what + ": check the base URL and ids in the settings",
                    detail, null);
            case 429 -> new ConnectorException(ErrorCode.RATE_LIMITED,
                    vendor + " limited the request rate while trying to " + what, detail, null);
            case 408, 504 -> new ConnectorException(ErrorCode.TIMEOUT,
                    vendor + " timed out while trying to " + what + " (" + s + ")", detail, null);
            default -> s >= 500
                    ? new ConnectorException(ErrorCode.UNAVAILABLE,
                            vendor + " failed with " + s + " while trying to " + what, detail, null)
                    : new ConnectorException(ErrorCode.UNKNOWN,
                            vendor + " answered " + s + " while trying to " + what, detail, null);
        };
    }

    private static ConnectorException rejected(String vendor, String what, HttpResult r, String detail) {
        JsonNode body = Json.parseOrNull(r.body());
        Set<String> fields = new LinkedHashSet<>();
        String message = null;
        if (body != null) {
            collectFields(body.get("errors"), fields);
            collectFields(body.get("error"), fields);
            message = Json.text(body, "message");
            if (message == null) {
                message = Json.text(body, "error");
            }
            if (message == null) {
                message = Json.text(body, "detail");
            }
        }
        StringBuilder sb = new StringBuilder(vendor).append(" rejected the data while trying to ").append(what)
                .append(" (").append(r.statusCode()).append(')');
        if (!fields.isEmpty()) {
            sb.append(": fields ").append(String.join(", ", fields));
        }
        if (message != null) {
            sb.append(fields.isEmpty() ? ": " : " — ").append(Checks.printable(message));
        }
        return new FieldRejection(sb.toString(), detail, Set.copyOf(fields));
    }

    private static void collectFields(JsonNode errors, Set<String> out) {
        if (errors == null || errors.isNull()) {
            return;
        }
        if (errors.isArray()) {
            for (JsonNode e : errors) {
                String f = e.isObject() ? firstText(e, "field", "name", "attribute", "param", "path") : null;
                if (f != null) {
                    out.add(Checks.printable(f));
                }
            }
        } else if (errors.isObject()) {
            String f = firstText(errors, "field", "name", "attribute", "param", "path");
            if (f != null) {
                out.add(Checks.printable(f));
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = errors.fields();
            while (it.hasNext()) {
                out.add(Checks.printable(it.next().getKey()));
            }
        }
    }

    private static String firstText(JsonNode n, String... names) {
        for (String name : names) {
            String t = Json.text(n, name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** A {@code DATA_REJECTED} failure that also carries the field names the vendor named. */
    public static final class FieldRejection extends ConnectorException {
        private static final long serialVersionUID = 1L;
        private final Set<String> fields;

        FieldRejection(String message, String detail, Set<String> fields) {
            super(ErrorCode.DATA_REJECTED, message, detail, null);
            this.fields = fields;
        }

        /** The rejected field names (may be empty). */
        public Set<String> fields() {
            return fields;
        }
    }

    /** True for a status after which a POST may or may not have landed (5xx other than 501). */
    public static boolean unclear(int status) {
        return status >= 500 && status != 501;
    }
}
