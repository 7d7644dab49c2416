package dev.renkei.ats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final Instant NOW = Instant.parse("2026-09-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] BODY = "{\"applicant\":{\"name\":\"山田 太郎\"}}".getBytes(StandardCharsets.UTF_8);
    private static final String TS = Long.toString(NOW.getEpochSecond());

    @Test
    void signatureIsHmacSha256OverTimestampDotBody() {
        // known answer computed independently (Python hmac) over b'1788220800.' + body with key s3cret
        String header = WebhookSignature.sign("s3cret", NOW.getEpochSecond(), BODY);

        assertThat(TS).isEqualTo("1788220800");
        assertThat(header).isEqualTo("v1=4d7a682d256f9afc8111cccee70d2084ffda9d7942390f7b8f35013516a8072b");
        assertThat(WebhookSignature.verify("s3cret", TS, BODY, header, CLOCK, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void tamperedBodyIsRejected() {
        String header = WebhookSignature.sign("s3cret", NOW.getEpochSecond(), BODY);
        byte[] tampered = "{\"applicant\":{\"name\":\"山田 次郎\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.verify("s3cret", TS, tampered, header, CLOCK, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void wrongSecretIsRejected() {
        String header = WebhookSignature.sign("s3cret", NOW.getEpochSecond(), BODY);

        assertThat(WebhookSignature.verify("other", TS, BODY, header, CLOCK, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void oldOrFutureTimestampIsRejectedEvenWithAValidSignature() {
        long old = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
        long future = NOW.plus(Duration.ofMinutes(6)).getEpochSecond();

        assertThat(WebhookSignature.verify("s3cret", Long.toString(old), BODY,
                WebhookSignature.sign("s3cret", old, BODY), CLOCK, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("s3cret", Long.toString(future), BODY,
                WebhookSignature.sign("s3cret", future, BODY), CLOCK, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void timestampCannotBeSwappedWithoutBreakingTheSignature() {
        long other = NOW.minusSeconds(10).getEpochSecond();
        String header = WebhookSignature.sign("s3cret", other, BODY);

        assertThat(WebhookSignature.verify("s3cret", TS, BODY, header, CLOCK, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void acceptsOneMatchingValueAmongSeveralDuringRotation() {
        String header = WebhookSignature.sign("old", NOW.getEpochSecond(), BODY) + ", "
                + WebhookSignature.sign("new", NOW.getEpochSecond(), BODY);

        assertThat(WebhookSignature.verify("new", TS, BODY, header, CLOCK, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void malformedHeadersAreRejectedNotThrown() {
        assertThat(WebhookSignature.verify("s3cret", "yesterday", BODY, "v1=00", CLOCK, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("s3cret", TS, BODY, "v1=zz", CLOCK, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("s3cret", TS, BODY, null, CLOCK, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("s3cret", TS, BODY, "sha256=abc", CLOCK, Duration.ofMinutes(5))).isFalse();
    }
}
