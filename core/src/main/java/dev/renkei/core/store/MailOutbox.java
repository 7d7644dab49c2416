package dev.renkei.core.store;

import dev.renkei.core.support.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Mails written in the same transaction as the business change, sent later by a relay. Claims use a lease, so a
 * relay that died does not hold its mails forever.
 *
 * <p><b>Time.</b> Due times, lease ends and the next attempt after a failure are decided on the store's clock
 * ({@link RenkeiStore#now()}: the database's for {@code JdbcStore}), never on a caller's: relays on instances whose
 * clocks disagree by hours still agree on whose lease is live.
 *
 * <p><b>Fencing.</b> Every claim gets a fresh lease token. {@link #markSent} and {@link #markFailed} are
 * conditional on it: once another relay has claimed the mail again (after the lease ran out), the old token is
 * refused and the mail is left as the new holder leaves it. A refused mark is a result ({@code false}), not an
 * exception.
 */
public interface MailOutbox {
    /** Adds a mail unless one with its id exists. @return true when added */
    boolean enqueue(OutboxMail mail);

    /**
     * Claims up to {@code limit} pending mails that are due by the store's clock and whose lease is free or has run
     * out by that clock, leasing each to {@code owner} for {@code lease} under a new token. Of several relays
     * claiming at once, each mail goes to one.
     *
     * @param limit the most mails to claim; none when {@code limit <= 0}
     * @param owner the relay's id, recorded for operators
     * @param lease how long the claim holds, from the store's now; positive
     * @return the claimed mails with their lease tokens, oldest due first
     */
    List<LeasedMail> claimDue(int limit, String owner, Duration lease);

    /**
     * Whether {@code token} still holds the lease of mail {@code id}: the mail is pending, nobody claimed it since,
     * and the lease has not run out by the store's clock. A relay asks this right before it sends; the answer can be
     * stale a moment later, so the marks are fenced as well.
     */
    boolean holdsLease(String id, String token);

    /**
     * Marks a mail sent and ends its lease, if {@code token} is the mail's latest claim (the lease may have run out,
     * as long as no other relay has claimed the mail since) and the mail is still pending.
     *
     * @return true when marked; false when refused, leaving the mail unchanged
     */
    boolean markSent(String id, String token);

    /**
     * Records a failed attempt and ends the lease, under the same condition as {@link #markSent}: the mail is
     * pending again from the store's now plus {@code retryAfter}, or dead when {@code dead}.
     *
     * @param retryAfter the wait before the next attempt, not negative; ignored for the due time when {@code dead}
     * @return true when recorded; false when refused, leaving the mail unchanged
     */
    boolean markFailed(String id, String token, String error, Duration retryAfter, boolean dead);

    /** Reads a mail. */
    Optional<OutboxMail> find(String id);

    /** Every mail of a status (for tests and operators). */
    List<OutboxMail> list(OutboxMail.Status status);

    /**
     * A mail claimed by {@link #claimDue}.
     *
     * @param mail the mail as claimed
     * @param token this claim's lease token, for {@link #holdsLease}, {@link #markSent} and {@link #markFailed}
     * @param leasedUntil when the lease runs out, on the store's clock (for logs; compare it with nothing else)
     */
    record LeasedMail(OutboxMail mail, String token, Instant leasedUntil) {
        /** Validates. */
        public LeasedMail {
            Checks.notNull(mail, "mail");
            Checks.notBlank(token, "lease token");
            Checks.notNull(leasedUntil, "leasedUntil");
        }
    }
}
