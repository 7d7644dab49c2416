package dev.renkei.media.indeed;

import dev.renkei.core.support.Checks;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** An {@link IndeedInbox} in memory, for tests and demos. Thread-safe. */
public final class InMemoryIndeedInbox implements IndeedInbox {
    private final ConcurrentMap<String, IndeedInboxEntry> entries = new ConcurrentHashMap<>();

    @Override
    public boolean store(IndeedInboxEntry entry) {
        Checks.notNull(entry, "entry");
        return entries.putIfAbsent(entry.applicationId(), entry) == null;
    }

    @Override
    public List<IndeedInboxEntry> receivedSince(String accountId, Instant since) {
        Checks.notNull(accountId, "accountId");
        Checks.notNull(since, "since");
        return entries.values().stream()
                .filter(e -> e.accountId().equals(accountId) && !e.receivedAt().isBefore(since))
                .sorted(Comparator.comparing(IndeedInboxEntry::receivedAt).thenComparing(IndeedInboxEntry::applicationId))
                .toList();
    }

    @Override
    public Optional<IndeedInboxEntry> find(String applicationId) {
        return Optional.ofNullable(entries.get(applicationId));
    }
}
