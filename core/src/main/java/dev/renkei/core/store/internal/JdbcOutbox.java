package dev.renkei.core.store.internal;

import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.MailOutbox;
import dev.renkei.core.store.OutboxMail;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The mail outbox in {@code renkei_mail_outbox}. A relay leases due mails on the store clock; marking a mail sent or
 * failed is conditional on the lease token of its latest claim. Not API.
 */
public final class JdbcOutbox extends JdbcRepository implements MailOutbox {
    private static final String MAIL_COLUMNS = "mail_id, tenant_id, mail_from, mail_to, mail_cc, subject, body_text, "
            + "body_html, status, attempts, next_attempt_at, last_error, created_at";

    /** Pending, and the token is the mail's latest claim (its lease may have run out). */
    private static final String LATEST_CLAIM = "mail_id = ? AND status = ? AND lease_token = ?";

    /** The mail outbox of a store. */
    public JdbcOutbox(JdbcContext ctx) {
        super(ctx);
    }

    /** Enqueues a mail on a connection the caller holds, inside its transaction if it has one. */
    boolean insert(Connection c, OutboxMail m) throws SQLException {
        return dialect.insertIfAbsent(c, "INSERT INTO renkei_mail_outbox (" + MAIL_COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.id(), m.tenant().value(), m.from(), StoreJson.list(m.to()), StoreJson.list(m.cc()), m.subject(),
                m.text(), Jdbc.str(m.html()), m.status().name(), m.attempts(), m.nextAttemptAt(),
                Jdbc.str(m.lastError()), m.createdAt());
    }

    private static OutboxMail read(ResultSet rs) throws SQLException {
        return new OutboxMail(rs.getString("mail_id"), TenantId.of(rs.getString("tenant_id")),
                rs.getString("mail_from"), StoreJson.list(rs.getString("mail_to")),
                StoreJson.list(rs.getString("mail_cc")), rs.getString("subject"), rs.getString("body_text"),
                rs.getString("body_html"), OutboxMail.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                Jdbc.instant(rs, "next_attempt_at"), rs.getString("last_error"), Jdbc.instant(rs, "created_at"));
    }

    @Override
    public boolean enqueue(OutboxMail mail) {
        Objects.requireNonNull(mail, "mail");
        return jdbc.autoCommit("enqueue mail " + mail.id(), c -> insert(c, mail));
    }

    @Override
    public List<LeasedMail> claimDue(int limit, String owner, Duration lease) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lease, "lease");
        if (limit <= 0) {
            return List.of();
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("outbox lease must be positive, got " + lease);
        }
        String free = "status = ? AND next_attempt_at <= ? AND (leased_until IS NULL OR leased_until <= ?)";
        return jdbc.autoCommit("claim due mails", c -> {
            Instant now = now(c);
            Instant until = now.plus(lease);
            List<String> candidates = Jdbc.query(c, "SELECT mail_id FROM renkei_mail_outbox WHERE " + free
                            + " ORDER BY next_attempt_at, created_at, mail_id LIMIT ?", rs -> rs.getString(1),
                    OutboxMail.Status.PENDING.name(), now, now, limit);
            List<LeasedMail> claimed = new ArrayList<>();
            for (String id : candidates) {
                String token = java.util.UUID.randomUUID().toString();
                // each row is leased by one conditional update: a concurrent relay that got there first wins it
                int n = Jdbc.update(c, "UPDATE renkei_mail_outbox SET leased_by = ?, leased_until = ?, "
                        + "lease_token = ? WHERE mail_id = ? AND " + free, owner, until, token, id,
                        OutboxMail.Status.PENDING.name(), now, now);
                if (n == 1) {
                    Jdbc.queryOne(c, "SELECT " + MAIL_COLUMNS + " FROM renkei_mail_outbox WHERE mail_id = ?",
                            JdbcOutbox::read, id).ifPresent(m -> claimed.add(new LeasedMail(m, token, until)));
                }
            }
            return List.copyOf(claimed);
        });
    }

    @Override
    public boolean holdsLease(String id, String token) {
        Objects.requireNonNull(id, "mail id");
        Objects.requireNonNull(token, "lease token");
        return jdbc.autoCommit("check the lease of mail " + id, c -> {
            Instant now = now(c);
            return Jdbc.queryOne(c, "SELECT 1 FROM renkei_mail_outbox WHERE " + LATEST_CLAIM
                    + " AND leased_until > ?", rs -> 1, id, OutboxMail.Status.PENDING.name(), token, now)
                    .isPresent();
        });
    }

    @Override
    public boolean markSent(String id, String token) {
        Objects.requireNonNull(id, "mail id");
        Objects.requireNonNull(token, "lease token");
        return jdbc.autoCommit("mark mail " + id + " sent", c -> Jdbc.update(c, "UPDATE renkei_mail_outbox "
                + "SET status = ?, attempts = attempts + 1, leased_by = NULL, leased_until = NULL, "
                + "lease_token = NULL WHERE " + LATEST_CLAIM, OutboxMail.Status.SENT.name(), id,
                OutboxMail.Status.PENDING.name(), token) == 1);
    }

    @Override
    public boolean markFailed(String id, String token, String error, Duration retryAfter, boolean dead) {
        Objects.requireNonNull(id, "mail id");
        Objects.requireNonNull(token, "lease token");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("outbox retryAfter must not be negative, got " + retryAfter);
        }
        return jdbc.autoCommit("mark mail " + id + " failed", c -> {
            Instant next = now(c).plus(retryAfter);
            return Jdbc.update(c, "UPDATE renkei_mail_outbox SET status = ?, attempts = attempts + 1, "
                    + "next_attempt_at = ?, last_error = ?, leased_by = NULL, leased_until = NULL, "
                    + "lease_token = NULL WHERE " + LATEST_CLAIM,
                    (dead ? OutboxMail.Status.DEAD : OutboxMail.Status.PENDING).name(), next, Jdbc.str(error),
                    id, OutboxMail.Status.PENDING.name(), token) == 1;
        });
    }

    @Override
    public Optional<OutboxMail> find(String id) {
        Objects.requireNonNull(id, "mail id");
        return jdbc.autoCommit("read mail " + id, c -> Jdbc.queryOne(c, "SELECT " + MAIL_COLUMNS
                + " FROM renkei_mail_outbox WHERE mail_id = ?", JdbcOutbox::read, id));
    }

    @Override
    public List<OutboxMail> list(OutboxMail.Status status) {
        Objects.requireNonNull(status, "status");
        return jdbc.autoCommit("list mails", c -> Jdbc.query(c, "SELECT " + MAIL_COLUMNS
                + " FROM renkei_mail_outbox WHERE status = ? ORDER BY created_at, mail_id", JdbcOutbox::read,
                status.name()));
    }
}
