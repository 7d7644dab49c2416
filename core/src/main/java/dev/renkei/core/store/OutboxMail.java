package dev.renkei.core.store;

import dev.renkei.core.support.Checks;
import dev.renkei.core.model.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * A mail waiting in the outbox.
 *
 * @param id unique id; deterministic per purpose (e.g. {@code run:<id>:result}) so a repeated write adds nothing
 * @param tenant tenant
 * @param from sender address
 * @param to recipients
 * @param cc copy recipients
 * @param subject subject
 * @param text plain-text body
 * @param html HTML body, or {@code null}
 * @param status pending, sent or dead
 * @param attempts send attempts so far
 * @param nextAttemptAt when it may be sent (again)
 * @param lastError the last send error (no secrets), or {@code null}
 * @param createdAt when it was written
 */
public record OutboxMail(String id, TenantId tenant, String from, List<String> to, List<String> cc, String subject,
                         String text, String html, Status status, int attempts, Instant nextAttemptAt,
                         String lastError, Instant createdAt) {
    /** Outbox states. */
    public enum Status {
        /** Waiting to be sent. */
        PENDING,
        /** Sent. */
        SENT,
        /** Given up after the maximum attempts. */
        DEAD
    }

    /** Validates and copies. */
    public OutboxMail {
        Checks.notBlank(id, "mail id");
        Checks.notNull(tenant, "tenant");
        Checks.notBlank(from, "from");
        to = List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        Checks.notNull(subject, "subject");
        Checks.notNull(text, "text");
        Checks.notNull(status, "status");
        Checks.notNull(nextAttemptAt, "nextAttemptAt");
        Checks.notNull(createdAt, "createdAt");
    }

    /** A new pending mail. */
    public static OutboxMail pending(String id, TenantId tenant, String from, List<String> to, List<String> cc,
                                     String subject, String text, String html, Instant now) {
        return new OutboxMail(id, tenant, from, to, cc, subject, text, html, Status.PENDING, 0, now, null, now);
    }
}
