package dev.renkei.samples.web.app;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.WriteBackRecord;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.porters.PortersJobSeekerProvider;
import dev.renkei.porters.testing.PortersSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code /mypage}: the agency's MyPage admin page — the settings in short, the 会員登録ボタン switch, 今すぐ取り込み,
 * the recent batches and the failed write-backs (連携エラー) — over {@code renkei.mypage()}. The job seeker's pages
 * (setup link, login) are {@link MyPageSeekerPages}.
 *
 * <p>At start the tenant's settings point at the PORTERS simulator and at this app's {@code /mypage/setup}; the
 * sign-up switch keeps its stored state across restarts.
 */
final class MyPagePages {
    /** How many reminders follow the registration request. */
    static final int REMINDERS = 2;
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");
    private static final int RECENT_BATCHES = 10;

    private final WebApp app;
    private final MyPageService mypage;

    MyPagePages(WebApp app) {
        this.app = app;
        this.mypage = app.renkei().mypage();
        PortersSimulator porters = app.simulators().porters();
        mypage.saveSettings(WebApp.TENANT, MyPageSettings.builder()
                .source(PortersJobSeekerProvider.ID, porters.settings(),
                        Credentials.of(PortersSimulator.APP_ID, PortersSimulator.SECRET))
                .reminders(REMINDERS, Duration.ofDays(1))
                .writeBack(new JobSeekerConnector.StatusTarget(JobSeekerConnector.Resource.PERSON,
                        "Person.U_MyPageStatus", "Option.U_Registered", true))
                .signUpVisible(mypage.signUpVisible(WebApp.TENANT))
                .setupPage(app.baseUrl() + MyPageSeekerPages.SETUP + "?token=", WebApp.FROM)
                .notifyTo(List.of(WebApp.OPERATOR))
                .build());
    }

    void routes(Router router) {
        router.get("/mypage", r -> Response.html(page(r, null)));
        router.post("/mypage/signup-button", this::saveSignUpButton);
        router.post("/mypage/run", this::runNow);
        router.post("/mypage/write-backs/retry", this::retryWriteBacks);
        new MyPageSeekerPages(mypage).routes(router);
    }

    private String page(Request r, String error) {
        MyPageSettings s = settings();
        return Html.page(r, "マイページ連携", Html.error(error) + "<h2>設定</h2>" + summary(s) + signUpSwitch(r, s)
                + runSection(r) + batches() + writeBacks(r));
    }

    private MyPageSettings settings() {
        return mypage.settings(WebApp.TENANT).orElseThrow();
    }

    private static String summary(MyPageSettings s) {
        return Html.table(List.of("項目", "内容"), List.of(
                row("取り込み元", "PORTERS（パーティション " + Html.escape(s.connectorSettings()
                        .get(PortersJobSeekerProvider.PARTITION)) + "）"),
                row("接続先", Html.escape(s.connectorSettings().get(PortersJobSeekerProvider.BASE_URL))),
                row("認証情報（アプリID・シークレット）", "<span id=\"credentials\">設定済み</span>"),
                row("取り込みの時刻", s.batchTime() == null ? "手動のみ（下の「今すぐ取り込み」）"
                        : "毎日 " + s.batchTime() + "（" + Html.escape(s.zone().getId()) + "）"),
                row("登録用リンクの有効期限", "<span id=\"link-lifetime\">" + span(s.linkLifetime()) + "</span>"),
                row("リマインド", s.resendCount() == 0 ? "送らない" : "最大 " + s.resendCount() + " 回（前回のメールから "
                        + span(s.reminderInterval()) + "以上あけて）"),
                row("登録状態の書き戻し", s.writeBack() == null ? "しない" : Html.escape(s.writeBack().field()) + " ← "
                        + Html.escape(s.writeBack().value())),
                row("パスワード設定ページ", Html.escape(s.setupUrl()) + "…"),
                row("メールの送信元", Html.escape(s.mailFrom())),
                row("取り込み結果の通知先", s.notifyTo().isEmpty() ? "なし" : Html.escape(String.join(", ", s.notifyTo())))));
    }

    private static List<String> row(String label, String markup) {
        return List.of(Html.escape(label), markup);
    }

    /** "30 分", "24 時間", "3 日". */
    private static String span(Duration d) {
        long hours = d.toHours();
        if (hours == 0 || d.toMinutesPart() != 0) {
            return d.toMinutes() + " 分";
        }
        return hours % 24 == 0 && hours > 24 ? hours / 24 + " 日" : hours + " 時間";
    }

    // ---- 会員登録ボタン ------------------------------------------------------------------------------

    private static String signUpSwitch(Request r, MyPageSettings s) {
        return "<h2>会員登録ボタン</h2><p>求職者向けの<a href=\"" + MyPageSeekerPages.LOGIN + "\">ログインページ</a>に"
                + "「新規会員登録」ボタンを表示するかどうか。表示しない場合、マイページに登録できるのは PORTERS から取り込んだ"
                + "求職者だけです。</p><p>現在の設定：<strong id=\"signup-state\">" + visibility(s.signUpVisible())
                + "</strong></p>" + Html.form(r, "/mypage/signup-button")
                + radio("signup-shown", "true", s.signUpVisible(), "表示する")
                + radio("signup-hidden", "false", !s.signUpVisible(), "表示しない") + "<button>保存</button></form>";
    }

    private static String radio(String id, String value, boolean checked, String label) {
        return "<label for=\"" + id + "\"><input type=\"radio\" id=\"" + id + "\" name=\"visible\" value=\"" + value
                + "\"" + (checked ? " checked" : "") + "> " + label + "</label>";
    }

    private static String visibility(boolean visible) {
        return visible ? "表示する" : "表示しない";
    }

    private Response saveSignUpButton(Request r) {
        String v = r.param("visible");
        if (!v.equals("true") && !v.equals("false")) {
            return Response.html(400, page(r, "「表示する」か「表示しない」を選んでください。"));
        }
        boolean visible = Boolean.parseBoolean(v);
        MyPageSettings s = settings();
        try {
            mypage.saveSettings(WebApp.TENANT, new MyPageSettings(s.connectorId(), s.connectorSettings(),
                    s.credentials(), s.filter(), s.batchTime(), s.zone(), s.resendCount(), s.reminderInterval(),
                    visible, s.templates(), s.linkLifetime(), s.writeBack(), s.setupUrl(), s.mailFrom(),
                    s.notifyTo()));
        } catch (IllegalArgumentException e) {
            return Response.html(400, page(r, e.getMessage()));
        }
        r.session().flash("会員登録ボタンを「" + visibility(visible) + "」に変更しました。");
        return Response.redirect("/mypage");
    }

    // ---- 今すぐ取り込み と 取り込み履歴 --------------------------------------------------------------------

    private static String runSection(Request r) {
        return "<h2>求職者の取り込み</h2><p>PORTERS から求職者を読み込み、新しい求職者にマイページのアカウントを作って"
                + "登録案内メール（パスワード設定用のリンク付き）を送ります。</p>" + Html.form(r, "/mypage/run")
                + "<button>今すぐ取り込み</button></form><p>送信したメールは<a href=\"/mailbox\">受信メール</a>で確認できます"
                + "（求職者のメールソフトの代わりです）。</p>";
    }

    private Response runNow(Request r) {
        MyPageRun run = mypage.runNow(WebApp.TENANT);
        app.sendDueMails();
        r.session().flash(outcome(run) + counts(run.counts()) + "送信したメールは「受信メール」で確認できます。");
        return Response.redirect("/mypage");
    }

    private static String outcome(MyPageRun run) {
        if (run.status() == RunStatus.SUCCEEDED) {
            return "取り込みが完了しました。";
        }
        return "取り込みに失敗しました" + (run.errors().isEmpty() ? "" : "（" + summary(run.errors().get(0)) + "）")
                + "。";
    }

    private static String counts(MyPageRun.Counts c) {
        return "対象 " + c.targets() + " 人、アカウント作成 " + c.created() + " 件、重複 " + c.duplicates() + " 件、スキップ "
                + c.skipped() + " 件、送信メール " + c.mailsSent() + " 通、書き戻し 成功 " + c.writeBacksOk() + " 件・失敗 "
                + c.writeBacksFailed() + " 件。";
    }

    private String batches() {
        List<MyPageRun> runs = mypage.batches(WebApp.TENANT, RECENT_BATCHES);
        if (runs.isEmpty()) {
            return "<h2>取り込み履歴</h2><p>まだ取り込みは実行されていません。</p>";
        }
        return "<h2>取り込み履歴</h2>" + Html.table(List.of("開始", "起動", "結果", "対象", "作成", "重複", "スキップ",
                "メール", "書き戻し（成功／失敗）", "エラー"), runs.stream().map(MyPagePages::batchRow).toList());
    }

    private static List<String> batchRow(MyPageRun run) {
        MyPageRun.Counts c = run.counts();
        return List.of(when(run.startedAt() == null ? run.windowStart() : run.startedAt()),
                run.trigger() == RunTrigger.MANUAL ? "手動" : "定時", status(run.status()),
                "" + c.targets(), "" + c.created(), "" + c.duplicates(), "" + c.skipped(), "" + c.mailsSent(),
                c.writeBacksOk() + "／" + c.writeBacksFailed(), run.errors().stream()
                        .map(e -> (e.code().actionRequired() ? "【要対応】" : "【対応不要】") + Html.escape(summary(e)))
                        .collect(Collectors.joining("<br>")));
    }

    private static String summary(SyncError e) {
        return e.code().summary(Locale.JAPANESE, e.where());
    }

    private static String status(RunStatus s) {
        return switch (s) {
            case QUEUED -> "待機中";
            case RUNNING -> "実行中";
            case SUCCEEDED -> "<span class=\"ok\">成功</span>";
            case FAILED -> "<span class=\"ng\">失敗</span>";
            case SKIPPED -> "スキップ";
            case MISSED -> "未実行";
        };
    }

    private static String when(Instant t) {
        return t == null ? "" : WHEN.format(t.atZone(TOKYO));
    }

    // ---- 連携エラー -------------------------------------------------------------------------------------

    private String writeBacks(Request r) {
        List<WriteBackRecord> failed = mypage.failedWriteBacks(WebApp.TENANT);
        if (failed.isEmpty()) {
            return "<h2>連携エラー</h2><p>PORTERS への書き戻しはすべて完了しています。</p>";
        }
        return "<h2>連携エラー</h2><p>登録状態を PORTERS に書き戻せなかった求職者です。次の取り込みでも自動で再試行します。</p>"
                + Html.table(List.of("個人ID", "書き込み先", "状態", "試行回数", "最後の結果", "更新"), failed.stream()
                        .map(MyPagePages::writeBackRow).toList())
                + Html.form(r, "/mypage/write-backs/retry") + "<button>連携リトライ</button></form>";
    }

    private static List<String> writeBackRow(WriteBackRecord w) {
        return List.of(Html.escape(w.personId()), Html.escape(w.item().target().field()),
                w.status() == WriteBackRecord.Status.FAILED ? "<span class=\"ng\">失敗</span>" : "未実行",
                "" + w.attempts(), Html.escape(w.lastCode() == null ? "" : w.lastCode()
                        + (w.lastMessage() == null ? "" : "（" + w.lastMessage() + "）")), when(w.updatedAt()));
    }

    private Response retryWriteBacks(Request r) {
        MyPageService.WriteBackCounts c = mypage.retryWriteBacks(WebApp.TENANT);
        r.session().flash("連携リトライ：成功 " + c.ok() + " 件、失敗 " + c.failed() + " 件。");
        return Response.redirect("/mypage");
    }
}
