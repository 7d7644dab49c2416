package dev.renkei.ats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.support.Checks;
import dev.renkei.core.support.HttpFailures;
import dev.renkei.core.support.Json;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns an unsuccessful ATS API answer into a {@link ConnectorException}: the statuses map by core's
 * {@link HttpFailures}; a 400/422 additionally names the fields the JSON body names. Never quotes a whole body.
 * Not API.
 */
public final class HttpErrors {
    private HttpErrors() {}

    /** The exception for a failed call. {@code what} says what was attempted, e.g. "create the opportunity". */
    public static ConnectorException of(String vendor, String what, HttpResult r) {
        int s = r.statusCode();
        if (s == 400 || s == 422) {
            return rejected(vendor, what, r, s + " " + Redaction.uri(r.uri()));
        }
        return HttpFailures.of(vendor, what, r);
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
        return HttpFailures.unclear(status);
    }
}
