package dev.renkei.samples.web.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.store.OutboxMail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web app's frame in Chromium: pages, navigation, the mailbox, and what every answer carries (CSRF, headers). */
class WebAppTest {
    @RegisterExtension
    static final AppInBrowser WEB = new AppInBrowser();
    static WebApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = WEB.app();
        browser = WEB.browser();
    }

    @Test
    void theTopPageLinksEverySectionAndNamesTheSimulators() {
        browser.go("/");

        assertThat(browser.heading()).isEqualTo("Renkei サンプル");
        assertThat(browser.all("header nav a")).extracting(e -> e.getText())
                .containsExactly("求人媒体連携ロボット", "Zoom連携", "マイページ", "受信メール");
        assertThat(browser.text("main")).contains("求人媒体（demo-html, demo-csv）", app.simulators().boards().baseUrl());
        assertThat(browser.screenshot("home")).isRegularFile();
    }

    @Test
    void theMailboxShowsTheMailsTheSmtpServerReceivedWithTheirLinksClickable() throws Exception {
        browser.go("/mailbox");
        assertThat(browser.text("main")).contains("まだメールは届いていません");

        dev.renkei.core.mail.SmtpMailSender.builder().host("127.0.0.1").port(app.simulators().smtpPort()).build()
                .send(OutboxMail.pending("m-1", WebApp.TENANT, "renkei@demo-shoji.example", List.of("a@example.jp"),
                        List.of(), "件名 <b>太字ではない</b>", "こちら: http://localhost/x?a=1&b=2 です", null,
                        Instant.now()));
        browser.go("/mailbox");

        assertThat(browser.text(".mail .subject")).isEqualTo("件名 <b>太字ではない</b>");
        assertThat(browser.find(".mail .body a").getAttribute("href")).isEqualTo("http://localhost/x?a=1&b=2");
        browser.screenshot("mailbox");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=guessed")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("フォームの有効期限が切れました");
    }

    @Test
    void everyAnswerKeepsThePageOutOfCachesFramesAndReferrers() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Lax");
    }

    @Test
    void theRouterKeepsAtMostItsCapOfSessionsDroppingTheLeastRecentlyUsed() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new Router("", 2).get("/", r -> Response.html(r.session().csrfToken()))
                .post("/", r -> Response.html("ok")));
        server.start();
        try {
            String base = "http://localhost:" + server.getAddress().getPort() + "/";
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            java.util.function.IntSupplier postWithFirstSession = () -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(base)).header("Cookie", cookie)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + first.body())).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertThat(postWithFirstSession.getAsInt()).isEqualTo(200);

            for (int i = 0; i < 2; i++) { // two new cookie-less clients
                http.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.discarding());
            }

            assertThat(postWithFirstSession.getAsInt()).as("the first session was dropped").isEqualTo(403);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutChromiumTheBrowserTestsFailAndSayHowToInstallIt() {
        String before = System.getProperty("renkei.chromium");
        System.setProperty("renkei.chromium", "/nonexistent/chromium");
        try {
            assertThatThrownBy(() -> Browser.open(app)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/nonexistent/chromium")
                    .hasMessageContaining("apt-get install -y chromium chromium-driver");
        } finally {
            if (before == null) {
                System.clearProperty("renkei.chromium");
            } else {
                System.setProperty("renkei.chromium", before);
            }
        }
    }

    @Test
    void anUnknownPageIs404() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.baseUrl() + "/nothing-here")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void escapingCoversEveryCharacterThatEndsTextOrAnAttribute() {
        assertThat(Html.escape("<a href=\"x\" onclick='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(Files.exists(WEB.dir())).isTrue();
    }
}
