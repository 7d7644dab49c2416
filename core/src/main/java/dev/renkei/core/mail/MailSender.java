package dev.renkei.core.mail;

import dev.renkei.core.store.OutboxMail;

/**
 * Sends one mail. {@link SmtpMailSender} is the implementation over SMTP; hosts may supply their own (a mail API,
 * a queue). Used by the {@link OutboxRelay}, which retries.
 */
@FunctionalInterface
public interface MailSender {
    /**
     * Sends the mail: from {@link OutboxMail#from()} to its To and Cc recipients, with its subject, its plain-text
     * body and, when present, its HTML body as the preferred alternative.
     *
     * @throws MailSendException when it was not sent; {@link MailSendException#retryable()} says whether to try
     *     again. A failure reported after the server may already have accepted the mail (a connection lost after
     *     the final "."), is reported as retryable: SMTP delivery is at-least-once at best.
     */
    void send(OutboxMail mail);
}
