package dev.renkei.core.mail;

import dev.renkei.core.ValidationException;
import dev.renkei.core.internal.Checks;
import dev.renkei.core.store.MailOutbox;
import dev.renkei.core.store.OutboxMail;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

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
 * recipient or the content, an invalid address or header value) makes it dead at once. Time comes from the
 * injected clock; the relay never sleeps. A mail whose lease ran out while the batch was being sent is left for
 * the next call, so another relay that claimed it in the meantime does not send it a second time from here.
 */
public final class OutboxRelay {
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final int MAX_ERROR_LENGTH = 500;
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F\\u0085\\u2028\\u2029]");

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
     * Claims the mails due now and sends them.
     *
     * @return how many mails were sent by this call
     */
    public int sendDue() {
        Instant now = clock.instant();
        Instant leaseEnd = now.plus(lease);
        List<OutboxMail> claimed = outbox.claimDue(now, batchSize, owner, lease);
        int sent = 0;
        for (OutboxMail mail : claimed) {
            if (Thread.currentThread().isInterrupted()) {
                LOG.log(Level.INFO, "mail relay {0} interrupted; {1} claimed mails are left for the next call",
                        owner, claimed.size() - sent);
                break;
            }
            if (!clock.instant().isBefore(leaseEnd)) {
                LOG.log(Level.WARNING, "mail relay {0}: the lease of {1} ran out before it could be sent; "
                        + "it is left for the next call", owner, mail.id());
                break;
            }
            if (sendOne(mail)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean sendOne(OutboxMail mail) {
        try {
            sender.send(mail);
        } catch (MailSendException e) {
            failed(mail, e.getMessage(), e.retryable());
            return false;
        } catch (RuntimeException e) {
            // a bug in a host's sender, not a verdict on the mail: retry within the attempt budget
            failed(mail, e.getClass().getName() + ": " + e.getMessage(), true);
            return false;
        }
        // crash window: sent but not yet marked; after the lease expires the mail is sent once more
        outbox.markSent(mail.id());
        LOG.log(Level.DEBUG, "mail {0} sent", mail.id());
        return true;
    }

    private void failed(OutboxMail mail, String error, boolean retryable) {
        int attempt = mail.attempts() + 1;
        boolean dead = !retryable || attempt >= maxAttempts;
        Instant next = clock.instant().plus(delayAfter(attempt));
        String safe = CONTROL.matcher(error == null ? "unknown error" : error).replaceAll(" ");
        if (safe.length() > MAX_ERROR_LENGTH) {
            safe = safe.substring(0, MAX_ERROR_LENGTH) + "…";
        }
        outbox.markFailed(mail.id(), safe, next, dead);
        if (dead) {
            LOG.log(Level.ERROR, "mail {0} is dead after {1} attempt(s){2}: {3}", mail.id(), attempt,
                    retryable ? "" : " (refused permanently)", safe);
        } else {
            LOG.log(Level.WARNING, "mail {0} attempt {1} of {2} failed, next at {3}: {4}", mail.id(), attempt,
                    maxAttempts, next, safe);
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
        private Duration lease = Duration.ofMinutes(5);
        private int maxAttempts = 8;
        private Duration backoff = Duration.ofMinutes(1);
        private Duration maxBackoff = Duration.ofHours(1);
        private int batchSize = 50;

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

        /** The clock for due times and backoff; default UTC system clock. */
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
                throw new ValidationException("relay maxAttempts must be at least 1, got " + maxAttempts);
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
                throw new ValidationException("relay batchSize must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Builds the relay. */
        public OutboxRelay build() {
            Checks.notNull(outbox, "outbox");
            Checks.notNull(sender, "mail sender");
            if (maxBackoff.compareTo(backoff) < 0) {
                throw new ValidationException("relay maxBackoff " + maxBackoff + " is shorter than backoff " + backoff);
            }
            return new OutboxRelay(this);
        }

    }
}
