package dev.renkei.samples;

import dev.renkei.ats.LeverAtsConnectorProvider;
import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.Renkei;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.mail.MailSender;
import dev.renkei.core.meeting.AuthorizationStart;
import dev.renkei.core.meeting.InterviewMeeting;
import dev.renkei.core.meeting.InterviewSlot;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.MeetingSettings;
import dev.renkei.core.meeting.MeetingSyncResult;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.mypage.LinkStatus;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.RedeemResult;
import dev.renkei.core.spi.JobSeekerConnector.Resource;
import dev.renkei.core.spi.JobSeekerConnector.StatusTarget;
import dev.renkei.core.spi.MeetingConnector.HostUser;
import dev.renkei.core.mail.SmtpMailSender;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.media.SiteProfileMediaProvider;
import dev.renkei.zoom.ZoomMeetingConnectorProvider;
import dev.renkei.media.indeed.IndeedApplyReceiver;
import dev.renkei.media.indeed.JdbcIndeedInbox;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Every {@code <pre>{@code …}</pre>} example in the library's javadoc, as code the build compiles;
 * {@link JavadocExamplesTest} checks that each javadoc example appears here. Never run: the variables stand for what
 * a host has at hand.
 */
@SuppressWarnings("unused")
final class JavadocExamples {
    private JavadocExamples() {}

    static void smtpMailSender(String pw) {
        MailSender sender = SmtpMailSender.builder()
                .host("smtp.example.com").port(587).startTls(true)
                .username("renkei@example.com").password(Secret.of(pw))
                .build();
    }

    static void renkei(DataSource dataSource, byte[] key, Path profile, URI receiver, TenantId tenant, RobotId robot,
                       AtsAccount ats, NotificationSettings notifications, Schedule schedule) {
        Renkei renkei = Renkei.builder()
                .dataSource(dataSource).cipher(SecretCipher.of("k1", key))      // the host's pool and key
                .mail(SmtpMailSender.builder().host("smtp.example.com").build(), "renkei@example.com")
                .connector(SiteProfileMediaProvider.fromFile(profile))
                .connector(WebhookAtsConnectorProvider.builder().url(receiver).build())
                .build();
        renkei.robots().createOrUpdate(tenant, robot, "採用ロボット", ats, notifications, schedule);
        renkei.start();                       // scheduled windows, mail delivery
        SyncRun run = renkei.runNow(tenant, robot);
    }

    static void jdbcStore(DataSource hostPool, byte[] keyFromVault) {
        JdbcStore store = JdbcStore.builder()
                .dataSource(hostPool)                          // the host's pooled DataSource
                .cipher(SecretCipher.of("k1", keyFromVault))   // seals every credential at rest
                .build();
        store.migrate();                                       // opt-in; or run the scripts with Flyway/Liquibase
    }

    static void webhook() {
        WebhookAtsConnectorProvider.builder().url(URI.create("https://hr.example.com/renkei/applications")).build();
        WebhookAtsConnectorProvider.builder().allowedUrlPrefixes(List.of(URI.create("https://hooks.example.com/tenants/")))
                .build();   // each robot names its URL under this prefix
    }

    static void lever() {
        var wireMock = new Object() {
            String baseUrl() {
                return "http://127.0.0.1:8080";
            }
        };
        new LeverAtsConnectorProvider();                                                 // production; robots may pick the sandbox
        LeverAtsConnectorProvider.builder().baseUrl(URI.create(wireMock.baseUrl() + "/v1")).build();   // a simulator
    }

    static void indeed(String indeedApiSecret, DataSource dataSource, String accountId, byte[] rawBody,
                       Map<String, List<String>> headers) {
        IndeedApplyReceiver receiver = IndeedApplyReceiver.builder()
            .apiSecret(Secret.of(indeedApiSecret))
            .inbox(new JdbcIndeedInbox(dataSource).migrate())
            .build();
        // e.g. POST /indeed/{accountId}
        IndeedApplyReceiver.Response r = receiver.handle(accountId, rawBody, headers);
    }

    static void meetingSettings(String clientId, String clientSecret, String secretToken) {
        MeetingSettings settings = MeetingSettings.builder("zoom")
                .client(Credentials.of(clientId, clientSecret))     // the Marketplace app's client id and secret
                .webhookSecret(Secret.of(secretToken))               // the app's webhook secret token
                .build();
    }

    static void meetingService(MeetingService meetings, TenantId tenant, String code, String state, InterviewSlot slot) {
        AuthorizationStart start = meetings.startAuthorization(tenant, URI.create("https://hr.example.com/zoom/callback"));
        // redirect the admin's browser to start.url(); on the callback:
        meetings.completeAuthorization(code, state);
        List<HostUser> hosts = meetings.hosts(tenant);                  // the "Zoom user" choice per event
        MeetingSyncResult r = meetings.sync(tenant, slot);               // whenever the slot changes
        r.meeting().map(InterviewMeeting::joinUrl);                      // for the candidate
    }

    static void myPage(Renkei renkei, TenantId tenant, String appId, String appSecret, String token,
                       char[] password) {
        MyPageService mypage = renkei.mypage();
        mypage.saveSettings(tenant, MyPageSettings.builder()
                .source("porters", Map.of("partition", "123"), Credentials.of(appId, appSecret))
                .batchTime(LocalTime.of(6, 0), ZoneId.of("Asia/Tokyo"))
                .writeBack(new StatusTarget(Resource.PERSON, "Person.U_MyPage", "Option.U_Registered", true))
                .setupPage("https://example.com/mypage/setup?token=", "mypage@example.com").build());
        // on the host's setup page:
        LinkStatus s = mypage.status(token);                  // VALID, EXPIRED (offer resend), ALREADY_USED, INVALID
        RedeemResult r = mypage.redeem(token, password);      // REGISTERED → completion mail + write-back
    }

    static void zoomProvider() {
        var sim = new Object() {
            String baseUrl() {
                return "http://127.0.0.1:8091";
            }
        };
        ZoomMeetingConnectorProvider.builder()
                .oauthBaseUrl(URI.create(sim.baseUrl())).apiBaseUrl(URI.create(sim.baseUrl() + "/v2")).build();
    }

    static void siteProfile() {
        Renkei.builder()
                .connector(SiteProfileMediaProvider.fromFile(Path.of("profiles/my-board.json")));
    }
}
