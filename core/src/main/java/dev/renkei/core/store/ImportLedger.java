package dev.renkei.core.store;

import dev.renkei.core.model.RunId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The record of every import, keyed by {@link LedgerKey}. {@link #reserve} is one arbitrated insert under a unique
 * constraint: of concurrent reservers of one key exactly one wins.
 *
 * <p><b>Fencing.</b> Every write names the <em>execution</em> (the token {@link RunStore#start} handed out) that
 * holds the reservation. A reservation moves to another execution only by {@link #takeOver}, a compare-and-set on
 * the execution the taker saw; after that the old execution's {@link #complete} and {@link #release} are refused
 * (they return false and change nothing).
 */
public interface ImportLedger {
    /**
     * Claims a key for an execution of a run.
     *
     * @return empty when this call created the reservation; otherwise the existing entry (reserved by this or
     *     another execution, or completed)
     */
    Optional<LedgerEntry> reserve(LedgerKey key, RunId run, String execution);

    /**
     * Moves a {@code RESERVED} entry, as {@code seen} by the caller, to another execution (taking over the
     * reservation of an execution that died or lost its run).
     *
     * @return true when the entry was moved; false when it changed meanwhile (completed, released, or taken by
     *     someone else)
     */
    boolean takeOver(LedgerEntry seen, RunId run, String execution);

    /**
     * Marks a reservation held by {@code execution} completed with the ATS id.
     *
     * @return false, changing nothing, when the key is not reserved by that execution (any more)
     */
    boolean complete(LedgerKey key, String execution, String atsId);

    /**
     * Removes a reservation held by {@code execution}; only for a reservation whose create was surely never sent.
     *
     * @return false, changing nothing, when the key is not reserved by that execution
     */
    boolean release(LedgerKey key, String execution);

    /** Reads an entry. */
    Optional<LedgerEntry> find(LedgerKey key);

    /**
     * Reads the entries of several keys at once, e.g. of one page of a board's listing before any detail page is
     * loaded. The default reads them one by one; a JDBC store reads a board account's keys in one query.
     *
     * @return the entries that exist, by key; keys without an entry are absent
     */
    default Map<LedgerKey, LedgerEntry> findAll(Collection<LedgerKey> keys) {
        Map<LedgerKey, LedgerEntry> found = new HashMap<>();
        for (LedgerKey key : keys) {
            find(key).ifPresent(e -> found.put(key, e));
        }
        return found;
    }
}
