package dev.renkei.samples.web.app;

import dev.renkei.core.ValidationException;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.robot.RobotService;
import dev.renkei.samples.web.app.RobotSetup.Step;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The notification step (result-mail To/Cc) and the schedule step (up to two run times on :00/:30, Asia/Tokyo). */
final class RobotDeliveryPages {
    private static final String NOTIFY_TITLE = "通知先";
    private static final String SCHEDULE_TITLE = "実行時刻";
    private final WebApp app;

    RobotDeliveryPages(WebApp app) {
        this.app = app;
    }

    void routes(Router router) {
        router.get(RobotPages.ID + "/notifications", this::notifications);
        router.post(RobotPages.ID + "/notifications", this::saveNotifications);
        router.get(RobotPages.ID + "/schedule", this::schedule);
        router.post(RobotPages.ID + "/schedule", this::saveSchedule);
    }

    private RobotService robots() {
        return app.renkei().robots();
    }

    // --- notifications -------------------------------------------------------------------------------------------

    private Response notifications(Request r) {
        Robot robot = robots().get(WebApp.TENANT, RobotSetup.id(r));
        NotificationSettings n = robot.notifications();
        boolean provisional = RobotSetup.pending(r, robot.id()) != null && n.to().equals(List.of(WebApp.OPERATOR));
        return Response.html(RobotSetup.page(r, Step.NOTIFICATIONS, NOTIFY_TITLE, notifyBody(r, robot.id(),
                provisional ? "" : String.join(", ", n.to()), String.join(", ", n.cc()), null)));
    }

    private static String notifyBody(Request r, RobotId id, String to, String cc, String error) {
        return Html.error(error) + "<p>実行結果のメールを受け取るアドレスです。複数のときはカンマで区切ってください。"
                + "To は 1 件以上必要です。</p>" + Html.form(r, Step.NOTIFICATIONS.url(id))
                + Html.input("To", "text", "to", to) + Html.input("Cc（任意）", "text", "cc", cc)
                + RobotSetup.buttons("次へ", Step.CHECK.url(id));
    }

    private Response saveNotifications(Request r) {
        RobotId id = RobotSetup.id(r);
        return RobotSetup.submit(r, Step.NOTIFICATIONS, NOTIFY_TITLE,
                e -> notifyBody(r, id, r.param("to"), r.param("cc"), e), () -> {
                    robots().setNotifications(WebApp.TENANT, id, new NotificationSettings(addresses(r.param("to")),
                            addresses(r.param("cc")), Locale.JAPANESE));
                    return Step.SCHEDULE.url(id);
                }, "通知先を保存しました。");
    }

    /** The addresses of a comma-separated field (、 and spaces also separate). */
    static List<String> addresses(String field) {
        return Arrays.stream(field.split("[,、\\s]+")).filter(a -> !a.isEmpty()).toList();
    }

    // --- schedule ------------------------------------------------------------------------------------------------

    private Response schedule(Request r) {
        Robot robot = robots().get(WebApp.TENANT, RobotSetup.id(r));
        List<String> times = robot.schedule().times().stream().map(LocalTime::toString).toList();
        return Response.html(RobotSetup.page(r, Step.SCHEDULE, SCHEDULE_TITLE, scheduleBody(r, robot.id(), times,
                null)));
    }

    private static String scheduleBody(Request r, RobotId id, List<String> times, String error) {
        StringBuilder b = new StringBuilder(Html.error(error)).append("<p>ロボットが自動で実行される時刻です（日本時間、")
                .append(Schedule.MAX_WINDOWS).append(" 回まで、毎時 00 分か 30 分）。どちらも「なし」にすると手動実行のみになります。</p>")
                .append(Html.form(r, Step.SCHEDULE.url(id)));
        for (int i = 0; i < Schedule.MAX_WINDOWS; i++) {
            b.append(timeSelect(i + 1, i < times.size() ? times.get(i) : ""));
        }
        return b.append(RobotSetup.buttons("次へ", Step.NOTIFICATIONS.url(id))).toString();
    }

    private static String timeSelect(int n, String selected) {
        StringBuilder b = new StringBuilder("<label for=\"time" + n + "\">実行時刻 " + n + "</label><select id=\"time" + n
                + "\" name=\"time\"><option value=\"\">なし</option>");
        for (int half = 0; half < 48; half++) {
            String v = LocalTime.of(half / 2, half % 2 * 30).toString();
            b.append("<option value=\"").append(v).append("\"").append(v.equals(selected) ? " selected" : "")
                    .append(">").append(v).append("</option>");
        }
        return b.append("</select>").toString();
    }

    private Response saveSchedule(Request r) {
        RobotId id = RobotSetup.id(r);
        return RobotSetup.submit(r, Step.SCHEDULE, SCHEDULE_TITLE, e -> scheduleBody(r, id, r.params("time"), e),
                () -> {
                    robots().setSchedule(WebApp.TENANT, id, new Schedule(RobotSetup.TOKYO, times(r.params("time"))));
                    return Step.DONE.url(id);
                }, "実行時刻を保存しました。");
    }

    /** The chosen times; the library's {@link Schedule} checks how many and on which minutes. */
    private static List<LocalTime> times(List<String> values) {
        List<LocalTime> out = new ArrayList<>();
        for (String v : values) {
            if (v.isEmpty()) {
                continue;
            }
            try {
                out.add(LocalTime.parse(v));
            } catch (DateTimeParseException e) {
                throw new ValidationException("実行時刻「" + v + "」を時刻として読み取れません（例 09:00）。");
            }
        }
        return out;
    }
}
