package dev.renkei.zoom;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.renkei.zoom.testing.MeetingHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.Renkei;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.WebhookResponse;
import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.testing.RecordingSleeper;
import dev.renkei.zoom.testing.MeetingHarness;
import dev.renkei.zoom.testing.ZoomSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Zoom's webhooks through the host's entry point: {@code Renkei.meetings().handleWebhook(rawBody, headers)}. */
class ZoomWebhookTest {
    private static final String DEAUTHORIZED = "{\"event\":\"app_deauthorized\",\"event_ts\":1796086830632,"
            + "\"payload\":{\"account_id\":\"" + ZoomSimulator.ACCOUNT + "\",\"user_id\":\"" + ZoomSimulator.HOST
            + "\",\"client_id\":\"zoom-client-1\",\"signature\":\"e3b0c44298fc1c149afbf4c8996fb924\","
            + "\"deauthorization_time\":\"2026-12-01T01:00:30.632Z\"}}";

    private MeetingHarness h;
    private InMemoryStore store;
    private Renkei renkei;
    private MeetingService meetings;

    @BeforeEach
    void start() {
        h = new MeetingHarness();
        store = new InMemoryStore(h.clock);
        renkei = Renkei.builder().store(store).clock(h.clock).http(h.http(new RecordingSleeper(h.clock)))
                .connector(h.sim.provider()).meetings(h.settings().build()).build();
        meetings = renkei.meetings();
    }

    @AfterEach
    void stop() {
        renkei.close();
        h.close();
    }

    @Test
    void renkeiWithoutMeetingSettingsSaysSoInsteadOfReturningNull() {
        try (Renkei plain = Renkei.builder().store(new InMemoryStore()).build()) {
            assertThatThrownBy(plain::meetings).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("meetings(");
        }
    }

    @Test
    void meetingSettingsNamingAnUnregisteredConnectorFailTheBuild() {
        assertThatThrownBy(() -> Renkei.builder().store(new InMemoryStore()).meetings(h.settings().build()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'zoom'");
    }

    @Test
    void withoutAWebhookSecretEveryDeliveryIsRefused() {
        MeetingService unsigned = h.service(store.meetings(), new RecordingSleeper(h.clock),
                s -> dev.renkei.core.meeting.MeetingSettings.builder("zoom").client(ZoomSimulator.CLIENT),
                h.sim.provider());
        String body = "{\"payload\":{\"plainToken\":\"abc\"},\"event\":\"endpoint.url_validation\"}";

        assertThat(unsigned.handleWebhook(bytes(body), signed(body, now())).status()).isEqualTo(401);
    }

    @Test
    void urlValidationIsAnsweredWithThePlainTokenAndItsHmac() throws Exception {
        String body = "{\"payload\":{\"plainToken\":\"qgg8vlvZRS6UYooatFL8Aw\"},\"event_ts\":1764550800000,"
                + "\"event\":\"endpoint.url_validation\"}";

        WebhookResponse r = meetings.handleWebhook(bytes(body), signed(body, now()));

        assertThat(r.status()).isEqualTo(200);
        JsonNode reply = new ObjectMapper().readTree(r.body());
        assertThat(reply.get("plainToken").asText()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
        assertThat(reply.get("encryptedToken").asText()).isEqualTo(hmac("qgg8vlvZRS6UYooatFL8Aw"));
    }

    @Test
    void aBadSignatureOrAStaleTimestampIsRefusedAndChangesNothing() {
        h.link(meetings);
        Map<String, String> good = signed(DEAUTHORIZED, now());
        Map<String, String> forged = Map.of("x-zm-request-timestamp", now(), "x-zm-signature",
                "v0=" + "0".repeat(64));
        String stale = Long.toString(h.clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond());

        assertThat(meetings.handleWebhook(bytes(DEAUTHORIZED), forged).status()).isEqualTo(401);
        assertThat(meetings.handleWebhook(bytes(DEAUTHORIZED), signed(DEAUTHORIZED, stale)).status()).isEqualTo(401);
        assertThat(meetings.handleWebhook(bytes(DEAUTHORIZED + " "), good).status()).as("body changed after signing")
                .isEqualTo(401);
        assertThat(meetings.handleWebhook(bytes(DEAUTHORIZED), Map.of()).status()).isEqualTo(401);

        assertThat(meetings.link(TENANT).orElseThrow().state()).isEqualTo(MeetingLinkState.AUTHORIZED);
        assertThat(h.revokedEvents).isEmpty();
    }

    @Test
    void deauthorizationEndsTheLinkDeletesTokensAndMeetingsAndLaterSyncsSayRevoked() {
        h.link(meetings);
        meetings.sync(TENANT, MeetingServiceContract.SLOT);
        h.clock.advance(Duration.ofMinutes(1));

        long started = System.nanoTime();
        WebhookResponse r = meetings.handleWebhook(bytes(DEAUTHORIZED), signed(DEAUTHORIZED, now()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(r.status()).isEqualTo(200);
        assertThat(took).as("Zoom waits 3 s").isLessThan(Duration.ofSeconds(3));
        assertThat(meetings.link(TENANT).orElseThrow().state()).isEqualTo(MeetingLinkState.REVOKED);
        assertThat(store.meetings().link(TENANT).orElseThrow().tokens()).isNull();
        assertThat(meetings.meeting(TENANT, "slot-1")).isEmpty();
        assertThat(h.revokedEvents).singleElement().satisfies(l -> {
            assertThat(l.tenant()).isEqualTo(TENANT);
            assertThat(l.reason()).contains("removed");
        });
        assertThat(h.sim.revoked()).containsExactly("A1");
        assertThatThrownBy(() -> meetings.sync(TENANT, MeetingServiceContract.SLOT.withTopic("changed")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MEETING_LINK_REVOKED);
                    assertThat(e.getMessage()).contains("revoked");
                });
        assertThatThrownBy(() -> meetings.startUrl(TENANT, "slot-1")).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MEETING_LINK_REVOKED));
    }

    @Test
    void theSameDeliveryTwiceHasOneEffect() {
        h.link(meetings);
        h.clock.advance(Duration.ofMinutes(1));
        Map<String, String> headers = signed(DEAUTHORIZED, now());

        WebhookResponse first = meetings.handleWebhook(bytes(DEAUTHORIZED), headers);
        WebhookResponse second = meetings.handleWebhook(bytes(DEAUTHORIZED), headers);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).contains("duplicate");
        assertThat(h.revokedEvents).hasSize(1);
        assertThat(h.sim.server().findAll(postRequestedFor(urlEqualTo("/oauth/revoke")))).hasSize(1);
    }

    @Test
    void anOldDeauthorizationDoesNotEndALinkAuthorizedAfterIt() {
        h.clock.advance(Duration.ofMinutes(5)); // the link is made after the event's deauthorization_time
        h.link(meetings);

        meetings.handleWebhook(bytes(DEAUTHORIZED), signed(DEAUTHORIZED, now()));

        assertThat(meetings.link(TENANT).orElseThrow().state()).isEqualTo(MeetingLinkState.AUTHORIZED);
    }

    // ---- signing as Zoom does ---------------------------------------------------------------------------------

    private String now() {
        return Long.toString(h.clock.instant().getEpochSecond());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> signed(String body, String timestamp) {
        return Map.of("X-Zm-Request-Timestamp", timestamp, "X-Zm-Signature", "v0=" + hmac("v0:" + timestamp + ":"
                + body), "x-zm-request-id", "req-1", "Content-Type", "application/json");
    }

    private static String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(MeetingHarness.WEBHOOK_SECRET.reveal().getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
