package dev.renkei.media.indeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.model.Secret;
import dev.renkei.media.testing.DemoBoards;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndeedApplyReceiverTest {
    private static final Secret SECRET = Secret.of("indeed-api-secret-for-tests");
    private static final Instant NOW = Instant.parse("2026-11-25T02:00:00Z");
    private static final byte[] BODY = DemoBoards.fixture("indeed/application.json");
    private static final String APP_ID = "5156eb63c9a0a8ac9358c3a444a2818c8a5ffdbcba5960ec0cace3277f6b99df";

    private final InMemoryIndeedInbox inbox = new InMemoryIndeedInbox();
    private final IndeedApplyReceiver receiver = IndeedApplyReceiver.builder().apiSecret(SECRET).inbox(inbox)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    private static Map<String, List<String>> signed(byte[] body) {
        return Map.of("x-indeed-signature", List.of(IndeedApplyReceiver.signature(SECRET, body)),
                "Content-Type", List.of("application/json"));
    }

    @Test
    void theSignatureIsBase64HmacSha1AsIndeedDocumentsIt() {
        // the sample Indeed publishes in "Message signature generation reference"
        byte[] message = "{'locale':'en_US','applicant':{'fullName':'John Doe','email':'john.doe@example.com'}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(IndeedApplyReceiver.signature(Secret.of("Y0ur api secret key not shared &$%@"), message))
                .isEqualTo("SGadPKocf3HD1LYXm3xGObB6hzk=");
    }

    @Test
    void aValidlySignedApplicationIsStoredAndAnswered200() {
        IndeedApplyReceiver.Response r = receiver.handle("EMP-9", BODY, signed(BODY));

        assertThat(r.status()).isEqualTo(200);
        IndeedInboxEntry stored = inbox.find(APP_ID).orElseThrow();
        assertThat(stored.accountId()).isEqualTo("EMP-9");
        assertThat(stored.appliedAt()).isEqualTo(Instant.parse("2026-11-25T01:05:00Z"));
        assertThat(stored.receivedAt()).isEqualTo(NOW);
        assertThat(stored.payload()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
    }

    @Test
    void aRepeatedDeliveryIsStoredOnceAndAnswered200Again() {
        assertThat(receiver.handle("EMP-9", BODY, signed(BODY)).status()).isEqualTo(200);
        IndeedApplyReceiver.Response again = receiver.handle("EMP-9", BODY, signed(BODY));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("already received");
        assertThat(inbox.receivedSince("EMP-9", Instant.EPOCH)).hasSize(1);
    }

    @Test
    void aMissingSignatureIs401AndNothingIsStored() {
        IndeedApplyReceiver.Response r = receiver.handle("EMP-9", BODY, Map.of("Content-Type", List.of("application/json")));

        assertThat(r.status()).isEqualTo(401);
        assertThat(inbox.find(APP_ID)).isEmpty();
    }

    @Test
    void aWrongSignatureIs401AndNothingIsStored() {
        String wrong = IndeedApplyReceiver.signature(Secret.of("another-secret"), BODY);

        assertThat(receiver.handle("EMP-9", BODY, Map.of("X-Indeed-Signature", List.of(wrong))).status()).isEqualTo(401);
        assertThat(receiver.handle("EMP-9", BODY, Map.of("X-Indeed-Signature", List.of("not base64 !!"))).status())
                .isEqualTo(401);
        assertThat(inbox.find(APP_ID)).isEmpty();
    }

    @Test
    void aBodyChangedAfterSigningIs401() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("山田 太郎", "山田 次郎")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(receiver.handle("EMP-9", tampered, signed(BODY)).status()).isEqualTo(401);
    }

    @Test
    void aMissingRequiredKeyIs400() {
        byte[] noName = "{\"id\":\"abc\",\"applicant\":{\"email\":\"a@example.jp\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] noId = "{\"applicant\":{\"fullName\":\"山田 太郎\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "id=abc".getBytes(StandardCharsets.UTF_8);

        IndeedApplyReceiver.Response r1 = receiver.handle("EMP-9", noName, signed(noName));
        IndeedApplyReceiver.Response r2 = receiver.handle("EMP-9", noId, signed(noId));

        assertThat(r1.status()).isEqualTo(400);
        assertThat(r1.body()).contains("applicant.fullName");
        assertThat(r2.status()).isEqualTo(400);
        assertThat(r2.body()).contains("missing required key: id");
        assertThat(receiver.handle("EMP-9", notJson, signed(notJson)).status()).isEqualTo(400);
        assertThat(inbox.receivedSince("EMP-9", Instant.EPOCH)).isEmpty();
    }

    @Test
    void aMinimalApplicationWithoutOptionalFieldsIsAccepted() {
        byte[] minimal = "{\"id\":\"min-1\",\"applicant\":{\"fullName\":\"John Doe\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(receiver.handle("EMP-9", minimal, signed(minimal)).status()).isEqualTo(200);
        assertThat(inbox.find("min-1").orElseThrow().appliedAt()).isEqualTo(NOW);
    }

    @Test
    void anOversizedBodyIs413() {
        IndeedApplyReceiver small = IndeedApplyReceiver.builder().apiSecret(SECRET).inbox(inbox).maxBodyBytes(100).build();

        assertThat(small.handle("EMP-9", BODY, signed(BODY)).status()).isEqualTo(413);
    }

    @Test
    void anAccountWithoutASecretIs401() {
        IndeedApplyReceiver perAccount = IndeedApplyReceiver.builder().inbox(inbox)
                .secrets(a -> a.equals("EMP-9") ? Optional.of(SECRET) : Optional.empty()).build();

        assertThat(perAccount.handle("EMP-1", BODY, signed(BODY)).status()).isEqualTo(401);
        assertThat(perAccount.handle("EMP-9", BODY, signed(BODY)).status()).isEqualTo(200);
    }

    @Test
    void aFailingInboxIs500SoIndeedDeliversAgain() {
        IndeedInbox broken = new IndeedInbox() {
            @Override
            public boolean store(IndeedInboxEntry entry) {
                throw new dev.renkei.core.StoreException("database down", null);
            }

            @Override
            public List<IndeedInboxEntry> receivedSince(String accountId, Instant since) {
                return List.of();
            }

            @Override
            public Optional<IndeedInboxEntry> find(String applicationId) {
                return Optional.empty();
            }
        };
        IndeedApplyReceiver r = IndeedApplyReceiver.builder().apiSecret(SECRET).inbox(broken).build();

        assertThat(r.handle("EMP-9", BODY, signed(BODY)).status()).isEqualTo(500);
    }

    @Test
    void theBuilderNeedsASecretAndAnInbox() {
        assertThatThrownBy(() -> IndeedApplyReceiver.builder().inbox(inbox).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apiSecret");
        assertThatThrownBy(() -> IndeedApplyReceiver.builder().apiSecret(SECRET).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inbox");
        assertThat(receiver.toString()).doesNotContain("indeed-api-secret-for-tests");
    }
}
