package dev.renkei.core.sync;

import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;

/**
 * Progress callbacks of a run, for a progress bar or metrics (e.g. Micrometer counters). Every method has an
 * empty default. Callbacks come from worker threads, possibly concurrently for different slots; an exception
 * thrown by a listener is logged and ignored.
 */
public interface SyncListener {
    /** A listener that does nothing. */
    SyncListener NONE = new SyncListener() {};

    /** The run started (or was skipped right away: then {@link #runFinished} follows at once). */
    default void runStarted(SyncRun run) {}

    /** A slot started: login comes next. */
    default void slotStarted(SyncRun run, SlotId slot) {}

    /** An application was created in the ATS. */
    default void applicationImported(SyncRun run, SlotId slot, String boardApplicationId, String atsId) {}

    /**
     * An application was not imported because it already was (by an earlier run, or found in the ATS when an
     * interrupted import was reconciled), or because another live run holds it.
     */
    default void applicationSkipped(SyncRun run, SlotId slot, String boardApplicationId, SkipReason reason) {}

    /** An application failed; the error is in the run's result too. */
    default void applicationFailed(SyncRun run, SlotId slot, String boardApplicationId, SyncError error) {}

    /** A slot finished (cleanly or not). */
    default void slotFinished(SyncRun run, SlotResult result) {}

    /** The run finished and its result and mails are stored. */
    default void runFinished(SyncRun run) {}

    /** Why an application was skipped. */
    enum SkipReason {
        /** The ledger says it was imported before. */
        ALREADY_IMPORTED,
        /** An interrupted earlier import had in fact reached the ATS; the ledger was completed. */
        RECOVERED_FROM_ATS,
        /** Another live run holds it right now; the next run looks again. */
        IN_PROGRESS_ELSEWHERE
    }
}
