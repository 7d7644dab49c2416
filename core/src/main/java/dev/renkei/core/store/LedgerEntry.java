package dev.renkei.core.store;

import dev.renkei.core.model.RunId;
import java.time.Instant;

/**
 * A ledger row.
 *
 * @param key the key
 * @param state reserved or completed
 * @param atsId the ATS id once completed, else {@code null}
 * @param runId the run that holds (or completed) the reservation
 * @param execution the execution of that run that holds (or completed) it; {@code null} only for rows written
 *     before execution tokens existed
 * @param updatedAt last change
 */
public record LedgerEntry(LedgerKey key, State state, String atsId, RunId runId, String execution, Instant updatedAt) {
    /** Ledger states. */
    public enum State {
        /** Claimed before the ATS call; the outcome is not recorded yet. */
        RESERVED,
        /** Imported; {@code atsId} holds the ATS record. */
        COMPLETED
    }
}
