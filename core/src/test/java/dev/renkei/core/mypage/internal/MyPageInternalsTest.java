package dev.renkei.core.mypage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MailTemplate;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.MyPageTemplates;
import dev.renkei.core.store.OutboxMail;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MyPageInternalsTest {
    @Test
    void emailsAreTrimmedNfkcNormalisedAndTheDomainLowerCased() {
        assertThat(Emails.normalise("  Ｔａｒｏ@Example.CO.JP ")).contains("Taro@example.co.jp");
        assertThat(Emails.normalise(null)).isEmpty();
        assertThat(Emails.normalise("")).isEmpty();
        assertThat(Emails.normalise("no-at-sign")).isEmpty();
        assertThat(Emails.normalise("a@b")).as("a domain needs a dot").isEmpty();
        assertThat(Emails.normalise("a b@example.com")).isEmpty();
    }

    @Test
    void passwordsArePbkdf2WithTheIterationCountAndASaltAndVerify() {
        Passwords p = new Passwords(MyPageService.MIN_PASSWORD_ITERATIONS);
        String a = p.hash("correct horse".toCharArray());
        String b = p.hash("correct horse".toCharArray());

        assertThat(a).startsWith("pbkdf2-sha256$10000$").isNotEqualTo(b);
        assertThat(Passwords.verify("correct horse".toCharArray(), a)).isTrue();
        assertThat(Passwords.verify("wrong horse".toCharArray(), a)).isFalse();
        assertThat(MyPageService.DEFAULT_PASSWORD_ITERATIONS).isEqualTo(600_000);
        assertThatThrownBy(() -> MyPageService.builder().passwordIterations(9_999))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setupTokensCarry256RandomBitsAndOnlyTheirHashIsKept() {
        String t = SetupTokens.next();
        assertThat(t).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(SetupTokens.next()).isNotEqualTo(t);
        assertThat(SetupTokens.hash(t)).hasSize(64).doesNotContain(t);
        assertThat(SetupTokens.plausible(t)).isTrue();
        assertThat(SetupTokens.plausible("short")).isFalse();
    }

    @Test
    void mailValuesAreEscapedAndTheSubjectStaysOneLine() {
        OutboxMail m = MyPageMails.render("id-1", TenantId.of("t"), "from@example.com", List.of("to@example.com"),
                new MailTemplate("登録 {{name}}", "{{name}} 様 {{setupUrl}}"),
                Map.of("name", "<b>Taro</b>\r\nBcc: x@example.com", "setupUrl", "https://h/s?token=abc"),
                Instant.EPOCH);

        assertThat(m.subject()).doesNotContain("\n").doesNotContain("\r").contains("&lt;b&gt;");
        assertThat(m.text()).contains("&lt;b&gt;Taro&lt;/b&gt;").contains("https://h/s?token=abc");
    }

    @Test
    void templatesThatDoNotEscapeOrDoNotCompileAreRefused() {
        MailTemplate ok = new MailTemplate("s", "b");
        MyPageMails.validate(MyPageTemplates.defaults());
        assertThatThrownBy(() -> MyPageMails.validate(new MyPageTemplates(new MailTemplate("s", "{{{name}}}"), ok, ok,
                ok))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MyPageMails.validate(new MyPageTemplates(ok, new MailTemplate("{{#x}}", "b"), ok,
                ok))).isInstanceOf(IllegalArgumentException.class);
    }
}
