package dev.renkei.samples.web.app;

import dev.renkei.core.RenkeiException;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.sync.SyncListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs robots on a background executor for 今すぐ実行 and follows each run through the engine's
 * {@link SyncListener} callbacks, so the progress page can show live counts while the run goes on.
 */
final class RunTracker implements SyncListener {
    /** One 今すぐ実行 as the progress page sees it. */
    static final class Progress {
        final RobotId robot;
        final AtomicInteger imported = new AtomicInteger();
        final AtomicInteger alreadyImported = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger slotsDone = new AtomicInteger();
        volatile RunId runId;
        volatile SlotId currentSlot;
        volatile SyncRun finished;
        volatile String error;

        Progress(RobotId robot) {
            this.robot = robot;
        }

        /** True once the run finished (or could not start). */
        boolean done() {
            return finished != null || error != null;
        }
    }

    private final WebApp app;
    private final ExecutorService executor;
    /** How many live pages are kept before those of finished runs are dropped. */
    static final int KEPT = 200;
    private final Map<String, Progress> byToken = new ConcurrentHashMap<>();
    private final Map<RobotId, Progress> starting = new ConcurrentHashMap<>();

    RunTracker(WebApp app) {
        this.app = app;
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread t = new Thread(runnable, "renkei-serve-run-now");
            t.setDaemon(true);
            return t;
        });
        app.closeWithApp(executor::shutdownNow);
        app.addSyncListener(this);
    }

    /** Starts a run of {@code robot} in the background; the token names its progress. */
    String start(RobotId robot) {
        String token = Session.random();
        Progress p = new Progress(robot);
        if (byToken.size() >= KEPT) {
            // the live pages of finished runs are kept for a while only; their results stay in the history
            byToken.values().removeIf(Progress::done);
        }
        byToken.put(token, p);
        starting.put(robot, p);
        executor.execute(() -> run(p));
        return token;
    }

    /** Runs, hands the result mail to the SMTP server (so /mailbox shows it), then marks the progress done. */
    private void run(Progress p) {
        try {
            SyncRun run = app.renkei().runNow(WebApp.TENANT, p.robot);
            app.sendDueMails();
            p.finished = run;
        } catch (RenkeiException e) {
            p.error = e.getMessage();
        } catch (RuntimeException e) {
            System.getLogger(RunTracker.class.getName()).log(System.Logger.Level.ERROR, "run now failed", e);
            p.error = "実行中にエラーが発生しました。時間をおいてもう一度お試しください。";
        } finally {
            starting.remove(p.robot, p);
        }
    }

    /** The progress of a token, or {@code null}. */
    Progress get(String token) {
        return byToken.get(token);
    }

    private Progress of(SyncRun run) {
        for (Progress p : byToken.values()) {
            if (run.id().equals(p.runId)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public void runStarted(SyncRun run) {
        if (!run.tenant().equals(WebApp.TENANT) || run.trigger() != RunTrigger.MANUAL) {
            return;
        }
        Progress p = starting.get(run.robot());
        if (p != null && p.runId == null) {
            p.runId = run.id();
        }
    }

    @Override
    public void slotStarted(SyncRun run, SlotId slot) {
        Progress p = of(run);
        if (p != null) {
            p.currentSlot = slot;
        }
    }

    @Override
    public void applicationImported(SyncRun run, SlotId slot, String boardApplicationId, String atsId) {
        count(run, p -> p.imported);
    }

    @Override
    public void applicationSkipped(SyncRun run, SlotId slot, String boardApplicationId, SkipReason reason) {
        count(run, p -> p.alreadyImported);
    }

    @Override
    public void applicationFailed(SyncRun run, SlotId slot, String boardApplicationId, SyncError error) {
        count(run, p -> p.failed);
    }

    @Override
    public void slotFinished(SyncRun run, SlotResult result) {
        count(run, p -> p.slotsDone);
    }

    private void count(SyncRun run, java.util.function.Function<Progress, AtomicInteger> counter) {
        Progress p = of(run);
        if (p != null) {
            counter.apply(p).incrementAndGet();
        }
    }
}
