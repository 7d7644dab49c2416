package dev.renkei.samples.web.app;

import dev.renkei.core.NotFoundException;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.meeting.InterviewSlot;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.spi.MeetingConnector.HostUser;
import dev.renkei.samples.web.app.InterviewBoard.SelectionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /zoom/events}: the host's selection events (選考イベント), each with the Zoom user who hosts its interviews,
 * chosen from {@link MeetingService#hosts} (name and e-mail); a new host moves the event's published meetings to
 * them. The slots of each event are {@link InterviewSlotPages}.
 */
final class InterviewPages {
    private static final int MAX_NAME = 100;
    private final MeetingService meetings;
    private final InterviewBoard board;
    private final InterviewSlotPages slots;

    InterviewPages(WebApp app, InterviewBoard board) {
        this.meetings = app.renkei().meetings();
        this.board = board;
        this.slots = new InterviewSlotPages(app, board);
    }

    void routes(Router router) {
        router.get("/zoom/events", r -> Response.html(eventsPage(r, "", "")));
        router.post("/zoom/events", this::addEvent);
        router.post("/zoom/events/(ev[0-9]+)/host", this::chooseHost);
        slots.routes(router);
    }

    private Response addEvent(Request r) {
        String name = r.param("name").trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return Response.html(400, eventsPage(r, Html.error("選考イベント名を 1〜" + MAX_NAME + " 文字で入力してください。"),
                    name));
        }
        board.addEvent(name);
        r.session().flash("選考イベント「" + name + "」を追加しました。Zoom ホストを選んでください。");
        return Response.redirect("/zoom/events");
    }

    private Response chooseHost(Request r) {
        SelectionEvent e = board.event(r.pathParam(1))
                .orElseThrow(() -> new NotFoundException("選考イベントが見つかりません: " + r.pathParam(1)));
        String hostId = r.param("host");
        try {
            HostUser host = meetings.hosts(WebApp.TENANT).stream().filter(h -> h.id().equals(hostId)).findFirst()
                    .orElse(null);
            if (host == null) {
                return Response.html(400, eventsPage(r, Html.error(hostId.isEmpty() ? "ホストユーザーを選んでください。"
                        : "選んだユーザーはこの Zoom アカウントにいません。一覧から選び直してください。"), ""));
            }
            board.setHost(e.id(), host.id(), label(host));
            for (InterviewSlot s : board.slotsOf(e.id())) {
                slots.sync(e.id(), s.withHost(host.id()));
            }
            r.session().flash("「" + e.name() + "」の Zoom ホストを " + label(host) + " にしました。");
            return Response.redirect("/zoom/events");
        } catch (RenkeiException ex) {
            return Response.html(400, eventsPage(r, ZoomPages.failure(ex), ""));
        }
    }

    private static String label(HostUser h) {
        return (h.displayName() == null || h.displayName().isBlank() ? h.email() : h.displayName() + " (" + h.email()
                + ")");
    }

    private String eventsPage(Request r, String problem, String newName) {
        List<HostUser> hosts = List.of();
        String notice = "";
        try {
            hosts = meetings.hosts(WebApp.TENANT);
        } catch (RenkeiException e) {
            notice = problem.isEmpty() ? ZoomPages.failure(e) : "";
            notice += "<p>ホストユーザーは <a href=\"/zoom\">Zoom連携</a> が済むと選べます。</p>";
        }
        List<List<String>> rows = new ArrayList<>();
        for (SelectionEvent e : board.events()) {
            rows.add(List.of("<a href=\"/zoom/events/" + e.id() + "\">" + Html.escape(e.name()) + "</a>",
                    hosts.isEmpty() ? Html.escape(e.hostLabel() == null ? "未設定" : e.hostLabel()) : hostForm(r, e, hosts),
                    board.slotsOf(e.id()).size() + " 件　<a href=\"/zoom/events/" + e.id() + "\">面接枠を見る</a>"));
        }
        String body = problem + notice + "<p>選考イベントごとに、面接の Zoom ミーティングを主催するユーザーを選びます。"
                + "選考イベントと面接枠はこのサンプル（採用管理システム側）のデータです。</p>"
                + Html.table(List.of("選考イベント", "Zoom ホスト", "面接枠"), rows) + "<h2>選考イベントを追加</h2>"
                + Html.form(r, "/zoom/events") + Html.input("選考イベント名（例: 最終面接）", "text", "name", newName)
                + "<div><button id=\"add-event\">追加する</button></div></form>";
        return Html.page(r, "選考イベントと Zoom ホスト", body);
    }

    private static String hostForm(Request r, SelectionEvent e, List<HostUser> hosts) {
        StringBuilder b = new StringBuilder(Html.form(r, "/zoom/events/" + e.id() + "/host", "class=\"inline\""))
                .append("<select name=\"host\" id=\"host-").append(e.id()).append("\" aria-label=\"Zoom ホスト\">")
                .append("<option value=\"\">選んでください</option>");
        for (HostUser h : hosts) {
            b.append("<option value=\"").append(Html.escape(h.id())).append('"')
                    .append(h.id().equals(e.hostUserId()) ? " selected" : "").append('>')
                    .append(Html.escape(label(h))).append("</option>");
        }
        return b.append("</select> <button id=\"save-host-").append(e.id()).append("\">保存</button></form>")
                .toString();
    }
}
