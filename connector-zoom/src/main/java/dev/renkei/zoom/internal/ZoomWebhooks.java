package dev.renkei.zoom.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.MeetingConnector.WebhookEvent.Kind;
import dev.renkei.core.spi.MeetingConnector.WebhookEvent;
import dev.renkei.core.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zoom webhook deliveries: {@code x-zm-signature} must be {@code v0=} + hex HMAC-SHA256 of
 * {@code v0:{x-zm-request-timestamp}:{raw body}} under the app's secret token (compared in constant time), and the
 * timestamp (epoch seconds) within {@link #MAX_SKEW} of now; {@code endpoint.url_validation} is answered with the
 * {@code plainToken} and its hex HMAC-SHA256 as {@code encryptedToken}; {@code app_deauthorized} names the account.
 * Not API.
 */
final class ZoomWebhooks {
    /** How far a delivery's timestamp may be from now (Zoom sets no window; 5 minutes is Renkei's choice). */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private ZoomWebhooks() {}

    static WebhookEvent read(byte[] body, Map<String, String> headers, Secret secret, Clock clock) {
        if (secret == null) {
            return rejected("no webhook secret token is configured");
        }
        String signature = header(headers, "x-zm-signature");
        String timestamp = header(headers, "x-zm-request-timestamp");
        if (signature == null || timestamp == null) {
            return rejected("the signature or timestamp header is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return rejected("the timestamp is not a number");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        if (Duration.between(sent, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            return rejected("the timestamp is stale (" + sent + ")");
        }
        byte[] prefix = ("v0:" + timestamp.strip() + ":").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        byte[] expected = ("v0=" + hmacHex(secret, message)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return rejected("the signature does not match");
        }
        JsonNode event = Json.parseOrNull(body);
        if (event == null || !event.isObject()) {
            return rejected("the body is not a JSON object");
        }
        String type = Json.text(event, "event");
        JsonNode payload = event.path("payload");
        if ("endpoint.url_validation".equals(type)) {
            String plain = Json.text(payload, "plainToken");
            if (plain == null) {
                return rejected("the validation has no plainToken");
            }
            ObjectNode reply = Json.object().put("plainToken", plain)
                    .put("encryptedToken", hmacHex(secret, plain.getBytes(StandardCharsets.UTF_8)));
            return new WebhookEvent(Kind.CHALLENGE, null, null, new String(Json.bytes(reply), StandardCharsets.UTF_8),
                    null, null);
        }
        if ("app_deauthorized".equals(type)) {
            String account = Json.text(payload, "account_id");
            String instance = Json.text(payload, "signature");
            String eventTs = Json.text(event, "event_ts");
            String key = "zoom:app_deauthorized:" + account + ":" + (instance != null ? instance : eventTs);
            return new WebhookEvent(Kind.DEAUTHORIZED, key, account, null, when(payload, eventTs), null);
        }
        return new WebhookEvent(Kind.OTHER, null, Json.text(payload, "account_id"), null, null, null);
    }

    private static Instant when(JsonNode payload, String eventTs) {
        String t = Json.text(payload, "deauthorization_time");
        try {
            if (t != null) {
                return Instant.parse(t);
            }
            return eventTs == null ? null : Instant.ofEpochMilli(Long.parseLong(eventTs));
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String hmacHex(Secret secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static WebhookEvent rejected(String reason) {
        return new WebhookEvent(Kind.REJECTED, null, null, null, null, reason);
    }
}
