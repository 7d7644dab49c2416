package dev.renkei.core.model;

import dev.renkei.core.internal.Checks;
import java.util.List;

/**
 * What one slot did in one run.
 *
 * @param slot the slot
 * @param accountKey the board account's stable identity, or {@code null} when login failed
 * @param fetched applications read from the board
 * @param imported applications created in the ATS by this run
 * @param alreadyImported applications found in the ledger (or the ATS) from earlier runs
 * @param failed applications that could not be imported
 * @param errors the errors of this slot (login, listing, per application)
 * @param completed true when the slot finished cleanly and its watermark advanced
 */
public record SlotResult(SlotId slot, String accountKey, int fetched, int imported, int alreadyImported, int failed,
                         List<SyncError> errors, boolean completed) {
    /** Validates and copies. */
    public SlotResult {
        Checks.notNull(slot, "slot");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
