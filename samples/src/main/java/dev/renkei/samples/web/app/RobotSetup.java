package dev.renkei.samples.web.app;

import dev.renkei.core.RenkeiException;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.robot.RobotService;
import java.time.ZoneId;
import java.util.List;

/**
 * What the robot setup pages share: the steps and their indicator, where a robot's setup state lives, and the
 * "save or show the form again with the library's message" pattern of every form.
 *
 * <p>How a half-configured robot is stored: the library creates a robot only with an ATS account, result-mail
 * recipients and a schedule. So the name and the linkage choice of step 1 wait in the session until the ATS step;
 * there the robot is created with its real name, ATS account and linkage choice, <b>no run times</b> (manual runs
 * only: the scheduler starts nothing) and the host's operator address as a provisional To address until the
 * notification step, and the pages say so. The login check needs linkage on, as the library checks no logins of a
 * robot whose linkage is off.
 */
final class RobotSetup {
    /** The zone run times are in. */
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** The steps, in the order the hosted robot service guides its users. */
    enum Step {
        BASIC("基本設定", "basic"),
        ATS("ATSアカウント", "ats"),
        MEDIA("求人媒体アカウント", "media"),
        CHECK("ログイン確認", "check"),
        NOTIFICATIONS("通知先", "notifications"),
        SCHEDULE("実行時刻", "schedule"),
        DONE("完了", "done");

        final String label;
        final String path;

        Step(String label, String path) {
            this.label = label;
            this.path = path;
        }

        /** The step's page of a robot. */
        String url(RobotId id) {
            return RobotSetup.url(id, path);
        }
    }

    /** A robot not created yet: step 1's input, kept in the session until the ATS step creates it. */
    record Draft(RobotId id, String name, boolean linkage) {}

    /** A robot being set up in this session (its To address may still be the provisional one). */
    record Pending() {}

    /** A form's markup given the error to show above it (or {@code null}). */
    @FunctionalInterface
    interface Form {
        String render(String error);
    }

    /** A form's action: saves and answers where to go next. */
    @FunctionalInterface
    interface Action {
        String save();
    }

    private RobotSetup() {}

    /** {@code /robots/ID/PART}, or the robot's page {@code /robots/ID} for an empty part. */
    static String url(RobotId id, String part) {
        String robot = "/robots/" + java.net.URLEncoder.encode(id.value(), java.nio.charset.StandardCharsets.UTF_8);
        return part.isEmpty() ? robot : robot + "/" + part;
    }

    /** The step indicator, the current step highlighted. */
    static String indicator(Step current) {
        StringBuilder b = new StringBuilder("<ol class=\"steps\" aria-label=\"設定の手順\">");
        for (Step s : Step.values()) {
            b.append(s == current ? "<li class=\"current\" aria-current=\"step\">" : "<li>").append(s.ordinal() + 1)
                    .append(". ").append(Html.escape(s.label)).append("</li>");
        }
        return b.append("</ol>").toString();
    }

    /** A setup page: the indicator, then the body. */
    static String page(Request r, Step step, String title, String body) {
        return Html.page(r, title, indicator(step) + body);
    }

    /**
     * Runs {@code action}; on success flashes {@code done} (unless null: the action flashed) and redirects where it
     * says. A {@link RenkeiException}
     * (the library's validation) shows the form again with the message and status 400, the user's input kept by
     * {@code form}.
     */
    static Response submit(Request r, Step step, String title, Form form, Action action, String done) {
        String next;
        try {
            next = action.save();
        } catch (RenkeiException e) {
            return Response.html(400, page(r, step, title, form.render(e.getMessage())));
        }
        if (done != null) {
            r.session().flash(done);
        }
        return Response.redirect(next);
    }

    /** The draft of a robot not created yet, if this session started one with that id. */
    static Draft draft(Request r, RobotId id) {
        Draft d = r.session().get("robot-draft");
        return d != null && d.id().equals(id) ? d : null;
    }

    static void keepDraft(Request r, Draft d) {
        r.session().put("robot-draft", d);
    }

    /** The setup this session has under way for a robot, or {@code null} once it is complete. */
    static Pending pending(Request r, RobotId id) {
        return r.session().get("robot-pending:" + id.value());
    }

    static void keepPending(Request r, RobotId id, Pending p) {
        r.session().put("robot-pending:" + id.value(), p);
    }

    /** The robot id the path names. */
    static RobotId id(Request r) {
        return RobotId.of(r.pathParam(1));
    }

    /** A free id of the form {@code robot-001}. */
    static RobotId nextId(RobotService robots) {
        List<Robot> all = robots.list(WebApp.TENANT);
        for (int n = all.size() + 1; ; n++) {
            RobotId candidate = RobotId.of(String.format(java.util.Locale.ROOT, "robot-%03d", n));
            if (all.stream().noneMatch(x -> x.id().equals(candidate))) {
                return candidate;
            }
        }
    }

    /** "次へ"-style buttons: a submit button and a link back to the previous step. */
    static String buttons(String submit, String backHref) {
        return "<p><button type=\"submit\">" + Html.escape(submit) + "</button>"
                + (backHref == null ? "" : " <a href=\"" + Html.escape(backHref) + "\">戻る</a>") + "</p></form>";
    }

    /** A labelled check box. */
    static String checkbox(String label, String name, boolean checked) {
        return "<label><input type=\"checkbox\" name=\"" + Html.escape(name) + "\" value=\"on\""
                + (checked ? " checked" : "") + "> " + Html.escape(label) + "</label>";
    }

    /** The hint box with the simulator's demo values. */
    static String hint(String text) {
        return "<p class=\"muted\" id=\"hint\">デモ用の値（シミュレーター）：" + text + "</p>";
    }
}
