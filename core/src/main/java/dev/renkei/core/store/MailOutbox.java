package dev.renkei.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Mails written in the same transaction as the business change, sent later by a relay. Claims use a lease, so a
 * relay that died does not hold its mails forever.
 */
public interface MailOutbox {
    /** Adds a mail unless one with its id exists. @return true when added */
    boolean enqueue(OutboxMail mail);

    /**
     * Claims up to {@code limit} pending mails due at {@code now} whose lease is free, leasing them to
     * {@code owner} for {@code lease}.
     */
    List<OutboxMail> claimDue(Instant now, int limit, String owner, Duration lease);

    /** Marks a mail sent. */
    void markSent(String id);

    /** Records a failed attempt: pending again at {@code nextAttemptAt}, or dead when {@code dead}. */
    void markFailed(String id, String error, Instant nextAttemptAt, boolean dead);

    /** Reads a mail. */
    Optional<OutboxMail> find(String id);

    /** Every mail of a status (for tests and operators). */
    List<OutboxMail> list(OutboxMail.Status status);
}
