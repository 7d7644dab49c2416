package dev.renkei.core.store;

import java.util.Objects;

/**
 * What {@link RenkeiStore#reserveHolding} did with a ledger key.
 *
 * @param outcome what happened
 * @param entry the entry that already held the key when the outcome is {@link Outcome#TAKEN}, else {@code null}
 */
public record Reservation(Outcome outcome, LedgerEntry entry) {
    /** What happened to the key. */
    public enum Outcome {
        /** The key is now reserved for the execution, whose run was still its own at that moment. */
        RESERVED,
        /** The key was reserved or completed already: {@link Reservation#entry()} says by whom. */
        TAKEN,
        /** The execution no longer holds its run (or lost the reservation at once): nothing is reserved. */
        LOST
    }

    /** Checks that an entry comes with {@link Outcome#TAKEN} and only with it. */
    public Reservation {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.TAKEN) != (entry != null)) {
            throw new IllegalArgumentException("an entry comes with TAKEN and only with it");
        }
    }

    /** The key is now the execution's. */
    public static Reservation reserved() {
        return new Reservation(Outcome.RESERVED, null);
    }

    /** The key was held already, by {@code entry}. */
    public static Reservation taken(LedgerEntry entry) {
        return new Reservation(Outcome.TAKEN, Objects.requireNonNull(entry, "entry"));
    }

    /** The execution lost its run. */
    public static Reservation lost() {
        return new Reservation(Outcome.LOST, null);
    }
}
