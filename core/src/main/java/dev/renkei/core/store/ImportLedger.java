package dev.renkei.core.store;

import dev.renkei.core.model.RunId;
import java.util.Optional;

/**
 * The record of every import, keyed by {@link LedgerKey}. {@link #reserve} is one arbitrated insert under a unique
 * constraint: of concurrent reservers of one key exactly one wins.
 */
public interface ImportLedger {
    /**
     * Claims a key for a run.
     *
     * @return empty when this call created the reservation; otherwise the existing entry (reserved by another or
     *     an earlier run, or completed)
     */
    Optional<LedgerEntry> reserve(LedgerKey key, RunId run);

    /**
     * Moves a {@code RESERVED} entry held by {@code from} to {@code to} (taking over a crashed run's reservation).
     *
     * @return true when the entry was moved; false when it changed meanwhile
     */
    boolean takeOver(LedgerKey key, RunId from, RunId to);

    /** Marks a reservation held by {@code run} completed with the ATS id. */
    void complete(LedgerKey key, RunId run, String atsId);

    /** Removes a reservation held by {@code run} (only when nothing can have been created). */
    void release(LedgerKey key, RunId run);

    /** Reads an entry. */
    Optional<LedgerEntry> find(LedgerKey key);
}
