package dev.renkei.samples;

import dev.renkei.core.Renkei;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.mail.SmtpMailSender;
import dev.renkei.core.meeting.AuthorizationStart;
import dev.renkei.core.meeting.InterviewSlot;
import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.MeetingSettings;
import dev.renkei.core.meeting.MeetingSyncResult;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.spi.MeetingConnector.HostUser;
import dev.renkei.porters.PortersJobSeekerProvider;
import dev.renkei.zoom.ZoomMeetingConnectorProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The README's meetings and MyPage quickstarts, compiled by the build and checked against the README by a test
 * ({@code ReadmeInSyncTest}): both through the one entry point, {@link Renkei}.
 */
public final class MeetingsAndMyPageQuickstart {
    private MeetingsAndMyPageQuickstart() {}

    /** Builds a Renkei with interview meetings and the MyPage sync; the host keeps one per process. */
    public static Renkei build(DataSource dataSource, byte[] secretKey, String zoomClientId, String zoomClientSecret,
                               String zoomWebhookSecretToken) {
        // readme:build:begin
        Renkei renkei = Renkei.builder()
                .dataSource(dataSource).cipher(SecretCipher.of("k1", secretKey))   // applies the schema scripts
                .mail(SmtpMailSender.builder().host("smtp.example.com").port(587).startTls(true).build(),
                        "renkei@example.com")
                .connector(new ZoomMeetingConnectorProvider())      // https://zoom.us and https://api.zoom.us/v2
                .connector(new PortersJobSeekerProvider())          // https://api-hrbc-jp.porterscloud.com
                .meetings(MeetingSettings.builder("zoom")
                        .client(Credentials.of(zoomClientId, zoomClientSecret))       // a user-authorized OAuth app
                        .webhookSecret(Secret.of(zoomWebhookSecretToken))             // its event-subscription token
                        .build())
                .build();
        // readme:build:end
        return renkei;
    }

    /** An administrator links Zoom, then an interview slot gets its meeting. */
    public static URI meetings(Renkei renkei, TenantId tenant, String code, String state, Instant interviewStart) {
        // readme:meetings:begin
        MeetingService meetings = renkei.meetings();

        // "link Zoom" in your admin screen: send the browser to start.url() (state single-use, 10 min, PKCE S256)
        AuthorizationStart start = meetings.startAuthorization(tenant, URI.create("https://hr.example.com/zoom/callback"));
        // your callback, /zoom/callback?code=…&state=…: exchanges the code and stores the tokens sealed
        MeetingLink link = meetings.completeAuthorization(code, state);

        List<HostUser> hosts = meetings.hosts(tenant);                 // the "Zoom user" choice per event
        InterviewSlot slot = InterviewSlot.visible("slot-42", "一次面接 営業職", interviewStart, Duration.ofMinutes(45),
                ZoneId.of("Asia/Tokyo"), "面接: 山田 太郎", hosts.get(0).id());
        MeetingSyncResult created = meetings.sync(tenant, slot);      // call it whenever the slot changes
        URI joinUrl = created.meeting().orElseThrow().joinUrl();      // for the candidate's invitation
        meetings.sync(tenant, slot.movedTo(interviewStart.plus(Duration.ofHours(2)), Duration.ofMinutes(45))); // PATCH
        meetings.sync(tenant, slot.hidden());                          // deleted in Zoom
        // readme:meetings:end
        return joinUrl;
    }

    /** The agency's MyPage settings, saved once; the batch then runs daily once Renkei is started. */
    public static MyPageService mypage(Renkei renkei, TenantId tenant, String appId, String appSecret) {
        // readme:mypage:begin
        MyPageService mypage = renkei.mypage();
        mypage.saveSettings(tenant, MyPageSettings.builder()
                .source("porters", Map.of("partition", "123456"), Credentials.of(appId, appSecret)) // sealed at rest
                .filter(new JobSeekerConnector.Filter(Map.of("Person.P_Phase:or", "Option.P_Entry"), null))
                .batchTime(LocalTime.of(6, 0), ZoneId.of("Asia/Tokyo"))   // or none: mypage.runNow(tenant) only
                .reminders(2, Duration.ofDays(3))                           // up to 2 reminders, 3 days apart
                .writeBack(new JobSeekerConnector.StatusTarget(JobSeekerConnector.Resource.PERSON,
                        "Person.U_MyPageStatus", "Option.U_Registered", true))
                .setupPage("https://agency.example/mypage/setup?token=", "mypage@agency.example")
                .notifyTo(List.of("admin@agency.example"))                  // the batch result mail
                .build());
        renkei.start();                                 // the batch runs at 06:00 Tokyo time, once per window
        // readme:mypage:end
        return mypage;
    }
}
