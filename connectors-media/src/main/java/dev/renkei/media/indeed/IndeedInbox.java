package dev.renkei.media.indeed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of Indeed Apply deliveries, keyed by Indeed's application id: a repeated delivery is stored
 * once. Implementations: {@link InMemoryIndeedInbox} (tests), {@link JdbcIndeedInbox} (production).
 */
public interface IndeedInbox {
    /**
     * Stores a delivery unless one with the same application id is already stored.
     *
     * @return true when stored now, false when it was already there (the stored copy is kept)
     * @throws dev.renkei.core.StoreException when the storage fails
     */
    boolean store(IndeedInboxEntry entry);

    /** The deliveries for an account received at or after {@code since}, oldest first. */
    List<IndeedInboxEntry> receivedSince(String accountId, Instant since);

    /** One delivery by Indeed's application id. */
    Optional<IndeedInboxEntry> find(String applicationId);
}
