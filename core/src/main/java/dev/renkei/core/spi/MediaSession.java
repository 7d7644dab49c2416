package dev.renkei.core.spi;

import dev.renkei.core.model.Applicant;
import java.time.Instant;
import java.util.stream.Stream;

/** A logged-in board session. One thread uses it at a time. Close it when done. */
public interface MediaSession extends AutoCloseable {
    /**
     * The board account's stable identity (the employer account id the board shows, else the login id). Part of
     * every ledger key, so the same account under another slot imports nothing twice.
     */
    String accountKey();

    /**
     * The applications made at or after {@code since}, as list rows, lazily: list pages are fetched as the stream
     * is consumed, and a row's detail page and attachments only when its {@link Listing#load()} is called. A
     * failure mid-way throws a {@link dev.renkei.core.ConnectorException} from the stream; the caller treats the
     * listing as incomplete. Close the stream.
     */
    Stream<Listing> listings(Instant since);

    /**
     * The applications made at or after {@code since}, each fully loaded: {@link #listings} with every row
     * {@linkplain Listing#load() loaded}. For tools and tests; the engine uses {@link #listings}.
     */
    default Stream<Applicant> applicants(Instant since) {
        return listings(since).map(Listing::load);
    }

    /** Ends the session (logs out where the board needs it). Never throws. */
    @Override
    void close();
}
