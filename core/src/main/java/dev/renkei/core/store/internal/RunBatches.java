package dev.renkei.core.store.internal;

import dev.renkei.core.model.RunId;
import dev.renkei.core.model.SyncRun;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Checks of the run lists {@link dev.renkei.core.store.RunStore#claimAllIfIdle} takes. Not API. */
public final class RunBatches {
    private RunBatches() {}

    /**
     * No null run, no id twice.
     *
     * @throws IllegalArgumentException when two runs share an id
     */
    public static void requireDistinctIds(List<SyncRun> runs) {
        Set<RunId> ids = new HashSet<>();
        for (SyncRun run : Objects.requireNonNull(runs, "runs")) {
            if (!ids.add(Objects.requireNonNull(run, "run").id())) {
                throw new IllegalArgumentException("run " + run.id() + " is listed twice");
            }
        }
    }
}
