package dev.renkei.porters;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.renkei.core.Renkei;
import dev.renkei.core.mail.SmtpMailSender;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.RedeemResult;
import dev.renkei.core.testing.TestPostgres;
import dev.renkei.porters.testing.GatedProvider;
import dev.renkei.porters.testing.MyPageHarness;
import dev.renkei.porters.testing.PortersSimulator;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MyPage mails leave through the same outbox and relay as robot results, over real SMTP (GreenMail). */
class MyPageMailDeliveryTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final MyPageHarness h = new MyPageHarness(TestPostgres.newDatabase());

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void theSeekerGetsASetupLinkByMailAndTheOwnersGetTheCompletionMail() throws Exception {
        SmtpMailSender smtp = SmtpMailSender.builder().host(greenMail.getSmtp().getServerSetup().getBindAddress())
                .port(greenMail.getSmtp().getPort()).build();
        Renkei renkei = Renkei.builder().store(h.store).clock(h.clock).mail(smtp, "robot@host.example")
                .connector(new PortersJobSeekerProvider()).connector(new GatedProvider())
                .myPageOptions(m -> m.passwordIterations(MyPageService.MIN_PASSWORD_ITERATIONS)).build();
        try {
            MyPageService mypage = renkei.mypage();
            mypage.saveSettings(h.tenant, h.settings().build());
            h.sim.add(new PortersSimulator.Person(5, "山田 <太郎>", "yamada@example.com", "owner@agency.example",
                    List.of(new PortersSimulator.Resume(55, "resume-owner@agency.example"))));

            mypage.runNow(h.tenant);
            renkei.relay().orElseThrow().sendDue();

            MimeMessage invite = only(greenMail.getReceivedMessagesForDomain("example.com"), "yamada@example.com");
            String body = text(invite);
            assertThat(invite.getFrom()[0].toString()).isEqualTo(MyPageHarness.FROM);
            assertThat(body).contains("山田 &lt;太郎&gt; 様").contains(MyPageHarness.SETUP_URL);
            Matcher token = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(body);
            assertThat(token.find()).isTrue();
            assertThat(greenMail.getReceivedMessagesForDomain("agency.example"))
                    .as("the batch result mail").hasSize(1);

            assertThat(mypage.redeem(token.group(1), "correct-horse".toCharArray())).isEqualTo(RedeemResult.REGISTERED);
            renkei.relay().orElseThrow().sendDue();

            List<MimeMessage> owners = Arrays.stream(greenMail.getReceivedMessagesForDomain("agency.example"))
                    .filter(m -> subject(m).startsWith("マイページ登録完了")).toList();
            assertThat(owners).as("one mail, delivered to each of the two owners").hasSize(2);
            assertThat(Arrays.stream(owners.get(0).getAllRecipients()).map(Object::toString))
                    .containsExactly("owner@agency.example", "resume-owner@agency.example");
        } finally {
            renkei.close();
        }
    }

    private static String text(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof String s) {
            return s;
        }
        jakarta.mail.Multipart mp = (jakarta.mail.Multipart) content;
        return (String) mp.getBodyPart(0).getContent();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage only(MimeMessage[] all, String to) throws Exception {
        MimeMessage found = null;
        for (MimeMessage m : all) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(to))) {
                assertThat(found).as("one mail to " + to).isNull();
                found = m;
            }
        }
        assertThat(found).as("a mail to " + to).isNotNull();
        return found;
    }
}
