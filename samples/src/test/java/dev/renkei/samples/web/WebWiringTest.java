package dev.renkei.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.renkei.core.Renkei;
import dev.renkei.core.meeting.AuthorizationStart;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.MeetingSettings;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.porters.PortersJobSeekerProvider;
import dev.renkei.porters.testing.PortersSimulator;
import dev.renkei.zoom.testing.ZoomSimulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's JDK {@code HttpServer} wiring, over HTTP: a signed Zoom webhook and a MyPage setup link. */
class WebWiringTest {
    private static final TenantId TENANT = TenantId.of("acme");
    private static final String WEBHOOK_SECRET = "whsec-web-wiring";
    private final HttpClient client = HttpClient.newHttpClient();
    private ZoomSimulator zoom;
    private PortersSimulator porters;
    private InMemoryStore store;
    private Renkei renkei;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        zoom = new ZoomSimulator(Clock.systemUTC());
        porters = PortersSimulator.start(Clock.systemUTC()).add(new PortersSimulator.Person(7, "山田 太郎",
                "taro@example.com", "owner@agency.example", List.of()));
        store = new InMemoryStore();
        renkei = Renkei.builder().store(store).connector(zoom.provider()).connector(new PortersJobSeekerProvider())
                .meetings(MeetingSettings.builder("zoom").client(ZoomSimulator.CLIENT)
                        .webhookSecret(Secret.of(WEBHOOK_SECRET)).build())
                .myPageOptions(m -> m.passwordIterations(MyPageService.MIN_PASSWORD_ITERATIONS)).build();
        server = JdkHttpServerWiring.start(renkei, new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        server.stop(0);
        renkei.close();
        zoom.close();
        porters.close();
    }

    @Test
    void aSignedDeauthorizationThroughTheServerRevokesTheLinkAndAForgedOneIsRefused() throws Exception {
        MeetingService meetings = renkei.meetings();
        AuthorizationStart start = meetings.startAuthorization(TENANT, URI.create("https://hr.example.com/cb"));
        Map<String, String> callback = zoom.approve(start.url());
        meetings.completeAuthorization(callback.get("code"), callback.get("state"));
        Instant now = Instant.now().plusSeconds(1); // an event after the authorization, well within the 5-min window
        String body = "{\"event\":\"app_deauthorized\",\"event_ts\":" + now.toEpochMilli() + ",\"payload\":{"
                + "\"account_id\":\"" + ZoomSimulator.ACCOUNT + "\",\"user_id\":\"" + ZoomSimulator.HOST
                + "\",\"client_id\":\"" + ZoomSimulator.CLIENT.loginId() + "\",\"deauthorization_time\":\"" + now + "\"}}";
        String ts = Long.toString(now.getEpochSecond());

        HttpResponse<String> forged = post("/zoom/webhook", body, "application/json",
                "x-zm-request-timestamp", ts, "x-zm-signature", "v0=" + "0".repeat(64));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(meetings.link(TENANT).orElseThrow().state()).isEqualTo(MeetingLinkState.AUTHORIZED);

        HttpResponse<String> signed = post("/zoom/webhook", body, "application/json",
                "x-zm-request-timestamp", ts, "x-zm-signature", "v0=" + hmac("v0:" + ts + ":" + body));
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(meetings.link(TENANT).orElseThrow().state()).isEqualTo(MeetingLinkState.REVOKED);
    }

    @Test
    void aWebhookBodyAboveTheCapIsRefusedUnread() throws Exception {
        HttpResponse<String> big = post("/zoom/webhook", "x".repeat(JdkHttpServerWiring.MAX_WEBHOOK_BYTES + 1),
                "application/json", "x-zm-request-timestamp", "1", "x-zm-signature", "v0=00");
        HttpResponse<String> atTheCap = post("/zoom/webhook", "x".repeat(JdkHttpServerWiring.MAX_WEBHOOK_BYTES),
                "application/json", "x-zm-request-timestamp", "1", "x-zm-signature", "v0=00");

        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(atTheCap.statusCode()).as("read and judged by the library").isNotEqualTo(413);
    }

    @Test
    void theSetupPageShowsTheFormRegistersOnceAndThenSaysUsed() throws Exception {
        MyPageService mypage = renkei.mypage();
        mypage.saveSettings(TENANT, MyPageSettings.builder()
                .source(PortersJobSeekerProvider.ID, porters.settings(),
                        Credentials.of(PortersSimulator.APP_ID, PortersSimulator.SECRET))
                .setupPage("http://127.0.0.1/mypage/setup?token=", "mypage@agency.example").build());
        mypage.runNow(TENANT);
        String token = tokenMailedTo("taro@example.com");

        HttpResponse<String> form = get("/mypage/setup?token=" + token);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("type=password", "value=\"" + token + "\"");

        HttpResponse<String> tooShort = post("/mypage/setup", "token=" + token + "&password=short",
                "application/x-www-form-urlencoded");
        assertThat(tooShort.statusCode()).isEqualTo(400);

        String password = URLEncoder.encode("correct horse ☃", StandardCharsets.UTF_8);
        HttpResponse<String> mismatch = post("/mypage/setup", "token=" + token + "&password=" + password
                + "&confirm=other", "application/x-www-form-urlencoded");
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("一致しません");

        HttpResponse<String> done = post("/mypage/setup", "token=" + token + "&password=" + password + "&confirm="
                + password, "application/x-www-form-urlencoded");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("登録が完了");
        assertThat(porters.writes()).filteredOn(w -> w.code() == 0).isEmpty(); // no write-back target configured

        assertThat(get("/mypage/setup?token=" + token).statusCode()).isEqualTo(410);
        HttpResponse<String> hostile = get("/mypage/setup?token=%3Cscript%3E");
        assertThat(hostile.statusCode()).isEqualTo(404);
        assertThat(hostile.body()).doesNotContain("<script>");
    }

    private String tokenMailedTo(String address) {
        Pattern token = Pattern.compile("token=([A-Za-z0-9_-]{43})");
        for (OutboxMail.Status s : OutboxMail.Status.values()) {
            for (OutboxMail m : store.outbox().list(s)) {
                Matcher t = token.matcher(m.text());
                if (m.to().contains(address) && t.find()) {
                    return t.group(1);
                }
            }
        }
        throw new AssertionError("no setup link mailed to " + address);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String type, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String hmac(String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
