package dev.renkei.ats;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme of the {@code webhook} connector, and the helper receivers use to verify it.
 *
 * <p>Every request carries:
 * <ul>
 *   <li>{@value #TIMESTAMP_HEADER}: the send time in whole seconds since the epoch (e.g. {@code 1767225600});</li>
 *   <li>{@value #SIGNATURE_HEADER}: {@code v1=<hex>}, where {@code <hex>} is the lower-case hex HMAC-SHA256,
 *       keyed with the shared secret (its UTF-8 bytes), of the UTF-8 bytes of {@code <timestamp> + "." } followed
 *       by the raw request body bytes (empty for a GET). A receiver may accept several comma-separated
 *       {@code v1=} values while it rotates secrets;</li>
 *   <li>{@code Idempotency-Key}: Renkei's opaque key for the application (the same on every retry).</li>
 * </ul>
 * A receiver recomputes the HMAC over the exact bytes it received, compares in constant time, and rejects a
 * timestamp further than a tolerance (five minutes is usual) from its own clock, so a captured request cannot be
 * replayed later. {@link #verify} does all three.
 */
public final class WebhookSignature {
    /** The timestamp header. */
    public static final String TIMESTAMP_HEADER = "X-Renkei-Timestamp";
    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Renkei-Signature";
    /** The optional key id header (the credentials' login id), so a receiver can pick the secret. */
    public static final String KEY_ID_HEADER = "X-Renkei-Key-Id";
    /** The scheme prefix. */
    public static final String VERSION = "v1=";
    /** A usual freshness tolerance. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {}

    /** The header value {@code v1=<hex>} for a timestamp (epoch seconds) and body. */
    public static String sign(String secret, long timestamp, byte[] body) {
        return VERSION + HexFormat.of().formatHex(hmac(secret, Long.toString(timestamp), body));
    }

    /**
     * Verifies a received request.
     *
     * @param secret the shared secret
     * @param timestampHeader the {@value #TIMESTAMP_HEADER} value as received
     * @param body the raw body bytes as received (empty for a GET)
     * @param signatureHeader the {@value #SIGNATURE_HEADER} value as received
     * @param clock the receiver's clock
     * @param tolerance how far the timestamp may be from the clock, either way
     * @return true when a {@code v1=} signature matches and the timestamp is fresh; false otherwise (also for a
     *     missing or malformed header)
     */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String signatureHeader,
                                 Clock clock, Duration tolerance) {
        if (secret == null || secret.isEmpty() || timestampHeader == null || signatureHeader == null || body == null
                || clock == null || tolerance == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        Instant sent = Instant.ofEpochSecond(ts);
        if (Duration.between(sent, clock.instant()).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] expected = hmac(secret, Long.toString(ts), body);
        boolean ok = false;
        for (String part : signatureHeader.split(",")) {
            String p = part.strip();
            if (!p.startsWith(VERSION)) {
                continue;
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(p.substring(VERSION.length()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            ok |= MessageDigest.isEqual(expected, given);
        }
        return ok;
    }

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("webhook secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
