package dev.renkei.samples.web.app;

import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.Secret;
import dev.renkei.core.robot.RobotService;
import dev.renkei.samples.sim.Simulators;
import dev.renkei.samples.web.app.RobotSetup.Draft;
import dev.renkei.samples.web.app.RobotSetup.Pending;
import dev.renkei.samples.web.app.RobotSetup.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /robots}: the robot list, a robot's page, and the setup steps basic settings, ATS account and 完了. The
 * media, login-check, notification and schedule steps are {@link RobotMediaPages} and {@link RobotDeliveryPages};
 * run now and the history are {@link RunPages}. See {@link RobotSetup} for how a half-configured robot is stored.
 */
final class RobotPages {
    static final String ID = "/robots/([A-Za-z0-9._-]+)";
    private static final String BASIC_TITLE = "ロボットの基本設定";
    private static final String ATS_TITLE = "ATSアカウント";
    private static final String DONE_TITLE = "設定の確認";
    private static final String CREATE_NOTE = "<p class=\"muted\" id=\"create-note\">「次へ」でロボットが作成されます。"
            + "実行時刻を設定するまでは定時の実行はなく（手動実行のみ）、通知先を設定するまでの仮の通知先は運用担当（"
            + Html.escape(WebApp.OPERATOR) + "）です。</p>";
    private final WebApp app;

    RobotPages(WebApp app) {
        this.app = app;
    }

    void routes(Router router) {
        router.get("/robots", this::list);
        router.get("/robots/new", r -> basicForm(r, null, "", true, null));
        router.post("/robots/new", this::createDraft);
        router.get(ID + "/basic", this::basic);
        router.post(ID + "/basic", this::saveBasic);
        router.get(ID + "/ats", this::ats);
        router.post(ID + "/ats", this::saveAts);
        router.get(ID + "/done", this::done);
        router.post(ID + "/done", this::complete);
        new RobotMediaPages(app).routes(router);
        new RobotDeliveryPages(app).routes(router);
        new RunPages(app).routes(router);
        router.get(ID, this::robot);
    }

    private RobotService robots() {
        return app.renkei().robots();
    }

    private Response list(Request r) {
        List<List<String>> rows = new ArrayList<>();
        for (Robot robot : robots().list(WebApp.TENANT)) {
            rows.add(List.of("<a href=\"" + Html.escape(RobotSetup.url(robot.id(), "")) + "\">" + Html.escape(robot.name())
                    + "</a>", Html.escape(robot.id().value()), Html.escape(state(r, robot)),
                    String.valueOf(robot.activeSlots().size()), Html.escape(times(robot.schedule()))));
        }
        String body = "<p>求人媒体の応募者を ATS に取り込むロボットの一覧です。</p>"
                + "<p><a href=\"/robots/new\" id=\"new-robot\">新しいロボットを作成</a></p>"
                + (rows.isEmpty() ? "<p>まだロボットはありません。</p>"
                        : Html.table(List.of("名前", "ID", "状態", "媒体アカウント", "実行時刻（日本時間）"), rows));
        return Response.html(Html.page(r, "求人媒体連携ロボット", body));
    }

    /** The robot's state in words: setup under way, linkage on or off. */
    static String state(Request r, Robot robot) {
        if (RobotSetup.pending(r, robot.id()) != null) {
            return "設定途中";
        }
        return robot.linkageEnabled() ? "連携中" : "連携停止中";
    }

    /** The run times as text, e.g. "09:00、13:30", or "手動実行のみ". */
    static String times(Schedule s) {
        return s.times().isEmpty() ? "なし（手動実行のみ）"
                : String.join("、", s.times().stream().map(Object::toString).toList());
    }

    private Response robot(Request r) {
        Robot robot = robots().get(WebApp.TENANT, RobotSetup.id(r));
        RobotId id = robot.id();
        String body = "<p>状態: <span id=\"state\">" + Html.escape(state(r, robot)) + "</span></p>"
                + summary(robot)
                + Html.form(r, RobotSetup.url(id, "run"), "class=\"inline\"") + "<button type=\"submit\">今すぐ実行"
                + "</button></form> <a href=\"" + RobotSetup.url(id, "history") + "\">実行履歴</a>　<a href=\""
                + Step.BASIC.url(id) + "\">" + (RobotSetup.pending(r, id) == null ? "設定を変更" : "設定を続ける") + "</a>";
        return Response.html(Html.page(r, robot.name(), body));
    }

    /** The robot's settings as a table (no secret: ids and addresses only). */
    static String summary(Robot robot) {
        List<List<String>> rows = List.of(
                List.of("名前", Html.escape(robot.name())),
                List.of("ATSアカウント", Html.escape(robot.ats().connectorId() + " / " + robot.ats().accountId())),
                List.of("求人媒体アカウント", Html.escape(String.join("、", robot.activeSlots().stream()
                        .map(s -> s.id().value() + "（" + s.credentials().loginId() + "）").toList()))),
                List.of("通知先 To", Html.escape(String.join(", ", robot.notifications().to()))),
                List.of("通知先 Cc", Html.escape(String.join(", ", robot.notifications().cc()))),
                List.of("実行時刻（日本時間）", Html.escape(times(robot.schedule()))));
        return Html.table(List.of("項目", "設定"), rows);
    }

    // --- step 1: basic settings ----------------------------------------------------------------------------------

    private Response basic(Request r) {
        RobotId id = RobotSetup.id(r);
        Draft draft = RobotSetup.draft(r, id);
        if (draft != null) {
            return basicForm(r, id, draft.name(), draft.linkage(), null);
        }
        Robot robot = robots().get(WebApp.TENANT, id);
        return basicForm(r, id, robot.name(), robot.linkageEnabled(), null);
    }

    private Response basicForm(Request r, RobotId id, String name, boolean linkage, String error) {
        return Response.html(error == null ? 200 : 400, RobotSetup.page(r, Step.BASIC, BASIC_TITLE,
                basicBody(r, id, name, linkage, error)));
    }

    private static String basicBody(Request r, RobotId id, String name, boolean linkage, String error) {
        return Html.error(error) + Html.form(r, id == null ? "/robots/new" : Step.BASIC.url(id))
                + Html.input("ロボット名", "text", "name", name)
                + RobotSetup.checkbox("連携を有効にする", "linkage", linkage)
                + "<p class=\"muted\">設定がすべて完了するまで連携は無効のままです。ここでの選択は「完了」を押したときに反映されます"
                + "（設定済みのロボットでは保存した時点で反映されます）。</p>"
                + RobotSetup.buttons("次へ", "/robots");
    }

    private Response createDraft(Request r) {
        RobotId id = RobotSetup.nextId(robots());
        return saveName(r, null, () -> {
            RobotSetup.keepDraft(r, new Draft(id, validName(id, r.param("name")), r.has("linkage")));
            return Step.ATS.url(id);
        });
    }

    private Response saveBasic(Request r) {
        RobotId id = RobotSetup.id(r);
        return saveName(r, id, () -> {
            boolean linkage = r.has("linkage");
            if (RobotSetup.draft(r, id) != null) {
                RobotSetup.keepDraft(r, new Draft(id, validName(id, r.param("name")), linkage));
            } else {
                robots().rename(WebApp.TENANT, id, r.param("name"));
                robots().setLinkage(WebApp.TENANT, id, linkage);
            }
            return Step.ATS.url(id);
        });
    }

    /** Saves step 1; {@code formId} is null for a robot not started yet (the form posts to /robots/new). */
    private Response saveName(Request r, RobotId formId, RobotSetup.Action action) {
        return RobotSetup.submit(r, Step.BASIC, BASIC_TITLE,
                e -> basicBody(r, formId, r.param("name"), r.has("linkage"), e), action, "基本設定を保存しました。");
    }

    /**
     * Checks a name as the library does when it creates the robot: a robot is built only to run that check and
     * dropped; nothing is stored.
     */
    private static String validName(RobotId id, String name) {
        return new Robot(WebApp.TENANT, id, name, false, new AtsAccount(WebhookAtsConnectorProvider.ID, "check",
                Map.of(), null), List.of(), NotificationSettings.to(WebApp.OPERATOR),
                Schedule.manualOnly(RobotSetup.TOKYO), 0).name();
    }

    // --- step 2: the ATS account ---------------------------------------------------------------------------------

    private Response ats(Request r) {
        RobotId id = RobotSetup.id(r);
        if (RobotSetup.draft(r, id) != null) {
            return Response.html(RobotSetup.page(r, Step.ATS, ATS_TITLE, atsBody(r, id, "", "", false, null)));
        }
        AtsAccount a = robots().get(WebApp.TENANT, id).ats();
        return Response.html(RobotSetup.page(r, Step.ATS, ATS_TITLE, atsBody(r, id, a.accountId(),
                a.credentials() == null ? "" : a.credentials().loginId(), a.credentials() != null, null)));
    }

    private static String atsBody(Request r, RobotId id, String account, String keyId, boolean secretSet,
                                  String error) {
        return Html.error(error) + "<p>応募者の取り込み先の ATS（署名付き Webhook で受け取る ATS）のアカウントです。</p>"
                + (RobotSetup.draft(r, id) == null ? "" : CREATE_NOTE)
                + RobotSetup.hint("アカウントID は任意（例 demo-shoji-hr）、キーID は任意（例 demo-key-1）、署名シークレットは "
                        + Html.escape(Simulators.ATS_SECRET))
                + Html.form(r, Step.ATS.url(id)) + Html.input("ATSアカウントID", "text", "accountId", account)
                + Html.input("キーID", "text", "keyId", keyId) + Html.password("署名シークレット", "secret", secretSet)
                + RobotSetup.buttons("次へ", Step.BASIC.url(id));
    }

    private Response saveAts(Request r) {
        RobotId id = RobotSetup.id(r);
        Draft draft = RobotSetup.draft(r, id);
        Robot existing = draft == null ? robots().get(WebApp.TENANT, id) : null;
        boolean secretSet = existing != null && existing.ats().credentials() != null;
        return RobotSetup.submit(r, Step.ATS, ATS_TITLE,
                e -> atsBody(r, id, r.param("accountId"), r.param("keyId"), secretSet, e), () -> {
                    Secret secret = r.param("secret").isEmpty() && secretSet ? existing.ats().credentials().secret()
                            : Secret.of(r.param("secret"));
                    AtsAccount ats = new AtsAccount(WebhookAtsConnectorProvider.ID, r.param("accountId"), Map.of(),
                            new Credentials(r.param("keyId"), secret, Map.of()));
                    if (draft == null) {
                        robots().setAts(WebApp.TENANT, id, ats);
                    } else {
                        create(r, draft, ats);
                    }
                    return Step.MEDIA.url(id);
                }, "ATSアカウントを保存しました。");
    }

    /** Creates the robot of a draft: its linkage choice, no run times, provisional To address (see {@link RobotSetup}). */
    private void create(Request r, Draft draft, AtsAccount ats) {
        robots().create(WebApp.TENANT, draft.id(), draft.name(), ats, NotificationSettings.to(WebApp.OPERATOR),
                Schedule.manualOnly(RobotSetup.TOKYO));
        if (!draft.linkage()) {
            robots().setLinkage(WebApp.TENANT, draft.id(), false);
        }
        RobotSetup.keepPending(r, draft.id(), new Pending());
        RobotSetup.keepDraft(r, null);
    }

    // --- step 7: 完了 --------------------------------------------------------------------------------------------

    private Response done(Request r) {
        Robot robot = robots().get(WebApp.TENANT, RobotSetup.id(r));
        String body = "<p>設定内容を確認して「完了」を押してください。</p>" + summary(robot)
                + "<p>連携: <strong id=\"linkage\">" + (robot.linkageEnabled() ? "有効" : "無効") + "</strong></p>"
                + Html.form(r, Step.DONE.url(robot.id())) + RobotSetup.buttons("完了", Step.SCHEDULE.url(robot.id()));
        return Response.html(RobotSetup.page(r, Step.DONE, DONE_TITLE, body));
    }

    private Response complete(Request r) {
        RobotId id = RobotSetup.id(r);
        RobotSetup.keepPending(r, id, null);
        r.session().flash("ロボットの設定が完了しました。");
        return Response.redirect(RobotSetup.url(id, ""));
    }
}
