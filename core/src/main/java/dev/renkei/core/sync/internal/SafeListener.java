package dev.renkei.core.sync.internal;

import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.sync.SyncListener;

/**
 * The one place where the host's {@link SyncListener} is called: whatever a callback throws is logged and ignored,
 * so a listener can neither fail an application nor leave a run unfinished. Not API.
 */
public final class SafeListener implements SyncListener {
    private static final System.Logger LOG = System.getLogger(SafeListener.class.getName());
    private final SyncListener delegate;

    /** Wraps a listener. */
    public SafeListener(SyncListener delegate) {
        this.delegate = delegate;
    }

    private void call(String callback, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.log(System.Logger.Level.WARNING, "sync listener " + delegate.getClass().getName() + "." + callback
                    + " failed; ignored", e);
        }
    }

    @Override
    public void runStarted(SyncRun run) {
        call("runStarted", () -> delegate.runStarted(run));
    }

    @Override
    public void slotStarted(SyncRun run, SlotId slot) {
        call("slotStarted", () -> delegate.slotStarted(run, slot));
    }

    @Override
    public void applicationImported(SyncRun run, SlotId slot, String boardApplicationId, String atsId) {
        call("applicationImported", () -> delegate.applicationImported(run, slot, boardApplicationId, atsId));
    }

    @Override
    public void applicationSkipped(SyncRun run, SlotId slot, String boardApplicationId, SkipReason reason) {
        call("applicationSkipped", () -> delegate.applicationSkipped(run, slot, boardApplicationId, reason));
    }

    @Override
    public void applicationFailed(SyncRun run, SlotId slot, String boardApplicationId, SyncError error) {
        call("applicationFailed", () -> delegate.applicationFailed(run, slot, boardApplicationId, error));
    }

    @Override
    public void slotFinished(SyncRun run, SlotResult result) {
        call("slotFinished", () -> delegate.slotFinished(run, result));
    }

    @Override
    public void runFinished(SyncRun run) {
        call("runFinished", () -> delegate.runFinished(run));
    }
}
