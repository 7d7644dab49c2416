package dev.renkei.samples.web.app;

import dev.renkei.core.NotFoundException;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.SyncRun;
import java.util.ArrayList;
import java.util.List;

/**
 * 今すぐ実行 with its live progress page (it reloads itself every second while the run goes on; no script) and the
 * run history of a robot with its chart of imports per run.
 */
final class RunPages {
    private static final int HISTORY = 30;
    private static final String REFRESH = "<meta http-equiv=\"refresh\" content=\"1\">";
    private final WebApp app;
    private final RunTracker tracker;

    RunPages(WebApp app) {
        this.app = app;
        this.tracker = new RunTracker(app);
    }

    void routes(Router router) {
        router.post(RobotPages.ID + "/run", this::runNow);
        router.get(RobotPages.ID + "/runs/([A-Za-z0-9_-]+)", this::progress);
        router.get(RobotPages.ID + "/history", this::history);
    }

    private Robot robot(Request r) {
        return app.renkei().robots().get(WebApp.TENANT, RobotSetup.id(r));
    }

    private Response runNow(Request r) {
        RobotId id = robot(r).id();
        return Response.redirect(RobotSetup.url(id, "runs/" + tracker.start(id)));
    }

    private Response progress(Request r) {
        Robot robot = robot(r);
        RunTracker.Progress p = tracker.get(r.pathParam(2));
        if (p == null || !p.robot.equals(robot.id())) {
            throw new NotFoundException("この実行は見つかりません。");
        }
        String title = robot.name() + " の実行";
        if (!p.done()) {
            String body = "<p id=\"run-state\">実行中です…（このページは 1 秒ごとに更新されます）</p>"
                    + "<p>処理中の媒体アカウント: " + Html.escape(p.currentSlot == null ? "—" : p.currentSlot.value())
                    + "　完了したアカウント: " + p.slotsDone.get() + " 件</p><p id=\"run-live\">"
                    + RunViews.counts(null, p.imported.get(), p.alreadyImported.get(), p.failed.get()) + "</p>";
            return Response.html(Html.page(r, title, body, REFRESH));
        }
        return Response.html(Html.page(r, title, p.error != null ? Html.error(p.error) + links(robot.id())
                : finished(p.finished) + links(robot.id())));
    }

    private static String finished(SyncRun run) {
        return "<p id=\"run-state\">実行が完了しました：<strong id=\"run-status\">" + Html.escape(RunViews.status(run.status()))
                + "</strong></p><p>" + (run.result() == null ? "" : RunViews.counts(run.result())) + "</p>"
                + (run.result() == null ? "" : RunViews.errors(run.result().errors()))
                + (run.status() == dev.renkei.core.model.RunStatus.SKIPPED ? ""
                        : "<p class=\"muted\">結果メールは通知先に送られました（<a href=\"/mailbox\">受信メール</a>で確認できます）。</p>");
    }

    private static String links(RobotId id) {
        return "<p><a href=\"" + RobotSetup.url(id, "history") + "\">実行履歴</a>　<a href=\""
                + RobotSetup.url(id, "") + "\">ロボットへ戻る</a></p>";
    }

    private Response history(Request r) {
        Robot robot = robot(r);
        List<SyncRun> runs = app.renkei().store().runs().list(WebApp.TENANT, robot.id(), HISTORY);
        List<List<String>> rows = new ArrayList<>();
        for (SyncRun run : runs) {
            rows.add(List.of(Html.escape(RunViews.time(run.windowStart())), Html.escape(RunViews.delay(run.startDelay())),
                    RunViews.trigger(run.trigger()), Html.escape(RunViews.status(run.status())),
                    run.result() == null ? "—" : RunViews.counts(run.result()),
                    run.result() == null || run.result().errors().isEmpty() ? "なし"
                            : RunViews.errors(run.result().errors())));
        }
        String body = runs.isEmpty() ? "<p>まだ実行されていません。</p>"
                : "<h2>実行ごとの取り込み件数</h2>" + RunViews.chart(runs) + "<h2>実行の一覧（新しい順、日本時間）</h2>"
                        + Html.table(List.of("実行枠", "開始の遅れ", "種類", "状態", "件数", "エラー"), rows);
        return Response.html(Html.page(r, robot.name() + " の実行履歴", body + "<p><a href=\""
                + Html.escape(RobotSetup.url(robot.id(), "")) + "\">ロボットへ戻る</a></p>"));
    }
}
