package dev.renkei.samples.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.ats.testing.WebhookReceiverStub;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.sync.SyncEngine;
import dev.renkei.media.SiteProfileMediaProvider;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.samples.ResultJson;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The job-board → ATS robot, end-to-end: a robot with three slots on the two demo boards (one with a wrong
 * password) → login check → first run → the result mail as the SMTP server received it → new applications → a
 * second run that imports only those → a third run that imports nothing.
 *
 * <p>Figures in the JSON come from what the simulators received: the boards' application lists, the ATS receiver's
 * create count and the SMTP server's messages, next to the engine's own counters.
 */
public final class RobotsChapter implements DemoChapter {
    static final TenantId TENANT = TenantId.of("demo-shoji");
    static final RobotId ROBOT = RobotId.of("demo-robot");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Duration MAIL_WAIT = Duration.ofSeconds(10);
    private static final Duration DEMO_PACING = Duration.ofMillis(50);

    @Override
    public String id() {
        return "robots";
    }

    @Override
    public String title() {
        return "Job-board → ATS robot";
    }

    @Override
    public void run(DemoContext ctx, ObjectNode result) throws Exception {
        Report report = ctx.report();
        String signingSecret = randomSecret();
        try (DemoBoards boards = DemoBoards.start();
             WebhookReceiverStub ats = WebhookReceiverStub.start(signingSecret, Clock.systemUTC())) {
            int seeded = boardApplications(boards);
            report.step("Local simulators");
            report.item("job boards", "demo-html (デモ求人ナビ, HTML pages) and demo-csv (デモキャリアCSV, CSV export) at "
                    + boards.baseUrl());
            report.item("", boards.applications(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID).size() + " + "
                    + boards.applications(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID).size() + " applications waiting");
            report.item("ATS", "signed-webhook receiver at " + ats.url());
            report.item("SMTP", "in-process server at 127.0.0.1:" + ctx.smtpPort());
            report.item("database", ctx.jdbcUrl());

            // the seeded applications carry fixed dates: look back far enough to see them on the first run
            Instant oldest = Stream.concat(boards.applications(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID).stream(),
                    boards.applications(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID).stream())
                    .map(DemoBoards.Application::appliedAt).min(Instant::compareTo).orElseThrow();
            Duration lookback = Duration.between(oldest, Instant.now()).plusDays(1);
            if (lookback.compareTo(Duration.ofDays(3)) < 0) {
                lookback = Duration.ofDays(3);
            }

            ConnectorRegistry connectors = ConnectorRegistry.builder()
                    .register(SiteProfileMediaProvider.demo(DemoBoards.HTML))
                    .register(SiteProfileMediaProvider.demo(DemoBoards.CSV))
                    // the receiver URL is host configuration: set on the provider, not in the robot's settings
                    .register(WebhookAtsConnectorProvider.builder().url(URI.create(ats.url())).build())
                    .build();
            try (SyncEngine engine = SyncEngine.builder()
                    .store(ctx.store())
                    .connectors(connectors)
                    .http(ctx.http())
                    .mediaSettings(DemoBoards.HTML, boards.config())
                    .mediaSettings(DemoBoards.CSV, boards.config())
                    .initialLookback(lookback)
                    .sleeper(RobotsChapter::demoPacing)
                    .mails(ctx.composer()::compose)
                    .mailDispatcher(ctx.relay()::sendDue)
                    .listener(new ProgressListener(report))
                    .build()) {
                createRobot(ctx, signingSecret, report);
                result.put("seededApplications", seeded);

                report.step("Login check: the ATS account and every slot at once, each with a timeout");
                List<LoginVerdict> verdicts = engine.checkLogins(TENANT, ROBOT);
                for (LoginVerdict v : verdicts) {
                    report.item(v.account(), v.ok() ? "OK" : "FAILED  " + v.code() + " ("
                            + v.code().classification() + ") " + v.message());
                    if (!v.ok()) {
                        report.item("", "remedy: " + v.remedy(Locale.ENGLISH));
                    }
                }
                result.set("loginCheck", ResultJson.verdicts(verdicts, Locale.ENGLISH));

                report.step("First run: every application on the boards is imported once");
                SyncRun first = engine.runNow(TENANT, ROBOT);
                summarize(report, first);
                result.set("firstRun", runJson(first));

                report.step("The result mail, as the SMTP server received it");
                if (!ctx.awaitMails(1, MAIL_WAIT)) {
                    throw new IllegalStateException("the SMTP server received no result mail within " + MAIL_WAIT);
                }
                MimeMessage mail = ctx.receivedMails()[0];
                report.item("From", Arrays.stream(mail.getFrom()).map(Object::toString).collect(Collectors.joining(", ")));
                report.item("To", Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                        .collect(Collectors.joining(", ")));
                report.item("Subject", mail.getSubject());
                report.quote(DemoContext.textOf(mail));
                ObjectNode mailJson = result.putObject("firstMail");
                mailJson.put("subject", mail.getSubject());
                mailJson.put("text", DemoContext.textOf(mail));

                report.step("New applications appear on the boards");
                Instant newest = Stream.concat(boards.applications(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID).stream(),
                        boards.applications(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID).stream())
                        .map(DemoBoards.Application::appliedAt).max(Instant::compareTo).orElseThrow();
                Instant at = Instant.now().isAfter(newest) ? Instant.now() : newest.plusSeconds(60);
                List<String[]> added = List.of(
                        new String[] {DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID, "A2001", "新井 次郎"},
                        new String[] {DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID, "A2002", "小林 七海"},
                        new String[] {DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID, "C-6001", "吉田 大輔"});
                for (String[] a : added) {
                    boards.addApplication(a[0], a[1], DemoBoards.Application.simple(a[2], at.minusSeconds(60), a[3]));
                    report.item(a[0], a[2] + " " + a[3]);
                }
                result.put("addedApplications", added.size());

                report.step("Second run: only the new applications are imported");
                SyncRun second = engine.runNow(TENANT, ROBOT);
                summarize(report, second);
                result.set("secondRun", runJson(second));

                report.step("Third run: nothing new, nothing imported");
                SyncRun third = engine.runNow(TENANT, ROBOT);
                summarize(report, third);
                result.set("thirdRun", runJson(third));

                ctx.awaitMails(3, MAIL_WAIT);
                int onBoards = boardApplications(boards);
                int mails = ctx.receivedMails().length;
                report.step("What the simulators saw");
                report.item("boards", onBoards + " applications in total");
                report.item("ATS", ats.createCount() + " candidates created (every application exactly once)");
                report.item("SMTP", mails + " result mails received (one per run)");
                result.put("boardApplications", onBoards);
                result.put("atsCreates", ats.createCount());
                result.put("atsRefused", ats.refusedCount());
                result.put("mailsReceived", mails);
                ArrayNode subjects = result.putArray("mailSubjects");
                for (MimeMessage m : ctx.receivedMails()) {
                    subjects.add(m.getSubject());
                }
            }
        }
    }

    private static void createRobot(DemoContext ctx, String signingSecret, Report report) {
        RobotService robots = new RobotService(ctx.store().robots());
        robots.create(TENANT, ROBOT, "デモ商事 採用ロボット",
                new AtsAccount(WebhookAtsConnectorProvider.ID, "demo-shoji-hr", Map.of(),
                        new Credentials("demo-key-1", Secret.of(signingSecret), Map.of())),
                new NotificationSettings(List.of("saiyo@demo-shoji.example"), List.of(), Locale.JAPANESE),
                Schedule.of(TOKYO, LocalTime.of(9, 0), LocalTime.of(13, 30)));
        SlotId html = robots.addSlot(TENANT, ROBOT, DemoBoards.HTML, DemoBoards.htmlCredentials());
        SlotId csv = robots.addSlot(TENANT, ROBOT, DemoBoards.CSV, DemoBoards.csvCredentials());
        SlotId wrong = robots.addSlot(TENANT, ROBOT, DemoBoards.HTML, new Credentials(DemoBoards.HTML_LOGIN_ID,
                Secret.of("wrong-password"), Map.of("companyCode", DemoBoards.HTML_COMPANY_CODE)));
        report.step("A robot with three slots on two boards");
        report.item("robot", "デモ商事 採用ロボット (" + TENANT + "/" + ROBOT + "), runs 09:00 and 13:30 Asia/Tokyo, "
                + "result mails to saiyo@demo-shoji.example");
        report.item(html.value(), DemoBoards.HTML_LOGIN_ID + " (company code " + DemoBoards.HTML_COMPANY_CODE + ")");
        report.item(csv.value(), DemoBoards.CSV_LOGIN_ID);
        report.item(wrong.value(), DemoBoards.HTML_LOGIN_ID + " with a wrong password, on purpose");
        report.item("", "passwords are stored AES-GCM encrypted; they never appear in logs or mails");
    }

    private static void summarize(Report report, SyncRun run) {
        var r = run.result();
        long actionRequired = r.errors().stream().filter(e -> e.code().actionRequired()).count();
        String errors = r.errors().isEmpty() ? "no errors"
                : r.errors().size() + (r.errors().size() == 1 ? " error" : " errors") + " (" + actionRequired
                        + " action required 要対応, " + (r.errors().size() - actionRequired) + " no action needed 対応不要)";
        report.item("result", run.status() + " with " + errors + " — applications fetched " + r.fetched()
                + ", imported " + r.imported() + ", already imported " + r.alreadyImported() + ", failed "
                + r.failed());
        for (SyncError e : r.errors()) {
            report.item(e.where(), e.code() + " — " + (e.code().actionRequired() ? "action required (要対応)"
                    : "no action needed (対応不要)") + ": " + e.message());
            report.item("", "remedy: " + e.remedy(Locale.ENGLISH));
        }
    }

    private static ObjectNode runJson(SyncRun run) {
        return ResultJson.run(run, Locale.ENGLISH);
    }

    /**
     * The profiles pace page loads at one per second, which is right for real boards; the demo boards are local,
     * so the demo waits at most {@link #DEMO_PACING} between pages.
     */
    private static void demoPacing(Duration d) throws InterruptedException {
        Sleeper.SYSTEM.sleep(d.compareTo(DEMO_PACING) > 0 ? DEMO_PACING : d);
    }

    private static int boardApplications(DemoBoards boards) {
        return boards.applications(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID).size()
                + boards.applications(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID).size();
    }

    private static String randomSecret() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
