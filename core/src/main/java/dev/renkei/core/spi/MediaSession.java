package dev.renkei.core.spi;

import dev.renkei.core.model.Applicant;
import java.time.Instant;
import java.util.stream.Stream;

/** A logged-in board session. Close it when done. */
public interface MediaSession extends AutoCloseable {
    /**
     * The board account's stable identity (the employer account id the board shows, else the login id). Part of
     * every ledger key, so the same account under another slot imports nothing twice.
     */
    String accountKey();

    /**
     * The applications made at or after {@code since}, lazily (pages are fetched as the stream is consumed). A
     * failure mid-way throws a {@link dev.renkei.core.ConnectorException} from the stream; the caller treats the
     * listing as incomplete. Close the stream.
     */
    Stream<Applicant> applicants(Instant since);

    /** Ends the session (logs out where the board needs it). Never throws. */
    @Override
    void close();
}
