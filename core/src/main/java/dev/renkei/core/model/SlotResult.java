package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
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
 * @param sharedWith when this slot reached the same board account as another slot of the run, that slot: the
 *     account was read once, by the other slot, and this slot's counts are zero (information, not an error);
 *     otherwise {@code null}
 */
public record SlotResult(SlotId slot, String accountKey, int fetched, int imported, int alreadyImported, int failed,
                         List<SyncError> errors, boolean completed, SlotId sharedWith) {
    /** Validates and copies. */
    public SlotResult {
        Checks.notNull(slot, "slot");
        errors = errors == null ? List.of() : List.copyOf(errors);
        if (slot.equals(sharedWith)) {
            throw new dev.renkei.core.ValidationException("slot " + slot + " cannot share its account with itself");
        }
    }

    /** A result of a slot that read its own board account. */
    public SlotResult(SlotId slot, String accountKey, int fetched, int imported, int alreadyImported, int failed,
                      List<SyncError> errors, boolean completed) {
        this(slot, accountKey, fetched, imported, alreadyImported, failed, errors, completed, null);
    }

    /** The result of a slot whose board account another slot of the run read. */
    public static SlotResult shared(SlotId slot, String accountKey, SlotId reader) {
        Checks.notNull(reader, "reader slot");
        return new SlotResult(slot, accountKey, 0, 0, 0, 0, List.of(), true, reader);
    }
}
