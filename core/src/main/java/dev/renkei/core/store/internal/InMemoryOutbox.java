package dev.renkei.core.store.internal;

import dev.renkei.core.store.MailOutbox;
import dev.renkei.core.store.OutboxMail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The mail outbox in memory, leased on the store clock. Not API. */
public final class InMemoryOutbox extends InMemoryRepository implements MailOutbox {
    /** The latest claim of a mail: its token and when it runs out on the store's clock. */
    private record Lease(String token, Instant until) {}

    private final Map<String, OutboxMail> outbox = new LinkedHashMap<>();
    private final Map<String, Lease> outboxLeases = new HashMap<>();

    /** The mail outbox of a store, guarded by {@code lock}. */
    public InMemoryOutbox(Object lock, Clock clock) {
        super(lock, clock);
    }

    @Override
    public boolean enqueue(OutboxMail mail) {
        synchronized (lock) {
            return outbox.putIfAbsent(mail.id(), mail) == null;
        }
    }

    @Override
    public List<LeasedMail> claimDue(int limit, String owner, Duration lease) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("outbox lease must be positive, got " + lease);
        }
        synchronized (lock) {
            Instant now = clock.instant();
            Instant until = now.plus(lease);
            List<LeasedMail> out = new ArrayList<>();
            List<OutboxMail> due = outbox.values().stream()
                    .filter(m -> m.status() == OutboxMail.Status.PENDING && !m.nextAttemptAt().isAfter(now))
                    .sorted(Comparator.comparing(OutboxMail::nextAttemptAt).thenComparing(OutboxMail::createdAt)
                            .thenComparing(OutboxMail::id))
                    .toList();
            for (OutboxMail m : due) {
                if (out.size() >= limit) {
                    break;
                }
                Lease held = outboxLeases.get(m.id());
                if (held == null || !held.until().isAfter(now)) {
                    String token = java.util.UUID.randomUUID().toString();
                    outboxLeases.put(m.id(), new Lease(token, until));
                    out.add(new LeasedMail(m, token, until));
                }
            }
            return List.copyOf(out);
        }
    }

    @Override
    public boolean holdsLease(String id, String token) {
        synchronized (lock) {
            Lease held = outboxLeases.get(id);
            return isLatestClaim(id, token) && held.until().isAfter(clock.instant());
        }
    }

    @Override
    public boolean markSent(String id, String token) {
        synchronized (lock) {
            if (!isLatestClaim(id, token)) {
                return false;
            }
            OutboxMail m = outbox.get(id);
            outbox.put(id, new OutboxMail(m.id(), m.tenant(), m.from(), m.to(), m.cc(), m.subject(), m.text(),
                    m.html(), OutboxMail.Status.SENT, m.attempts() + 1, m.nextAttemptAt(), m.lastError(),
                    m.createdAt()));
            outboxLeases.remove(id);
            return true;
        }
    }

    @Override
    public boolean markFailed(String id, String token, String error, Duration retryAfter, boolean dead) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("outbox retryAfter must not be negative, got " + retryAfter);
        }
        synchronized (lock) {
            if (!isLatestClaim(id, token)) {
                return false;
            }
            OutboxMail m = outbox.get(id);
            outbox.put(id, new OutboxMail(m.id(), m.tenant(), m.from(), m.to(), m.cc(), m.subject(), m.text(),
                    m.html(), dead ? OutboxMail.Status.DEAD : OutboxMail.Status.PENDING, m.attempts() + 1,
                    clock.instant().plus(retryAfter), error, m.createdAt()));
            outboxLeases.remove(id);
            return true;
        }
    }

    /** Under the lock: the mail is pending and {@code token} is its latest claim. */
    private boolean isLatestClaim(String id, String token) {
        OutboxMail m = outbox.get(id);
        Lease held = outboxLeases.get(id);
        return m != null && m.status() == OutboxMail.Status.PENDING && held != null
                && held.token().equals(token);
    }

    @Override
    public Optional<OutboxMail> find(String id) {
        synchronized (lock) {
            return Optional.ofNullable(outbox.get(id));
        }
    }

    @Override
    public List<OutboxMail> list(OutboxMail.Status status) {
        synchronized (lock) {
            return outbox.values().stream().filter(m -> m.status() == status).toList();
        }
    }
}
