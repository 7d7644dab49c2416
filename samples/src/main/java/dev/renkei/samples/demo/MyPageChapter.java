package dev.renkei.samples.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.Renkei;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageAccount;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.porters.PortersJobSeekerProvider;
import dev.renkei.porters.testing.PortersSimulator;
import dev.renkei.porters.testing.PortersSimulator.Person;
import dev.renkei.porters.testing.PortersSimulator.Resume;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PORTERS → MyPage sync, end-to-end against the PORTERS simulator and the demo SMTP server: a batch over five
 * job seekers (one already has a MyPage account: a duplicate) → one seeker redeems the link from the mail as the SMTP
 * server received it → registered, completion mail, status written back to PORTERS → an expired link is resent →
 * the next batches create nothing and send reminders until the resend count.
 *
 * <p>Figures in the JSON come from the SMTP server's messages, the PORTERS simulator's write log and the MyPage
 * tables, not from the batch's own counters (targets excepted: only the batch knows what matched the filter).
 */
public final class MyPageChapter implements DemoChapter {
    static final TenantId TENANT = TenantId.of("demo-agency");
    /** The job seekers in PORTERS; the last one already has a MyPage account. */
    public static final List<Person> SEEKERS = List.of(seeker(101, "山田 太郎", "taro.yamada"),
            seeker(102, "佐藤 花子", "hanako.sato"), seeker(103, "鈴木 一郎", "ichiro.suzuki"),
            seeker(104, "高橋 美咲", "misaki.takahashi"), seeker(105, "田中 健", "ken.tanaka"));
    /** How many reminders a seeker gets at most. */
    public static final int RESEND_COUNT = 2;
    static final String FROM = "mypage@demo-agency.example";
    static final String ADMIN = "admin@demo-agency.example";
    private static final String SETUP_URL = "https://mypage.demo-agency.example/setup?token=";
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final String INVITE = "マイページ登録のお願い";
    private static final String REMINDER = "【再送】マイページ登録のお願い";
    private static final String DUPLICATE = "【要対応】マイページ登録の重複";
    private static final String COMPLETE = "マイページ登録完了";

    private static Person seeker(long id, String name, String mailbox) {
        return new Person(id, name, mailbox + "@seeker.example", "owner" + id + "@demo-agency.example",
                List.of(new Resume(id + 500_000, "resume-owner" + id + "@demo-agency.example")));
    }

    @Override
    public String id() {
        return "mypage";
    }

    @Override
    public String title() {
        return "Job-seeker MyPage sync (PORTERS)";
    }

    @Override
    public void run(DemoContext ctx, ObjectNode result) throws Exception {
        Report report = ctx.report();
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        JdbcStore store = ctx.store(clock);
        try (PortersSimulator porters = PortersSimulator.start(clock);
             Renkei renkei = Renkei.builder().store(store).clock(clock).http(ctx.http())
                     .mail(ctx.mailSender(), FROM).connector(new PortersJobSeekerProvider())
                     // the library default is OWASP's 600,000 iterations; the demo registers quickly
                     .myPageOptions(m -> m.passwordIterations(MyPageService.MIN_PASSWORD_ITERATIONS))
                     .build()) {
            MyPageService mypage = renkei.mypage();
            Runnable sendMails = () -> renkei.relay().orElseThrow().sendDue();
            SEEKERS.forEach(porters::add);
            mypage.saveSettings(TENANT, MyPageSettings.builder()
                    .source(PortersJobSeekerProvider.ID, porters.settings(),
                            Credentials.of(PortersSimulator.APP_ID, PortersSimulator.SECRET))
                    .reminders(RESEND_COUNT, Duration.ofDays(1))
                    .writeBack(new JobSeekerConnector.StatusTarget(JobSeekerConnector.Resource.PERSON,
                            "Person.U_MyPageStatus", "Option.U_Registered", true))
                    .setupPage(SETUP_URL, FROM)
                    .notifyTo(List.of(ADMIN))
                    .build());
            Person alreadyMember = SEEKERS.get(SEEKERS.size() - 1);
            MyPageAccount member = store.myPage().accounts().createProvisional(TENANT, alreadyMember.mail());
            // signed up on the agency's site earlier; the demo only needs "a password is set", not a real one
            store.myPage().accounts().register(TENANT, member.id(), "set-at-sign-up");

            report.step("Local simulators");
            report.detail("PORTERS is simulated from the same fixtures as the connector's tests; mails go to the demo\n"
                    + "SMTP server; a hand-moved clock lets a day pass in a call.");
            report.item("PORTERS", "HRBC API simulator at " + porters.baseUrl() + ", " + SEEKERS.size()
                    + " job seekers (Person + Resume)");
            report.item("MyPage", "member table in the demo database; " + alreadyMember.name()
                    + " already signed up on the site");

            report.step("Batch: read the job seekers, open MyPage accounts, mail setup links");
            report.detail("The daily batch reads Person and Resume from PORTERS, opens a provisional account per\n"
                    + "new seeker and mails a single-use link valid 24 hours (only its hash is stored). A seeker\n"
                    + "whose e-mail already has an account with a password is a duplicate: no account, and the\n"
                    + "owners of the Person and the Resume are told so they can merge the records.");
            int accountsBefore = accounts(ctx);
            MyPageRun first = mypage.runNow(TENANT);
            sendMails.run();
            int created = accounts(ctx) - accountsBefore;
            List<MimeMessage> invites = received(ctx, INVITE);
            List<MimeMessage> duplicates = received(ctx, DUPLICATE);
            report.item("batch", first.status() + ": " + first.counts().targets() + " job seekers read, "
                    + created + " accounts created");
            report.item("mails", invites.size() + " registration mails with setup links (SMTP server)");
            for (MimeMessage d : duplicates) {
                report.item("duplicate", d.getSubject() + " → " + recipients(d));
            }
            result.put("targets", first.counts().targets());
            result.put("created", created);
            result.put("duplicates", duplicates.size());
            result.put("mailsSent", invites.size());

            Person taro = SEEKERS.get(0);
            report.step("A job seeker opens the link from the mail and sets a password");
            report.detail("The host's setup page calls mypage().status(token), then redeem(token, password).\n"
                    + "The owners get the completion mail and PORTERS gets the status written back.");
            String link = linkIn(only(ctx, INVITE, taro.mail()));
            report.item("mail to", taro.mail() + ": " + SETUP_URL + "…");
            report.item("status", mypage.status(link).name());
            report.item("redeem", mypage.redeem(link, "correct-horse-battery".toCharArray()).name());
            sendMails.run();
            MimeMessage completion = received(ctx, COMPLETE).get(0);
            report.item("completion", completion.getSubject() + " → " + recipients(completion));
            List<PortersSimulator.Write> writes = porters.writes().stream().filter(w -> w.code() == 0).toList();
            for (PortersSimulator.Write w : writes) {
                report.item("PORTERS", w.resource() + " " + w.id() + " " + w.field() + " = " + w.valueXml());
            }
            result.put("registered", registered(ctx));
            result.put("writeBacks", writes.size());

            Person hanako = SEEKERS.get(1);
            report.step("A day later: an expired link → resend → a fresh link");
            report.detail("A link is valid 24 hours. The page shows \"expired\" with a resend button; the fresh link\n"
                    + "goes to the address on file, never to one typed on the page.");
            clock.advance(Duration.ofHours(25));
            String old = linkIn(only(ctx, INVITE, hanako.mail()));
            report.item("old link", mypage.status(old).name());
            mypage.resend(old);
            sendMails.run();
            List<MimeMessage> toHanako = receivedBy(ctx, hanako.mail());
            String fresh = linkIn(toHanako.get(toHanako.size() - 1));
            report.item("fresh link", mypage.status(fresh).name() + " (a new token, mailed to " + hanako.mail() + ")");

            report.step("The next batches: nothing new to create, reminders until the resend count");
            report.detail("Seekers who set no password get a reminder with a fresh link once a day, at most "
                    + RESEND_COUNT + " times;\nafter that the batch leaves them alone.");
            int beforeSecond = accounts(ctx);
            int invitesBefore = invites.size();
            MyPageRun second = mypage.runNow(TENANT);
            sendMails.run();
            int secondCreated = accounts(ctx) - beforeSecond + received(ctx, INVITE).size() - invitesBefore;
            report.item("second batch", second.status() + ": " + secondCreated + " accounts created, "
                    + received(ctx, REMINDER).size() + " reminders so far");
            for (int day = 0; day < RESEND_COUNT + 1; day++) {
                clock.advance(Duration.ofDays(1));
                mypage.runNow(TENANT);
                sendMails.run();
                report.item("next day", received(ctx, REMINDER).size() + " reminders so far");
            }
            Person ichiro = SEEKERS.get(2);
            long toIchiro = receivedBy(ctx, ichiro.mail()).stream().filter(m -> subject(m).equals(REMINDER)).count();
            report.item("reminders", toIchiro + " to " + ichiro.mail() + " (resend count " + RESEND_COUNT + ")");
            result.putObject("secondBatch").put("created", secondCreated);
            result.put("remindersPerSeeker", toIchiro);
        }
    }

    /** MyPage accounts of the demo tenant in the member table. */
    private static int accounts(DemoContext ctx) throws java.sql.SQLException {
        return count(ctx, "SELECT COUNT(*) FROM renkei_mypage_accounts WHERE tenant_id = ?");
    }

    /** Job seekers the sync invited who completed their registration (the invitations table). */
    private static int registered(DemoContext ctx) throws java.sql.SQLException {
        return count(ctx, "SELECT COUNT(*) FROM renkei_mypage_invitations WHERE tenant_id = ? AND registered_at IS NOT NULL");
    }

    private static int count(DemoContext ctx, String sql) throws java.sql.SQLException {
        try (var c = ctx.dataSource().getConnection(); var ps = c.prepareStatement(sql)) {
            ps.setString(1, TENANT.value());
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Distinct messages (not deliveries) whose subject starts with {@code subject}. */
    private static List<MimeMessage> received(DemoContext ctx, String subject) throws MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (MimeMessage m : ctx.receivedMails()) {
            if (subject(m).startsWith(subject) && !seen.contains(m.getMessageID())) {
                seen.add(m.getMessageID());
                out.add(m);
            }
        }
        return out;
    }

    private static List<MimeMessage> receivedBy(DemoContext ctx, String to) throws MessagingException {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : ctx.receivedMails()) {
            if (recipients(m).contains(to)) {
                out.add(m);
            }
        }
        return out;
    }

    private static MimeMessage only(DemoContext ctx, String subject, String to) throws MessagingException {
        return receivedBy(ctx, to).stream().filter(m -> subject(m).equals(subject)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the SMTP server received no '" + subject + "' to " + to));
    }

    private static String linkIn(MimeMessage m) throws MessagingException, IOException {
        Matcher t = TOKEN.matcher(DemoContext.textOf(m));
        if (!t.find()) {
            throw new IllegalStateException("no setup link in the mail '" + m.getSubject() + "'");
        }
        return t.group(1);
    }

    private static String recipients(MimeMessage m) throws MessagingException {
        return String.join(", ", Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                .toList());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
