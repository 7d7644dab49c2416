package dev.renkei.core.mail;

import dev.renkei.core.testing.MutableClock;

import static dev.renkei.core.mail.MailFixtures.html;
import static dev.renkei.core.mail.MailFixtures.robot;
import static dev.renkei.core.mail.MailFixtures.run;
import static dev.renkei.core.mail.MailFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.store.OutboxMail;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Result mails composed, written to the outbox, relayed over SMTP and checked as GreenMail received them. */
class ResultMailDeliveryTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String OPERATOR = "ops@renkei.example";

    private final MutableClock clock = new MutableClock(MailFixtures.FINISHED);
    private InMemoryStore store;
    private OutboxRelay relay;

    @BeforeEach
    void setUp() {
        store = new InMemoryStore(clock);
        SmtpMailSender sender = SmtpMailSender.builder()
                .host(greenMail.getSmtp().getServerSetup().getBindAddress())
                .port(greenMail.getSmtp().getPort())
                .build();
        relay = OutboxRelay.builder().outbox(store.outbox()).sender(sender).clock(clock).owner("test-relay").build();
    }

    private ResultMailComposer composer() {
        return ResultMailComposer.builder().from("Renkei <noreply@renkei.example>").operatorAddress(OPERATOR).build();
    }

    /** Composes, writes to the outbox, relays, and returns what GreenMail received. */
    private MimeMessage[] deliver(ResultMailComposer composer, Robot robot, SyncRun run) {
        for (OutboxMail m : composer.compose(robot, run)) {
            store.outbox().enqueue(m);
        }
        relay.sendDue();
        return greenMail.getReceivedMessages();
    }

    private static MimeMessage only(String address) {
        List<MimeMessage> ms = mailbox(address);
        assertThat(ms).as("messages for " + address).hasSize(1);
        return ms.get(0);
    }

    /** The messages delivered to one mailbox. */
    private static List<MimeMessage> mailbox(String address) {
        return greenMail.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true).toList();
    }

    private static SlotResult slot(String id, int fetched, int imported, int already, int failed, SyncError... errors) {
        return new SlotResult(SlotId.parse(id), "acct-" + id, fetched, imported, already, failed, List.of(errors),
                errors.length == 0);
    }

    @Test
    void successMailGoesToToAndCcAndListsCountsPerSlot() throws Exception {
        Robot robot = robot("採用ロボット", Locale.JAPANESE);
        SyncRun run = run(robot, RunStatus.SUCCEEDED, new SyncResult(
                List.of(slot("doda_001", 5, 3, 2, 0), slot("green_001", 7, 7, 0, 0)), List.of()));

        MimeMessage[] received = deliver(composer(), robot, run);

        assertThat(received).hasSize(2); // one copy per mailbox: To and Cc, no operator mail
        MimeMessage toCopy = only("hr@acme.example");
        assertThat(only("boss@acme.example").getMessageID()).isEqualTo(toCopy.getMessageID());
        assertThat(toCopy.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("hr@acme.example");
        assertThat(toCopy.getRecipients(Message.RecipientType.CC)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("boss@acme.example");
        assertThat(((InternetAddress) toCopy.getFrom()[0]).getAddress()).isEqualTo("noreply@renkei.example");
        assertThat(toCopy.getSubject()).startsWith("【成功】採用ロボット").doesNotContain("要対応", "対応不要");
        assertThat(toCopy.isMimeType("multipart/alternative")).isTrue();
        String text = text(toCopy);
        assertThat(text)
                .contains("doda_001: 取得 5件 / 取込 3件 / 取込済み 2件 / 失敗 0件")
                .contains("green_001: 取得 7件 / 取込 7件 / 取込済み 0件 / 失敗 0件")
                .contains("合計: 取得 12件 / 取込 10件 / 取込済み 2件 / 失敗 0件")
                .contains("2025/04/01 09:30 (Asia/Tokyo)")
                .doesNotContain("****エラー詳細****");
        assertThat(html(toCopy)).contains("<td>doda_001</td><td>5</td><td>3</td><td>2</td><td>0</td>");
        assertThat(store.outbox().find(ResultMailComposer.resultMailId(run)).orElseThrow().status())
                .isEqualTo(OutboxMail.Status.SENT);
    }

    @Test
    void actionRequiredFailureIsMarked要対応AndExplainsTheRemedyAfterTheDetailLine() throws Exception {
        Robot robot = robot("採用ロボット", Locale.JAPANESE);
        SyncError login = new SyncError(ErrorCode.LOGIN_FAILED, "doda_001", null, "ログインできませんでした", "HTTP 200 login form again");
        SyncError down = new SyncError(ErrorCode.UNAVAILABLE, "green_001", null, "Green に接続できませんでした", "HTTP 503 from /login");
        SyncRun run = run(robot, RunStatus.FAILED, new SyncResult(
                List.of(slot("doda_001", 0, 0, 0, 0, login), slot("green_001", 0, 0, 0, 0, down)), List.of()));

        deliver(composer(), robot, run);

        MimeMessage mail = only("hr@acme.example");
        assertThat(mail.getSubject()).startsWith("【要対応】").doesNotContain("対応不要");
        List<String> lines = text(mail).lines().toList();
        int marker = lines.indexOf("****エラー詳細****");
        assertThat(marker).as("detail line").isPositive();
        List<String> details = lines.subList(marker + 1, lines.size());
        assertThat(details).contains("【エラー箇所】doda_001", "【エラー内容】ログインできませんでした",
                "【対応方法】" + login.remedy(Locale.JAPANESE));
        assertThat(String.join("\n", details)).doesNotContain("green_001"); // no-action errors are not "details"
        assertThat(html(mail)).contains("<p>****エラー詳細****</p>").contains(login.remedy(Locale.JAPANESE));
        // the no-action error of the same run also reaches the operator, with its technical cause
        assertThat(text(only(OPERATOR))).contains("HTTP 503 from /login").doesNotContain("HTTP 200 login form again");
    }

    @Test
    void noActionFailureIsMarked対応不要AndTheOperatorGetsTheTechnicalCause() throws Exception {
        Robot robot = robot("採用ロボット", Locale.JAPANESE);
        SyncError down = new SyncError(ErrorCode.UNAVAILABLE, "doda_001", null, "doda に接続できませんでした",
                "java.net.ConnectException: Connection refused (https://doda.example/login)");
        SyncRun run = run(robot, RunStatus.FAILED, new SyncResult(
                List.of(slot("doda_001", 0, 0, 0, 0, down), slot("green_001", 2, 2, 0, 0)), List.of()));

        MimeMessage[] received = deliver(composer(), robot, run);

        assertThat(received).hasSize(3);
        MimeMessage customer = only("hr@acme.example");
        assertThat(customer.getSubject()).startsWith("【対応不要】").doesNotContain("要対応】");
        assertThat(text(customer)).doesNotContain("****エラー詳細****").doesNotContain("ConnectException")
                .contains("[対応不要] doda_001: doda に接続できませんでした")
                .contains(down.remedy(Locale.JAPANESE));
        MimeMessage operator = only(OPERATOR);
        assertThat(operator.getRecipients(Message.RecipientType.TO)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly(OPERATOR);
        assertThat(operator.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(operator.getSubject()).contains("採用ロボット").contains("acme/robot-1");
        assertThat(text(operator)).contains("[UNAVAILABLE] doda_001")
                .contains("技術的な原因: java.net.ConnectException: Connection refused (https://doda.example/login)");
        assertThat(html(operator)).contains("<code>java.net.ConnectException: Connection refused (https://doda.example/login)</code>");
    }

    @Test
    void noOperatorMailWhenNoOperatorAddressIsConfigured() {
        Robot robot = robot("採用ロボット", Locale.JAPANESE);
        SyncRun run = run(robot, RunStatus.FAILED, new SyncResult(List.of(), List.of(
                new SyncError(ErrorCode.TIMEOUT, SyncError.ATS, null, "ATS timed out", "read timeout 30s"))));
        ResultMailComposer noOperator = ResultMailComposer.builder().from("noreply@renkei.example").build();

        MimeMessage[] received = deliver(noOperator, robot, run);

        assertThat(received).hasSize(2);
        assertThat(mailbox(OPERATOR)).isEmpty();
    }

    @Test
    void englishRobotsGetTheEnglishTemplateWithTheSameDetailLine() throws Exception {
        Robot robot = robot("Hiring robot", Locale.ENGLISH);
        SyncError rejected = new SyncError(ErrorCode.DATA_REJECTED, SyncError.ATS, "APP-77",
                "The ATS rejected the phone number", "HTTP 422 {field: phone}");
        SyncRun run = run(robot, RunStatus.FAILED, new SyncResult(
                List.of(slot("doda_001", 3, 2, 0, 1, rejected)), List.of()));

        deliver(composer(), robot, run);

        MimeMessage mail = only("hr@acme.example");
        assertThat(mail.getSubject()).startsWith("[Action required] Hiring robot");
        String text = text(mail);
        assertThat(text).contains("doda_001: fetched 3 / imported 2 / already imported 0 / failed 1")
                .doesNotContain("取得");
        List<String> lines = text.lines().toList();
        int marker = lines.indexOf("****エラー詳細****");
        assertThat(marker).isPositive();
        assertThat(lines.get(marker + 1)).isEqualTo("Error details");
        assertThat(lines.subList(marker + 2, lines.size())).contains("Where: ATS (application APP-77)",
                "What failed: The ATS rejected the phone number", "What to do: " + rejected.remedy(Locale.ENGLISH));
    }

    @Test
    void englishNoActionFailureIsMarkedNoActionNeeded() throws Exception {
        Robot robot = robot("Hiring robot", Locale.ENGLISH);
        SyncRun run = run(robot, RunStatus.FAILED, new SyncResult(List.of(slot("doda_001", 0, 0, 0, 0,
                new SyncError(ErrorCode.MAINTENANCE, "doda_001", null, "doda is in maintenance", null))), List.of()));

        deliver(composer(), robot, run);

        assertThat(only("hr@acme.example").getSubject()).startsWith("[No action needed] Hiring robot");
    }

    @Test
    void htmlPartEscapesRobotNameAndMessagesWhileTheTextPartStaysPlain() throws Exception {
        String name = "<script>alert('x')</script> \"Robot\" & co";
        String message = "応募者 <img src=x onerror=alert(1)> \"山田\" 'taro'";
        Robot robot = robot(name, Locale.JAPANESE);
        SyncRun run = run(robot, RunStatus.FAILED, new SyncResult(List.of(slot("doda_001", 1, 0, 0, 1,
                new SyncError(ErrorCode.DATA_REJECTED, SyncError.ATS, "<b>A-1</b>", message, null))), List.of()));

        deliver(composer(), robot, run);

        MimeMessage mail = only("hr@acme.example");
        String html = html(mail);
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;Robot&quot; &amp; co")
                .contains("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &quot;山田&quot; &#39;taro&#39;")
                .contains("&lt;b&gt;A-1&lt;/b&gt;")
                .doesNotContain("<script>", "<img", "<b>A-1");
        assertThat(text(mail)).contains(name).contains(message).doesNotContain("&lt;");
        assertThat(mail.getSubject()).contains(name);
    }

    @Test
    void lineBreaksInAnApplicantDerivedMessageCannotAddAHeader() throws Exception {
        String hostile = "山田 太郎\r\nBcc: evil@attacker.example\r\nX-Injected: yes\r\n\r\n.\r\nMAIL FROM:<evil@attacker.example>";
        Robot robot = robot("採用ロボット", Locale.JAPANESE);
        SyncRun run = run(robot, RunStatus.FAILED, new SyncResult(List.of(slot("doda_001", 1, 0, 0, 1,
                new SyncError(ErrorCode.DATA_REJECTED, SyncError.ATS, "A-1\r\nBcc: evil2@attacker.example", hostile,
                        "detail\r\nBcc: evil3@attacker.example"))), List.of()));

        MimeMessage[] received = deliver(composer(), robot, run);

        assertThat(received).hasSize(2); // To and Cc only
        assertThat(greenMail.findReceivedMessages(u -> u.getEmail().contains("attacker"), m -> true)).isEmpty();
        for (MimeMessage m : received) {
            assertThat(m.getHeader("Bcc")).isNull();
            assertThat(m.getHeader("X-Injected")).isNull();
            List<String> headerNames = Collections.list(m.getAllHeaders()).stream().map(h -> h.getName()).toList();
            assertThat(headerNames).doesNotContain("Bcc", "X-Injected");
        }
        String text = text(received[0]);
        assertThat(text).contains("山田 太郎  Bcc: evil@attacker.example  X-Injected: yes").doesNotContain("\nBcc:");
    }

    @Test
    void robotNamesWithLineBreaksAreRefusedBeforeTheyReachAMail() {
        assertThatThrownBy(() -> robot("ロボット\r\nBcc: evil@attacker.example", Locale.JAPANESE))
                .isInstanceOf(ValidationException.class).hasMessageContaining("robot name");
    }

    @Test
    void skippedRunsProduceNoMail() {
        Robot robot = robot("採用ロボット", Locale.JAPANESE);
        SyncRun skipped = run(robot, RunStatus.SKIPPED, SyncResult.empty());

        assertThat(composer().compose(robot, skipped)).isEmpty();
        assertThat(relay.sendDue()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void composingARunTwiceAddsNothingToTheOutboxAndSendsOnce() {
        Robot robot = robot("採用ロボット", Locale.JAPANESE);
        SyncRun run = run(robot, RunStatus.FAILED, new SyncResult(List.of(), List.of(
                new SyncError(ErrorCode.INTERNAL, SyncError.ATS, null, "internal error", "NullPointerException"))));
        List<OutboxMail> first = composer().compose(robot, run);
        List<OutboxMail> second = composer().compose(robot, run);

        assertThat(first).extracting(OutboxMail::id).containsExactly("run:" + run.id() + ":result",
                "run:" + run.id() + ":operator");
        assertThat(second).extracting(OutboxMail::id).isEqualTo(first.stream().map(OutboxMail::id).toList());
        assertThat(first.stream().map(store.outbox()::enqueue).toList()).containsOnly(true);
        assertThat(second.stream().map(store.outbox()::enqueue).toList()).containsOnly(false);
        assertThat(relay.sendDue()).isEqualTo(2);
        assertThat(greenMail.getReceivedMessages()).hasSize(3); // To, Cc, operator
    }

    @Test
    void runsThatAreNotFinishedOrBelongToAnotherRobotAreRefused() {
        Robot robot = robot("採用ロボット", Locale.JAPANESE);
        SyncRun running = run(robot, RunStatus.RUNNING, null);
        assertThatThrownBy(() -> composer().compose(robot, running)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RUNNING");
        Robot other = new Robot(robot.tenant(), dev.renkei.core.model.RobotId.of("robot-2"), "other", true,
                robot.ats(), robot.slots(), robot.notifications(), robot.schedule(), 1);
        SyncRun ok = run(robot, RunStatus.SUCCEEDED, SyncResult.empty());
        assertThatThrownBy(() -> composer().compose(other, ok)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("robot-2");
    }

    @Test
    void hostTemplatesFromADirectoryReplaceTheShippedOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("result-ja-subject.mustache"),
                "{{#success}}[OK]{{/success}}{{#failed}}[NG]{{/failed}} {{robotName}} / 取込 {{total.imported}}件\n");
        Files.writeString(dir.resolve("result-ja-html.mustache"), "<p>カスタム {{robotName}}</p>");
        MailTemplates templates = MailTemplates.builder().directory(dir).build();
        ResultMailComposer custom = ResultMailComposer.builder().from("noreply@renkei.example").templates(templates).build();
        Robot robot = robot("<ロボ>", Locale.JAPANESE);
        SyncRun run = run(robot, RunStatus.SUCCEEDED, new SyncResult(List.of(slot("doda_001", 4, 4, 0, 0)), List.of()));

        deliver(custom, robot, run);

        MimeMessage mail = only("hr@acme.example");
        assertThat(mail.getSubject()).isEqualTo("[OK] <ロボ> / 取込 4件");
        assertThat(html(mail)).isEqualTo("<p>カスタム &lt;ロボ&gt;</p>");
        assertThat(text(mail)).contains("doda_001: 取得 4件"); // the text template stays as shipped
    }

    @Test
    void htmlTemplatesThatBypassEscapingOrMisnameAVariableAreRefusedWhenLoaded() {
        for (String unsafe : List.of("<p>{{{robotName}}}</p>", "<p>{{&robotName}}</p>", "{{=<% %>=}}<p><%robotName%></p>")) {
            assertThatThrownBy(() -> MailTemplates.builder().template("result-en-html", unsafe).build())
                    .isInstanceOf(ValidationException.class).hasMessageContaining("result-en-html");
        }
        assertThatThrownBy(() -> MailTemplates.builder().template("result-en-text", "{{robotNmae}}").build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("result-en-text");
        assertThatThrownBy(() -> MailTemplates.builder().template("result-fr-text", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("result-fr-text");
    }

    @Test
    void senderAndOperatorAddressesAreParsedStrictly() {
        for (String bad : List.of("not an address", "a@b.example\r\nBcc: evil@attacker.example", "a@b.example, c@d.example", "")) {
            assertThatThrownBy(() -> ResultMailComposer.builder().from(bad)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> ResultMailComposer.builder().operatorAddress(bad)).isInstanceOf(ValidationException.class);
        }
        assertThat(Arrays.stream(new String[] {"Renkei <noreply@renkei.example>", "noreply@renkei.example"})
                .map(a -> ResultMailComposer.builder().from(a).build()).collect(Collectors.toList())).hasSize(2);
    }

    @Test
    void aJapaneseMailStatesAnEnglishConnectorMessageInJapaneseAndAnEnglishMailTheOtherWayRound() throws Exception {
        Robot ja = robot("採用ロボット", Locale.JAPANESE);
        SyncError english = new SyncError(ErrorCode.LOGIN_FAILED, "doda_001", null,
                "the board refused the login (the login form came back)", "HTTP 200 login form again");
        SyncRun jaRun = run(ja, RunStatus.FAILED, new SyncResult(List.of(slot("doda_001", 0, 0, 0, 0, english)),
                List.of()));

        deliver(composer(), ja, jaRun);

        String jaText = text(only("hr@acme.example"));
        assertThat(jaText).contains("【エラー内容】" + ErrorCode.LOGIN_FAILED.summary(Locale.JAPANESE, "doda_001"))
                .contains("ログインできませんでした").doesNotContain("refused the login");
        assertThat(jaText.lines().filter(l -> l.matches(".*[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}.*")))
                .as("no English sentence in the Japanese mail").isEmpty();

        Robot en = robot("Hiring robot", Locale.ENGLISH);
        SyncError japanese = new SyncError(ErrorCode.UNAVAILABLE, "doda_001", null, "doda はメンテナンス画面を表示しました",
                null);
        deliver(composer(), en, run(en, RunStatus.FAILED, new SyncResult(List.of(slot("doda_001", 0, 0, 0, 0,
                japanese)), List.of())));

        List<MimeMessage> both = mailbox("hr@acme.example");
        assertThat(both).hasSize(2);
        assertThat(text(both.get(1))).contains(ErrorCode.UNAVAILABLE.summary(Locale.ENGLISH, "doda_001"))
                .doesNotContain("メンテナンス画面");
    }
}
