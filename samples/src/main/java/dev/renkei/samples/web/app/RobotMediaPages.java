package dev.renkei.samples.web.app;

import dev.renkei.core.ValidationException;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.samples.web.app.RobotSetup.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The media-account step (add several accounts, several on one board; edit; delete after a confirmation) and the
 * login check that 次へ runs, with a verdict per account and 戻る to correct a failed one.
 */
final class RobotMediaPages {
    private static final String SLOT = RobotPages.ID + "/media/([a-z][a-z0-9-]*_[0-9]{3})";
    private static final String MEDIA_TITLE = "求人媒体アカウント";
    private static final String EDIT_TITLE = "求人媒体アカウントの編集";
    private static final String CHECK_TITLE = "ログイン確認";
    private static final String COMPANY_CODE = "companyCode";
    private static final Map<String, String> BOARDS = Map.of(DemoBoards.HTML, "デモ求人ナビ", DemoBoards.CSV,
            "デモキャリアCSV");
    private final WebApp app;

    RobotMediaPages(WebApp app) {
        this.app = app;
    }

    void routes(Router router) {
        router.get(RobotPages.ID + "/media", this::media);
        router.post(RobotPages.ID + "/media", this::add);
        router.get(SLOT + "/delete", this::confirmDelete);
        router.post(SLOT + "/delete", this::delete);
        router.get(SLOT, this::edit);
        router.post(SLOT, this::saveEdit);
        router.get(RobotPages.ID + "/check", this::verdicts);
        router.post(RobotPages.ID + "/check", this::check);
    }

    private RobotService robots() {
        return app.renkei().robots();
    }

    // --- the list and the add form -------------------------------------------------------------------------------

    private Response media(Request r) {
        Robot robot = robots().get(WebApp.TENANT, RobotSetup.id(r));
        return Response.html(RobotSetup.page(r, Step.MEDIA, MEDIA_TITLE, mediaBody(r, robot, null)));
    }

    private String mediaBody(Request r, Robot robot, String error) {
        RobotId id = robot.id();
        List<List<String>> rows = new ArrayList<>();
        for (AccountSlot s : robot.activeSlots()) {
            rows.add(List.of("<span class=\"slot-id\">" + Html.escape(s.id().value()) + "</span>",
                    Html.escape(board(s.medium())), Html.escape(s.credentials().loginId()), "設定済み",
                    s.verdict().map(v -> v.ok() ? "<span class=\"ok\">OK</span>" : "<span class=\"ng\">失敗</span>")
                            .orElse("未確認"),
                    "<a href=\"" + slotUrl(id, s.id(), "") + "\">編集</a> <a href=\"" + slotUrl(id, s.id(), "/delete")
                            + "\">削除</a>"));
        }
        String slots = rows.isEmpty() ? "<p>まだアカウントはありません。</p>"
                : Html.table(List.of("スロット", "媒体", "ログインID", "パスワード", "ログイン確認", "操作"), rows);
        return "<p>応募者を取得する求人媒体のアカウントです。同じ媒体のアカウントを複数登録できます。</p>" + slots
                + "<h2>アカウントを追加</h2>" + Html.error(error) + hints()
                + Html.form(r, Step.MEDIA.url(id)) + boardSelect(r.param("medium"))
                + credentialFields(r.param("loginId"), false, r.param(COMPANY_CODE))
                + "<p><button type=\"submit\">追加</button></p></form>"
                + Html.form(r, Step.CHECK.url(id)) + RobotSetup.buttons("次へ（ログイン確認）", Step.ATS.url(id));
    }

    private static String hints() {
        return RobotSetup.hint(Html.escape(DemoBoards.HTML) + "：ログインID " + Html.escape(DemoBoards.HTML_LOGIN_ID)
                + "、パスワード " + Html.escape(DemoBoards.HTML_PASSWORD) + "、企業コード "
                + Html.escape(DemoBoards.HTML_COMPANY_CODE) + "　／　" + Html.escape(DemoBoards.CSV) + "：ログインID "
                + Html.escape(DemoBoards.CSV_LOGIN_ID) + "、パスワード " + Html.escape(DemoBoards.CSV_PASSWORD));
    }

    private static String boardSelect(String selected) {
        StringBuilder b = new StringBuilder("<label for=\"medium\">求人媒体</label><select id=\"medium\" name=\"medium\">");
        for (String medium : List.of(DemoBoards.HTML, DemoBoards.CSV)) {
            b.append("<option value=\"").append(Html.escape(medium)).append("\"")
                    .append(medium.equals(selected) ? " selected" : "").append(">").append(Html.escape(board(medium)))
                    .append("</option>");
        }
        return b.append("</select>").toString();
    }

    private static String credentialFields(String loginId, boolean passwordSet, String companyCode) {
        return Html.input("ログインID", "text", "loginId", loginId) + Html.password("パスワード", "password", passwordSet)
                + Html.input("企業コード（" + DemoBoards.HTML + " のみ）", "text", COMPANY_CODE, companyCode);
    }

    private static String board(String medium) {
        return medium + "（" + BOARDS.getOrDefault(medium, "不明な媒体") + "）";
    }

    private static String slotUrl(RobotId id, SlotId slot, String suffix) {
        return RobotSetup.url(id, "media/" + slot.value() + suffix);
    }

    private Response add(Request r) {
        Robot robot = robots().get(WebApp.TENANT, RobotSetup.id(r));
        String medium = r.param("medium");
        return RobotSetup.submit(r, Step.MEDIA, MEDIA_TITLE, e -> mediaBody(r, robot, e), () -> {
            if (!BOARDS.containsKey(medium)) {
                throw new ValidationException("求人媒体を一覧から選んでください。");
            }
            SlotId slot = robots().addSlot(WebApp.TENANT, robot.id(), medium, credentials(r, null));
            r.session().flash(slot.value() + " を追加しました。");
            return Step.MEDIA.url(robot.id());
        }, null);
    }

    /** The form's credentials; an empty password keeps {@code stored} (when editing). */
    private static Credentials credentials(Request r, Secret stored) {
        Secret secret = r.param("password").isEmpty() && stored != null ? stored : Secret.of(r.param("password"));
        String code = r.param(COMPANY_CODE).strip();
        return new Credentials(r.param("loginId"), secret, code.isEmpty() ? Map.of() : Map.of(COMPANY_CODE, code));
    }

    // --- edit and delete -----------------------------------------------------------------------------------------

    private AccountSlot slot(Request r) {
        RobotId id = RobotSetup.id(r);
        SlotId slotId = SlotId.parse(r.pathParam(2));
        return robots().get(WebApp.TENANT, id).activeSlot(slotId).orElseThrow(() ->
                new dev.renkei.core.NotFoundException("媒体アカウント " + slotId + " はありません（削除済みの可能性があります）。"));
    }

    private Response edit(Request r) {
        AccountSlot s = slot(r);
        Credentials c = s.credentials();
        return Response.html(RobotSetup.page(r, Step.MEDIA, EDIT_TITLE,
                editBody(r, s, c.loginId(), c.extras().getOrDefault(COMPANY_CODE, ""), null)));
    }

    private static String editBody(Request r, AccountSlot s, String loginId, String companyCode, String error) {
        RobotId id = RobotSetup.id(r);
        return "<p>スロット <strong>" + Html.escape(s.id().value()) + "</strong>（" + Html.escape(board(s.medium()))
                + "）のログイン情報を変更します。スロットIDは変わりません。</p>" + Html.error(error) + hints()
                + Html.form(r, slotUrl(id, s.id(), "")) + credentialFields(loginId, true, companyCode)
                + RobotSetup.buttons("保存", Step.MEDIA.url(id));
    }

    private Response saveEdit(Request r) {
        AccountSlot s = slot(r);
        RobotId id = RobotSetup.id(r);
        return RobotSetup.submit(r, Step.MEDIA, EDIT_TITLE,
                e -> editBody(r, s, r.param("loginId"), r.param(COMPANY_CODE), e), () -> {
                    robots().changeCredentials(WebApp.TENANT, id, s.id(), credentials(r, s.credentials().secret()));
                    return Step.MEDIA.url(id);
                }, s.id().value() + " を保存しました。");
    }

    private Response confirmDelete(Request r) {
        AccountSlot s = slot(r);
        RobotId id = RobotSetup.id(r);
        String body = "<p class=\"error\" role=\"alert\" id=\"warning\">媒体アカウント " + Html.escape(s.id().value())
                + "（" + Html.escape(board(s.medium())) + "、ログインID " + Html.escape(s.credentials().loginId())
                + "）を削除します。この操作は取り消せません。削除したスロットの番号は再利用されません。</p>"
                + Html.form(r, slotUrl(id, s.id(), "/delete"))
                + "<p><button type=\"submit\" class=\"danger\">削除する</button> <a href=\"" + Step.MEDIA.url(id)
                + "\">キャンセル</a></p></form>";
        return Response.html(RobotSetup.page(r, Step.MEDIA, "媒体アカウントの削除", body));
    }

    private Response delete(Request r) {
        AccountSlot s = slot(r);
        RobotId id = RobotSetup.id(r);
        robots().deleteSlot(WebApp.TENANT, id, s.id());
        r.session().flash(s.id().value() + " を削除しました。");
        return Response.redirect(Step.MEDIA.url(id));
    }

    // --- the login check -----------------------------------------------------------------------------------------

    /** Runs the check (the library checks no logins of a robot whose linkage is off: it answers no verdicts). */
    private Response check(Request r) {
        RobotId id = RobotSetup.id(r);
        List<LoginVerdict> verdicts = app.renkei().checkLogins(WebApp.TENANT, id);
        r.session().put("robot-check:" + id.value(), verdicts);
        return Response.redirect(Step.CHECK.url(id));
    }

    private Response verdicts(Request r) {
        RobotId id = RobotSetup.id(r);
        Robot robot = robots().get(WebApp.TENANT, id);
        List<LoginVerdict> verdicts = r.session().get("robot-check:" + id.value());
        String body;
        if (verdicts == null) {
            body = "<p>まだログイン確認をしていません。</p>" + Html.form(r, Step.CHECK.url(id))
                    + RobotSetup.buttons("ログインを確認する", Step.MEDIA.url(id));
        } else if (verdicts.isEmpty()) {
            body = "<p id=\"result\">連携が無効のため、ログイン確認は行われませんでした。ログインを確認するには、"
                    + "<a href=\"" + Step.BASIC.url(id) + "\">基本設定</a>で「連携を有効にする」をオンにしてください。</p>"
                    + next(id, true);
        } else {
            boolean ok = verdicts.stream().allMatch(LoginVerdict::ok);
            body = (ok ? "<p class=\"ok\" id=\"result\">すべてのアカウントにログインできました。</p>"
                    : "<p class=\"ng\" id=\"result\">ログインできなかったアカウントがあります。「戻る」で修正してから、もう一度確認してください。</p>")
                    + verdictTable(robot, verdicts) + next(id, ok);
        }
        return Response.html(RobotSetup.page(r, Step.CHECK, CHECK_TITLE, body));
    }

    private static String next(RobotId id, boolean ok) {
        return "<p>" + (ok ? "<a href=\"" + Step.NOTIFICATIONS.url(id) + "\" id=\"next\">次へ</a>　" : "")
                + "<a href=\"" + Step.MEDIA.url(id) + "\" id=\"back\">戻る</a></p>";
    }

    private static String verdictTable(Robot robot, List<LoginVerdict> verdicts) {
        List<List<String>> rows = new ArrayList<>();
        for (LoginVerdict v : verdicts) {
            String login = robot.slots().stream().filter(s -> s.id().value().equals(v.account())).findFirst()
                    .map(s -> "（" + s.credentials().loginId() + "）").orElse("");
            rows.add(List.of(Html.escape(v.account() + login),
                    v.ok() ? "<span class=\"ok\">OK</span>" : "<span class=\"ng\">失敗</span>（"
                            + Html.escape(v.code().classification().japaneseLabel()) + "）",
                    v.ok() ? "" : Html.escape(v.code().summary(Locale.JAPANESE, v.account())) + "<br><span class=\"muted\">"
                            + Html.escape(v.message()) + "</span>",
                    Html.escape(v.remedy(Locale.JAPANESE))));
        }
        return Html.table(List.of("アカウント", "結果", "内容", "対処"), rows);
    }
}
