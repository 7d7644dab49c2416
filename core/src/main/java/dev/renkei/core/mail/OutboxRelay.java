package dev.renkei.core.mail;

import dev.renkei.core.support.Checks;
import dev.renkei.core.store.MailOutbox;
import dev.renkei.core.store.MailOutbox.LeasedMail;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.support.ControlCharacters;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Sends the mails waiting in a {@link MailOutbox}. Call {@link #sendDue()} after a run commits and periodically
 * (the scheduler does); several relays on several instances may share one outbox.
 *
 * <p>Each call claims the due mails under a lease for this relay's owner id, sends each one and then marks it sent
 * (<em>send-then-mark</em>). A crash, or a lost store connection, between the send and the mark leaves the mail
 * pending; once its lease has expired it is sent again. So a result mail is never lost, and in that one window it
 * can arrive twice: SMTP delivery is at-least-once at best (a connection lost after the final "." looks like a
 * failure even when the server took the mail). The {@link SmtpMailSender} gives both copies one {@code Message-ID}.
 *
 * <p>A failed attempt marks the mail pending again after an exponential backoff ({@code backoff · 2^(attempts−1)},
 * capped at {@code maxBackoff}); after {@code maxAttempts} attempts it is dead. A permanent refusal (a 5xx for a
 * recipient or the content, an invalid address or header value) makes it dead at once. The relay never sleeps.
 *
 * <p><b>Leases.</b> Due times, lease ends and the time of the next attempt are decided by the store's clock, so
 * relays whose clocks disagree still agree on whose lease is live. Each claim carries a lease token: right before
 * sending a mail the relay asks the store whether its token still holds the lease, and skips the mail if not; and
 * the mark after the send is conditional on the token, so a relay that was paused past its lease (a long GC pause)
 * while another relay claimed and sent the mail cannot overwrite that relay's outcome: its mark is refused, logged
 * and dropped. The injected clock only measures how long the batch has been running (elapsed time, never compared
 * with the store's): once a lease's worth of time has passed, the rest of the batch is left for the next call.
 */
public final class OutboxRelay {
    /** The default lease of claimed mails: 5 minutes. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    /** The default number of attempts before a mail is dead: 8. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    /** The default wait after the first failed attempt (doubling): 1 minute. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofMinutes(1);
    /** The default longest wait between attempts: 1 hour. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
    /** The default number of mails claimed per call: 50. */
    public static final int DEFAULT_BATCH_SIZE = 50;

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final int MAX_ERROR_LENGTH = 500;

    private final MailOutbox outbox;
    private final MailSender sender;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final int batchSize;

    private OutboxRelay(Builder b) {
        this.outbox = b.outbox;
        this.sender = b.sender;
        this.clock = b.clock;
        this.owner = b.owner;
        this.lease = b.lease;
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
        this.maxBackoff = b.maxBackoff;
        this.batchSize = b.batchSize;
    }

    /** A builder; {@code outbox} and {@code sender} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Claims the mails due now (by the store's clock) and sends them.
     *
     * @return how many mails this call sent and marked sent
     */
    public int sendDue() {
        Instant started = clock.instant();
        Instant budgetEnd = started.plus(lease);
        List<LeasedMail> claimed = outbox.claimDue(batchSize, owner, lease);
        int sent = 0;
        for (int i = 0; i < claimed.size(); i++) {
            LeasedMail leased = claimed.get(i);
            if (Thread.currentThread().isInterrupted()) {
                LOG.log(Level.INFO, "mail relay {0} interrupted; {1} claimed mails are left for the next call",
                        owner, claimed.size() - i);
                break;
            }
            if (!clock.instant().isBefore(budgetEnd)) {
                LOG.log(Level.WARNING, "mail relay {0}: the lease of {1} ran out before it could be sent; "
                        + "{2} claimed mails are left for the next call", owner, leased.mail().id(),
                        claimed.size() - i);
                break;
            }
            if (!outbox.holdsLease(leased.mail().id(), leased.token())) {
                LOG.log(Level.WARNING, "mail relay {0}: no longer holds the lease of {1} (it ran out by the store''s "
                        + "clock or another relay claimed the mail); not sending it", owner, leased.mail().id());
                continue;
            }
            if (sendOne(leased)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean sendOne(LeasedMail leased) {
        OutboxMail mail = leased.mail();
        try {
            sender.send(mail);
        } catch (MailSendException e) {
            failed(leased, e.getMessage(), e.retryable());
            return false;
        } catch (RuntimeException e) {
            // a bug in a host's sender, not a verdict on the mail: retry within the attempt budget
            failed(leased, e.getClass().getName() + ": " + e.getMessage(), true);
            return false;
        }
        // crash window: sent but not yet marked; after the lease expires the mail is sent once more
        if (!outbox.markSent(mail.id(), leased.token())) {
            LOG.log(Level.WARNING, "mail relay {0}: mail {1} was sent, but another relay claimed it after this "
                    + "relay''s lease ran out; the mark is refused and the mail is left to that relay (it may arrive "
                    + "twice, with one Message-ID)", owner, mail.id());
            return false;
        }
        LOG.log(Level.DEBUG, "mail {0} sent", mail.id());
        return true;
    }

    private void failed(LeasedMail leased, String error, boolean retryable) {
        OutboxMail mail = leased.mail();
        int attempt = mail.attempts() + 1;
        boolean dead = !retryable || attempt >= maxAttempts;
        Duration wait = delayAfter(attempt);
        String safe = ControlCharacters.replace(error == null ? "unknown error" : error, " ");
        if (safe.length() > MAX_ERROR_LENGTH) {
            safe = safe.substring(0, MAX_ERROR_LENGTH) + "…";
        }
        if (!outbox.markFailed(mail.id(), leased.token(), safe, wait, dead)) {
            LOG.log(Level.WARNING, "mail relay {0}: attempt {1} of mail {2} failed, but another relay claimed it "
                    + "after this relay''s lease ran out; the failure is not recorded: {3}", owner, attempt,
                    mail.id(), safe);
            return;
        }
        if (dead) {
            LOG.log(Level.ERROR, "mail {0} is dead after {1} attempt(s){2}: {3}", mail.id(), attempt,
                    retryable ? "" : " (refused permanently)", safe);
        } else {
            LOG.log(Level.WARNING, "mail {0} attempt {1} of {2} failed, next in {3}: {4}", mail.id(), attempt,
                    maxAttempts, wait, safe);
        }
    }

    /** The wait after the n-th failed attempt (n ≥ 1): backoff · 2^(n−1), capped. */
    Duration delayAfter(int attempt) {
        int shift = Math.min(attempt - 1, 30);
        Duration d = backoff.multipliedBy(1L << shift);
        return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
    }

    @Override
    public String toString() {
        return "OutboxRelay[owner=" + owner + ", lease=" + lease + ", maxAttempts=" + maxAttempts + ", backoff="
                + backoff + ".." + maxBackoff + ", batch=" + batchSize + "]";
    }

    /** Builds an {@link OutboxRelay}. */
    public static final class Builder {
        private MailOutbox outbox;
        private MailSender sender;
        private Clock clock = Clock.systemUTC();
        private String owner = "relay-" + UUID.randomUUID();
        private Duration lease = DEFAULT_LEASE;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration backoff = DEFAULT_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {}

        /** The outbox to send from. Required. */
        public Builder outbox(MailOutbox outbox) {
            this.outbox = Checks.notNull(outbox, "outbox");
            return this;
        }

        /** The sender. Required. */
        public Builder sender(MailSender sender) {
            this.sender = Checks.notNull(sender, "mail sender");
            return this;
        }

        /**
         * The clock that measures how long a batch has been running; default UTC system clock. Only elapsed time
         * is taken from it: due times, leases and backoff use the store's clock.
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /** This relay's lease owner id (e.g. the instance id); default a random id. */
        public Builder owner(String owner) {
            this.owner = Checks.singleLine(Checks.notBlank(owner, "relay owner"), "relay owner");
            return this;
        }

        /**
         * How long claimed mails stay reserved for this relay; default 5 min. Choose it well above the time one
         * batch takes (batch size × the sender's timeouts), or mails left unsent are picked up on the next call.
         */
        public Builder lease(Duration lease) {
            this.lease = Checks.positive(lease, "relay lease");
            return this;
        }

        /** Attempts before a mail is dead, ≥ 1; default 8. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("relay maxAttempts must be at least 1, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The wait after the first failure, doubled after each further one; default 1 min. */
        public Builder backoff(Duration backoff) {
            this.backoff = Checks.positive(backoff, "relay backoff");
            return this;
        }

        /** The longest wait between attempts; default 1 h. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Checks.positive(maxBackoff, "relay maxBackoff");
            return this;
        }

        /** How many mails one call claims at most; default 50. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("relay batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Builds the relay. */
        public OutboxRelay build() {
            Checks.notNull(outbox, "outbox");
            Checks.notNull(sender, "mail sender");
            if (maxBackoff.compareTo(backoff) < 0) {
                throw new IllegalArgumentException("relay maxBackoff " + maxBackoff + " is shorter than backoff " + backoff);
            }
            return new OutboxRelay(this);
        }

    }
}
