package dev.renkei.core.spi;

import dev.renkei.core.support.Checks;
import dev.renkei.core.model.Applicant;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One row of a board's application list: what the list itself shows (the board's application id and when the
 * application was made), cheap to read. The detail page and the attachments are loaded only by {@link #load()}, so
 * the engine consults its import ledger first and loads nothing for an application it already imported.
 */
public interface Listing {
    /** The board's id of the application (as in {@link Applicant#boardApplicationId()}). */
    String boardApplicationId();

    /** When the application was made (as in {@link Applicant#appliedAt()}). */
    Instant appliedAt();

    /**
     * Loads the whole application: detail page, attachments. Called at most once per row, from the thread that
     * consumes the listing stream, while that stream is open. The returned applicant must carry this row's id and
     * applied-at.
     *
     * @throws dev.renkei.core.ConnectorException when the board fails ({@code UNAVAILABLE}, {@code TIMEOUT}…) or
     *     the page does not look as expected ({@code LAYOUT_CHANGED})
     */
    Applicant load();

    /** A row whose application is already fully read (exports, inboxes, APIs that return everything at once). */
    static Listing of(Applicant applicant) {
        Checks.notNull(applicant, "applicant");
        return of(applicant.boardApplicationId(), applicant.appliedAt(), () -> applicant);
    }

    /** A row whose application {@code loader} reads on {@link #load()} (detail page, attachments). */
    static Listing of(String boardApplicationId, Instant appliedAt, Supplier<Applicant> loader) {
        Checks.notBlank(boardApplicationId, "board application id");
        Checks.notNull(appliedAt, "applied-at");
        Checks.notNull(loader, "loader");
        return new Listing() {
            @Override
            public String boardApplicationId() {
                return boardApplicationId;
            }

            @Override
            public Instant appliedAt() {
                return appliedAt;
            }

            @Override
            public Applicant load() {
                return loader.get();
            }

            @Override
            public String toString() {
                return "Listing[" + boardApplicationId + "]";
            }
        };
    }
}
