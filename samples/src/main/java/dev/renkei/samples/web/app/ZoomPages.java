package dev.renkei.samples.web.app;

import com.sun.net.httpserver.HttpExchange;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.meeting.AuthorizationStart;
import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.zoom.testing.ZoomWebhooks;
import dev.renkei.samples.web.JdkHttpServerWiring;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code /zoom}: the company's Zoom link — its state, 「Zoomと連携する」 (OAuth with PKCE through Zoom's consent
 * page), the callback, 連携を解除, and a button that plays the administrator removing the app in the Zoom
 * Marketplace (the simulator sends a signed {@code app_deauthorized} to {@code /zoom/webhook}). Registers the
 * selection events and interview slots ({@link InterviewPages}) and the webhook too. No token is ever shown.
 */
final class ZoomPages {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(TOKYO);
    /** The session key of the state of the authorization this browser started. */
    private static final String STATE = "zoom.authorization.state";
    private final WebApp app;
    private final MeetingService meetings;

    ZoomPages(WebApp app) {
        this.app = app;
        this.meetings = app.renkei().meetings();
    }

    void routes(Router router) {
        router.get("/zoom", r -> Response.html(linkPage(r, "")));
        router.post("/zoom/connect", this::connect);
        router.get("/zoom/callback", this::callback);
        router.post("/zoom/unlink", this::unlink);
        router.post("/zoom/simulate-removal", this::simulateRemoval);
        new InterviewPages(app, InterviewBoard.seeded()).routes(router);
        // Zoom signs its webhook instead of carrying the session's CSRF token: served outside the router
        app.handle("/zoom/webhook", this::webhook);
    }

    /** Japanese date and time in Tokyo, e.g. {@code 2026-12-10 09:30}. */
    static String when(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }

    /** A library error as the admin needs it: what happened, the library's message, 要対応/対応不要 and the remedy. */
    static String failure(RenkeiException e) {
        ErrorCode c = e.code();
        return "<div class=\"error\" role=\"alert\" id=\"error\"><p><strong>" + Html.escape(c.summary(Locale.JAPANESE,
                "Zoom")) + "</strong></p><p class=\"message\">" + Html.escape(e.getMessage()) + "</p><p><span class=\""
                + (c.actionRequired() ? "tag-action" : "tag-info") + "\" id=\"classification\">"
                + Html.escape(c.classification().japaneseLabel()) + "</span>　対処: <span id=\"remedy\">"
                + Html.escape(c.remedy(Locale.JAPANESE, "Zoom")) + "</span></p>"
                + (c == ErrorCode.MEETING_LINK_REVOKED ? "<p><a href=\"/zoom\">Zoom連携のページへ</a></p>" : "")
                + "</div>";
    }

    private String linkPage(Request r, String problem) {
        MeetingLink link = meetings.link(WebApp.TENANT).orElse(null);
        String body = problem + "<p>連携状態: <strong id=\"link-state\">" + Html.escape(stateLabel(link))
                + "</strong></p>" + details(link) + actions(r, link)
                + "<p><a href=\"/zoom/events\">選考イベントと面接枠へ</a></p>";
        return Html.page(r, "Zoom連携", body);
    }

    /** 未連携 / 認可待ち / 連携済み (account id) / 連携解除済み. */
    static String stateLabel(MeetingLink link) {
        if (link == null) {
            return "未連携";
        }
        return switch (link.state()) {
            case PENDING_AUTHORIZATION -> "認可待ち";
            case AUTHORIZED -> "連携済み (" + link.accountId() + ")";
            case REVOKED -> "連携解除済み";
        };
    }

    private static String details(MeetingLink link) {
        if (link == null) {
            return "<p>Zoomと連携すると、面接枠を公開したときに Zoom ミーティングが作られ、応募者に送る参加URLが"
                    + "決まります。</p>";
        }
        StringBuilder b = new StringBuilder("<table><tbody>");
        row(b, "Zoom アカウント ID", link.accountId());
        row(b, "連携したユーザー ID", link.userId());
        row(b, "連携日時", when(link.authorizedAt()));
        row(b, "解除日時", when(link.revokedAt()));
        row(b, "解除の理由", link.reason());
        return b.append("</tbody></table>").toString();
    }

    private static void row(StringBuilder b, String label, String value) {
        if (value != null && !value.isEmpty()) {
            b.append("<tr><th>").append(Html.escape(label)).append("</th><td>").append(Html.escape(value))
                    .append("</td></tr>");
        }
    }

    private static String actions(Request r, MeetingLink link) {
        boolean linked = link != null && link.state() == MeetingLinkState.AUTHORIZED;
        if (!linked) {
            return Html.form(r, "/zoom/connect") + "<button id=\"connect\">Zoomと連携する</button></form>"
                    + "<p class=\"muted\">Zoom の同意画面に移動します。許可すると、このページに戻ります。</p>";
        }
        return Html.form(r, "/zoom/unlink") + "<button class=\"danger\" id=\"unlink\">連携を解除</button></form>"
                + "<h2>シミュレーション</h2><p class=\"muted\">Zoom の管理者が Zoom Marketplace でこのアプリを削除した"
                + "ときの動きを試せます。シミュレーターが署名付きの app_deauthorized Webhook を /zoom/webhook に送ります。</p>"
                + Html.form(r, "/zoom/simulate-removal")
                + "<button id=\"simulate-removal\">管理者が Zoom Marketplace でアプリを削除する</button></form>";
    }

    private Response connect(Request r) {
        try {
            AuthorizationStart start = meetings.startAuthorization(WebApp.TENANT,
                    URI.create(app.baseUrl() + "/zoom/callback"));
            r.session().put(STATE, start.state()); // the callback must come back to the browser that started it
            return Response.redirect(start.url().toString());
        } catch (RenkeiException e) {
            return Response.html(400, linkPage(r, failure(e)));
        }
    }

    private Response callback(Request r) {
        String started = r.session().get(STATE);
        if (started == null || !MessageDigest.isEqual(started.getBytes(StandardCharsets.UTF_8),
                r.param("state").getBytes(StandardCharsets.UTF_8))) {
            return callbackFailed(r, "この連携の手続きは、このブラウザーで始めたものではありません。", null);
        }
        r.session().put(STATE, null);
        try {
            MeetingLink link = meetings.completeAuthorization(r.param("code"), r.param("state"));
            r.session().flash("Zoomと連携しました（アカウント " + link.accountId() + "）。");
            return Response.redirect("/zoom");
        } catch (RenkeiException e) {
            return callbackFailed(r, r.param("error").equals("access_denied")
                    ? "Zoom の同意画面で「拒否」が選ばれたため、連携していません。"
                    : "連携の手続きが無効か、有効期限が切れています。", e.getMessage());
        }
    }

    private static Response callbackFailed(Request r, String why, String libraryMessage) {
        return Response.html(400, Html.page(r, "Zoom連携を完了できませんでした", "<p id=\"why\">" + Html.escape(why)
                + "もう一度「Zoomと連携する」からやり直してください。</p>" + Html.error(libraryMessage)
                + "<p><a href=\"/zoom\">Zoom連携へ戻る</a></p>"));
    }

    private Response unlink(Request r) {
        try {
            meetings.unlink(WebApp.TENANT);
            r.session().flash("Zoomとの連携を解除しました。公開中のミーティングはZoomに残っています。");
            return Response.redirect("/zoom");
        } catch (RenkeiException e) {
            return Response.html(400, linkPage(r, failure(e)));
        }
    }

    /** Plays Zoom: the administrator removed the app, so Zoom posts a signed app_deauthorized to our webhook. */
    private Response simulateRemoval(Request r) throws IOException, InterruptedException {
        int status = ZoomWebhooks.sendDeauthorization(URI.create(app.baseUrl() + "/zoom/webhook"),
                WebApp.ZOOM_WEBHOOK_SECRET, app.clock().instant());
        r.session().flash("Zoom から app_deauthorized の Webhook が届きました（応答 HTTP " + status + "）。");
        return Response.redirect("/zoom");
    }

    /** Zoom's webhook through the JDK wiring of the README (raw body, capped; the library's answer). */
    private void webhook(HttpExchange ex) throws IOException {
        try (ex) {
            JdkHttpServerWiring.zoomWebhook(meetings, ex);
        }
    }
}
