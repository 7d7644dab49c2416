package dev.renkei.core.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;
import java.nio.charset.StandardCharsets;

/**
 * JSON helpers for connectors that speak JSON APIs (ATSs, Zoom): one shared Jackson mapper, serialising, and
 * parsing a vendor's answer into a clear {@link ConnectorException} instead of a Jackson exception. A body is never
 * quoted in a message.
 */
public final class Json {
    /** The shared mapper (thread-safe once configured). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Serialises a node to UTF-8 bytes. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Serialises a node to a string. */
    public static String string(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /**
     * Parses a response body.
     *
     * @throws ConnectorException {@link ErrorCode#UNKNOWN} when the body is not JSON (the body itself is not quoted)
     */
    public static JsonNode parse(HttpResult result, String vendor) {
        try {
            JsonNode node = MAPPER.readTree(result.body());
            if (node == null) {
                throw new ConnectorException(ErrorCode.UNKNOWN, vendor + " answered " + result.statusCode()
                        + " with an empty body", Redaction.uri(result.uri()), null);
            }
            return node;
        } catch (java.io.IOException e) {
            throw new ConnectorException(ErrorCode.UNKNOWN, vendor + " answered " + result.statusCode()
                    + " with a body that is not JSON", Redaction.uri(result.uri()), e);
        }
    }

    /**
     * Parses a response body that must be a JSON object.
     *
     * @throws ConnectorException {@link ErrorCode#UNKNOWN} when the body is empty, not JSON or not an object
     */
    public static JsonNode parseObject(HttpResult result, String vendor) {
        JsonNode node = parseOrNull(result.body());
        if (node == null || !node.isObject()) {
            throw new ConnectorException(ErrorCode.UNKNOWN, vendor + " answered " + result.statusCode()
                    + " with a body that is not a JSON object", Redaction.uri(result.uri()), null);
        }
        return node;
    }

    /** Parses a body leniently: {@code null} when it is empty or not JSON. */
    public static JsonNode parseOrNull(byte[] body) {
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
    public static String text(JsonNode node, String field) {
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
