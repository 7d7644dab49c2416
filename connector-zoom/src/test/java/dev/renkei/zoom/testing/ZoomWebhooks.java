package dev.renkei.zoom.testing;

import dev.renkei.core.model.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Zoom's side of webhooks: the {@code app_deauthorized} event Zoom sends when an administrator removes the app in
 * the Marketplace, the headers Zoom signs a delivery with, and a delivery over HTTP to an app's endpoint.
 */
public final class ZoomWebhooks {
    private ZoomWebhooks() {}

    /** The event Zoom sends when the app is removed from the simulator's account, at {@code when}. */
    public static String deauthorization(Instant when) {
        return "{\"event\":\"app_deauthorized\",\"event_ts\":" + when.toEpochMilli() + ",\"payload\":{\"account_id\":\""
                + ZoomSimulator.ACCOUNT + "\",\"user_id\":\"" + ZoomSimulator.HOST + "\",\"client_id\":\""
                + ZoomSimulator.CLIENT.loginId() + "\",\"deauthorization_time\":\"" + when + "\"}}";
    }

    /**
     * The headers Zoom signs a delivery with: {@code x-zm-signature: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" +
     * body)} and {@code x-zm-request-timestamp} (seconds).
     */
    public static Map<String, String> signed(byte[] body, Instant when, Secret secretToken) {
        String ts = Long.toString(when.getEpochSecond());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretToken.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
            String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
            return Map.of("x-zm-request-timestamp", ts, "x-zm-signature", signature, "content-type",
                    "application/json");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Delivers a signed {@code app_deauthorized} to {@code endpoint} over HTTP, as Zoom does after the app was
     * removed, and returns the status the app answered.
     */
    public static int sendDeauthorization(URI endpoint, Secret secretToken, Instant when) throws IOException,
            InterruptedException {
        byte[] body = deauthorization(when).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed(body, when, secretToken).forEach(request::header);
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
