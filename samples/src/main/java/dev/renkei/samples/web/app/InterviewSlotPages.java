package dev.renkei.samples.web.app;

import dev.renkei.core.NotFoundException;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.meeting.InterviewMeeting;
import dev.renkei.core.meeting.InterviewSlot;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.samples.web.app.InterviewBoard.SelectionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The interview slots of a selection event ({@code /zoom/events/ev1}) and a slot's date change
 * ({@code /zoom/slots/slot-…}). Every change goes through {@link MeetingService#sync}: 公開 creates the Zoom meeting
 * and shows its join URL, 日時を変更 updates the same meeting (same join URL), 非公開 deletes it. A failed sync
 * shows the library's message with 要対応/対応不要 and the remedy, and keeps the slot as it was.
 */
final class InterviewSlotPages {
    private static final String SLOT = "(slot-[0-9a-f]+)";
    private final WebApp app;
    private final MeetingService meetings;
    private final InterviewBoard board;

    InterviewSlotPages(WebApp app, InterviewBoard board) {
        this.app = app;
        this.meetings = app.renkei().meetings();
        this.board = board;
    }

    void routes(Router router) {
        router.get("/zoom/events/(ev[0-9]+)", r -> Response.html(eventPage(r, event(r.pathParam(1)),
                InterviewSlotForm.EMPTY, "")));
        router.post("/zoom/events/(ev[0-9]+)/slots", this::create);
        router.get("/zoom/slots/" + SLOT, r -> {
            InterviewSlot s = slot(r.pathParam(1));
            return Response.html(slotPage(r, s, InterviewSlotForm.of(s), ""));
        });
        router.post("/zoom/slots/" + SLOT + "/publish", r -> change(r, published(slot(r.pathParam(1))),
                "面接枠を公開しました。Zoom ミーティングの参加URLを応募者に案内できます。", ""));
        router.post("/zoom/slots/" + SLOT + "/hide", r -> change(r, slot(r.pathParam(1)).hidden(),
                "面接枠を非公開にしました。Zoom ミーティングは削除されました。", ""));
        router.post("/zoom/slots/" + SLOT + "/move", this::move);
    }

    /** Makes the slot's meeting follow the changed slot when it has or wants one, then keeps the slot. */
    void sync(String eventId, InterviewSlot next) {
        boolean hadMeeting = board.slot(next.id()).map(InterviewSlot::wantsMeeting).orElse(false);
        if (hadMeeting || next.wantsMeeting()) {
            meetings.sync(WebApp.TENANT, next);
        }
        board.save(eventId, next);
    }

    private SelectionEvent event(String id) {
        return board.event(id).orElseThrow(() -> new NotFoundException("選考イベントが見つかりません: " + id));
    }

    private InterviewSlot slot(String id) {
        return board.slot(id).orElseThrow(() -> new NotFoundException("面接枠が見つかりません: " + id));
    }

    /** The slot published, hosted by its event's current host. */
    private InterviewSlot published(InterviewSlot s) {
        String host = event(board.eventOf(s.id())).hostUserId();
        return new InterviewSlot(s.id(), s.event(), s.start(), s.duration(), s.timeZone(), s.topic(), true, host,
                false);
    }

    private Response create(Request r) {
        SelectionEvent e = event(r.pathParam(1));
        InterviewSlotForm form = InterviewSlotForm.of(r);
        try {
            if (e.hostUserId() == null) {
                throw new IllegalArgumentException("先にこの選考イベントの Zoom ホストを選んでください。");
            }
            board.save(e.id(), new InterviewSlot(InterviewBoard.newSlotId(), e.name(),
                    form.startAfter(app.clock().instant()), form.length(), ZoomPages.TOKYO, form.checkedTopic(), false,
                    e.hostUserId(), false));
        } catch (IllegalArgumentException ex) {
            return Response.html(400, eventPage(r, e, form, Html.error(ex.getMessage())));
        }
        r.session().flash("面接枠を追加しました（非公開）。「公開」を押すと Zoom ミーティングが作られます。");
        return Response.redirect("/zoom/events/" + e.id());
    }

    private Response move(Request r) {
        InterviewSlot s = slot(r.pathParam(1));
        InterviewSlotForm form = new InterviewSlotForm(r.param("start").trim(), r.param("duration").trim(), s.topic());
        try {
            return change(r, s.movedTo(form.startAfter(app.clock().instant()), form.length()),
                    "日時を変更しました。" + (s.wantsMeeting() ? "Zoom ミーティングも同じ参加URLのまま変更されました。" : ""),
                    form.start());
        } catch (IllegalArgumentException ex) {
            return Response.html(400, slotPage(r, s, form, Html.error(ex.getMessage())));
        }
    }

    /**
     * Syncs and keeps a changed slot, then back to its event with {@code done}; a failed sync re-renders the page
     * the change came from (the slot page when {@code typedStart} is not empty, else the event page).
     */
    private Response change(Request r, InterviewSlot next, String done, String typedStart) {
        String eventId = board.eventOf(next.id());
        try {
            sync(eventId, next);
        } catch (RenkeiException e) {
            InterviewSlot before = slot(next.id());
            Function<String, String> page = typedStart.isEmpty()
                    ? problem -> eventPage(r, event(eventId), InterviewSlotForm.EMPTY, problem)
                    : problem -> slotPage(r, before, new InterviewSlotForm(typedStart,
                    Long.toString(next.duration().toMinutes()), before.topic()), problem);
            return Response.html(400, page.apply(ZoomPages.failure(e)));
        }
        r.session().flash(done);
        return Response.redirect("/zoom/events/" + eventId);
    }

    private String eventPage(Request r, SelectionEvent e, InterviewSlotForm form, String problem) {
        String host = e.hostUserId() == null ? "未設定（<a href=\"/zoom/events\">選考イベント一覧</a>で選んでください）"
                : "<span id=\"host\">" + Html.escape(e.hostLabel()) + "</span>";
        String body = problem + "<p>Zoom ホスト: " + host + "</p>" + slotTable(r, board.slotsOf(e.id()))
                + "<h2>面接枠を追加</h2>" + (e.hostUserId() == null ? "<p>ホストを選ぶと面接枠を追加できます。</p>"
                : Html.form(r, "/zoom/events/" + e.id() + "/slots") + fields(form, true)
                + "<div><button id=\"add-slot\">面接枠を追加</button></div></form>")
                + "<p><a href=\"/zoom/events\">選考イベント一覧へ戻る</a></p>";
        return Html.page(r, "面接枠: " + e.name(), body);
    }

    private String slotTable(Request r, List<InterviewSlot> slots) {
        if (slots.isEmpty()) {
            return "<p>まだ面接枠はありません。</p>";
        }
        List<List<String>> rows = new ArrayList<>();
        for (InterviewSlot s : slots) {
            String join = meetings.meeting(WebApp.TENANT, s.id()).map(InterviewMeeting::joinUrl)
                    .map(u -> "<a class=\"join-url\" href=\"" + Html.escape(u.toString()) + "\">"
                            + Html.escape(u.toString()) + "</a>").orElse("<span class=\"muted\">なし</span>");
            rows.add(List.of(Html.escape(ZoomPages.when(s.start())), s.duration().toMinutes() + " 分",
                    Html.escape(s.topic()), s.wantsMeeting() ? "<span class=\"ok\">公開中</span>" : "非公開", join,
                    actions(r, s)));
        }
        return Html.table(List.of("開始日時（日本時間）", "所要時間", "件名", "状態", "参加URL", "操作"), rows);
    }

    private static String actions(Request r, InterviewSlot s) {
        String action = s.wantsMeeting() ? "hide" : "publish";
        return Html.form(r, "/zoom/slots/" + s.id() + "/" + action, "class=\"inline\"") + "<button>"
                + (s.wantsMeeting() ? "非公開" : "公開") + "</button></form> <a href=\"/zoom/slots/" + s.id()
                + "\">日時を変更</a>";
    }

    private String slotPage(Request r, InterviewSlot s, InterviewSlotForm form, String problem) {
        String eventId = board.eventOf(s.id());
        String body = problem + "<p>" + Html.escape(s.event()) + "「" + Html.escape(s.topic()) + "」　現在: "
                + Html.escape(ZoomPages.when(s.start())) + "（" + s.duration().toMinutes() + " 分）"
                + (s.wantsMeeting() ? "　公開中" : "　非公開") + "</p>" + Html.form(r, "/zoom/slots/" + s.id() + "/move")
                + fields(form, false) + "<div><button id=\"move\">日時を変更</button></div></form>"
                + "<p class=\"muted\">公開中の面接枠は、同じ Zoom ミーティング（同じ参加URL）の日時が変わります。</p>"
                + "<p><a href=\"/zoom/events/" + eventId + "\">面接枠の一覧へ戻る</a></p>";
        return Html.page(r, "面接枠の日時を変更", body);
    }

    private static String fields(InterviewSlotForm form, boolean withTopic) {
        return Html.input("開始日時（日本時間、例: 2026-12-10 10:00）", "text", "start", form.start())
                + Html.input("所要時間（分）", "number", "duration", form.duration())
                + (withTopic ? Html.input("件名（Zoom ミーティングの名前）", "text", "topic", form.topic()) : "");
    }
}
