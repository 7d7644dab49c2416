package dev.renkei.core.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.OutboxMail;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SMTP sender against GreenMail and a scripted server. */
class SmtpMailSenderTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@renkei.example", "relay", "s3cret-pw"));

    private static final Instant NOW = Instant.parse("2025-04-01T00:00:00Z");

    private static SmtpMailSender.Builder toGreenMail() {
        return SmtpMailSender.builder().host(greenMail.getSmtp().getServerSetup().getBindAddress())
                .port(greenMail.getSmtp().getPort());
    }

    private static OutboxMail mail(String id, String from, List<String> to, List<String> cc, String subject, String html) {
        return OutboxMail.pending(id, TenantId.of("acme"), from, to, cc, subject, "本文です\nline 2", html, NOW);
    }

    private static OutboxMail mail(String subject) {
        return mail("m-1", "noreply@renkei.example", List.of("hr@acme.example"), List.of(), subject, "<p>本文</p>");
    }

    @Test
    void sendsMultipartAlternativeUtf8WithTextFirstAndHtmlPreferred() throws Exception {
        toGreenMail().build().send(mail("m-1", "レンケイ <noreply@renkei.example>", List.of("hr@acme.example"),
                List.of("boss@acme.example"), "【成功】採用ロボット 応募者連携結果", "<p>本文 ✓</p>"));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("【成功】採用ロボット 応募者連携結果");
        assertThat(m.getFrom()[0].toString()).contains("noreply@renkei.example");
        assertThat(m.getHeader("Cc")[0]).isEqualTo("boss@acme.example");
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.isMimeType("multipart/alternative")).isTrue();
        Multipart mp = (Multipart) m.getContent();
        assertThat(mp.getCount()).isEqualTo(2);
        assertThat(mp.getBodyPart(0).getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(mp.getBodyPart(1).getContentType()).containsIgnoringCase("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat((String) mp.getBodyPart(0).getContent()).isEqualTo("本文です\nline 2");
        assertThat((String) mp.getBodyPart(1).getContent()).isEqualTo("<p>本文 ✓</p>");
    }

    @Test
    void aMailWithoutHtmlIsPlainText() throws Exception {
        toGreenMail().build().send(mail("m-1", "noreply@renkei.example", List.of("hr@acme.example"), List.of(), "plain", null));

        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.isMimeType("text/plain")).isTrue();
        assertThat((String) m.getContent()).isEqualTo("本文です\nline 2");
    }

    @Test
    void theSameOutboxMailSentTwiceCarriesOneMessageId() throws Exception {
        SmtpMailSender sender = toGreenMail().build();
        sender.send(mail("subject"));
        sender.send(mail("subject"));
        sender.send(mail("other-id", "noreply@renkei.example", List.of("hr@acme.example"), List.of(), "subject", null));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(3);
        assertThat(received[0].getMessageID()).isEqualTo(received[1].getMessageID()).endsWith("@renkei.example>");
        assertThat(received[2].getMessageID()).isNotEqualTo(received[0].getMessageID());
    }

    static Stream<Arguments> headerInjections() {
        List<String> breaks = List.of("\r\n", "\r", "\n", "\u0000", "\u0085", "\u2028", "\u2029");
        return breaks.stream().flatMap(b -> Stream.of(
                Arguments.of("subject", mail("結果" + b + "Bcc: evil@attacker.example")),
                Arguments.of("to", mail("m", "noreply@renkei.example", List.of("hr@acme.example" + b + "Bcc: evil@attacker.example"),
                        List.of(), "s", null)),
                Arguments.of("cc", mail("m", "noreply@renkei.example", List.of("hr@acme.example"),
                        List.of("boss@acme.example" + b), "s", null)),
                Arguments.of("from", mail("m", "Renkei" + b + "Bcc: evil@attacker.example <noreply@renkei.example>",
                        List.of("hr@acme.example"), List.of(), "s", null))));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("headerInjections")
    void lineBreaksAndControlCharactersInHeaderValuesAreRefusedBeforeAnythingIsSent(String field, OutboxMail mail) {
        InvalidMailException e = catchThrowableOfType(InvalidMailException.class, () -> toGreenMail().build().send(mail));

        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.retryable()).isFalse();
        assertThat(e.code()).isEqualTo(ErrorCode.DATA_REJECTED);
        assertThat(e.getMessage()).doesNotContain("\r", "\n");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an address", "a@b@acme.example", "hr@acme.example, evil@attacker.example",
            "group: hr@acme.example;", "山田@acme.example", "hr@", "@acme.example", "hr@acme.example>"})
    void addressesAreParsedStrictly(String address) {
        OutboxMail bad = mail("m", "noreply@renkei.example", List.of(address), List.of(), "s", null);

        assertThatThrownBy(() -> toGreenMail().build().send(bad)).isInstanceOf(InvalidMailException.class)
                .hasMessageContaining("to");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void authenticatesWithTheConfiguredUser() {
        toGreenMail().username("relay").password(Secret.of("s3cret-pw")).build().send(mail("authenticated"));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRefusedLoginIsRetryableAndNeverShowsThePassword() {
        SmtpMailSender sender = toGreenMail().username("relay").password(Secret.of("wrong-pw-123")).build();

        MailSendException e = catchThrowableOfType(MailSendException.class, () -> sender.send(mail("s")));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        assertThat(e.getMessage()).doesNotContain("wrong-pw-123");
        assertThat(sender.toString()).contains("relay").contains("<not logged>").doesNotContain("wrong-pw-123");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerIsARetryableFailure() throws Exception {
        SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(MailFixtures.closedPort())
                .connectTimeout(Duration.ofSeconds(2)).build();

        MailSendException e = catchThrowableOfType(MailSendException.class, () -> sender.send(mail("s")));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheReadTimeout() throws Exception {
        try (ScriptedSmtpServer silent = ScriptedSmtpServer.silent()) {
            SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(silent.port())
                    .readTimeout(Duration.ofMillis(300)).build();
            long start = System.nanoTime();

            MailSendException e = catchThrowableOfType(MailSendException.class, () -> sender.send(mail("s")));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        }
    }

    @Test
    void aRecipientRejectedWith5xxIsPermanent() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.rejectingRecipients("550 5.1.1 no such user")) {
            SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(server.port()).build();

            MailSendException e = catchThrowableOfType(MailSendException.class, () -> sender.send(mail("s")));

            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).isEqualTo(ErrorCode.DATA_REJECTED);
            assertThat(e.getMessage()).contains("550");
            assertThat(server.commands).noneMatch(c -> c.equalsIgnoreCase("DATA"));
        }
    }

    @Test
    void aRecipientDeferredWith4xxIsRetryable() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.rejectingRecipients("450 4.2.1 mailbox busy")) {
            SmtpMailSender sender = SmtpMailSender.builder().host("127.0.0.1").port(server.port()).build();

            MailSendException e = catchThrowableOfType(MailSendException.class, () -> sender.send(mail("s")));

            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> SmtpMailSender.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("SMTP host");
        assertThatThrownBy(() -> SmtpMailSender.builder().readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read timeout");
        assertThatThrownBy(() -> SmtpMailSender.builder().host("h").ssl(true).startTls(true).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SmtpMailSender.builder().host("smtp.example\r\nX: y"))
                .isInstanceOf(ValidationException.class);
    }
}
