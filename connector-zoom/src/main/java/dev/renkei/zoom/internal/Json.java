package dev.renkei.zoom.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;

/** JSON helpers of the Zoom connector. Not API. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Parses a successful response's body. @throws ConnectorException {@code UNKNOWN} when it is not JSON */
    static JsonNode parse(HttpResult r) {
        JsonNode n = parseOrNull(r.body());
        if (n == null || !n.isObject()) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "Zoom answered " + r.statusCode()
                    + " with a body that is not a JSON object", Redaction.uri(r.uri()), null);
        }
        return n;
    }

    /** Parses leniently: {@code null} when empty or not JSON. */
    static JsonNode parseOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A text member, or {@code null} when absent, null, blank or not a scalar. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }
}
