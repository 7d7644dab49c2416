package dev.renkei.core.testing;

import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.AtsConnectorProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One ATS connector and the ATS (or simulator) behind it, as {@link AtsConnectorContract} and end-to-end robot
 * tests need them: the provider, a working account, a wrong key, fault switches, and what the ATS holds. A fixture
 * is fresh per test (an empty ATS); {@link #close()} stops what it started.
 */
public interface AtsFixture extends AutoCloseable {
    /** The provider under test. */
    AtsConnectorProvider provider();

    /**
     * A working account: {@link AtsAccount#connectorId()} is the provider's id; its settings route any job (e.g.
     * {@code routing.default}); its credentials, if any, are accepted.
     */
    AtsAccount account();

    /** Credentials the ATS refuses for {@link #account()}'s settings; empty for a connector without credentials. */
    Optional<Credentials> wrongCredentials();

    /**
     * Makes the next create reach the ATS and be stored, but end unclearly for the caller: a 503 or a timeout
     * after the record was stored, or (in process) an exception thrown after the commit.
     */
    void failNextCreateAfterStoring();

    /**
     * True when the connector talks to something that limits its rate (an HTTP API); false in process, and then
     * {@link #rateLimitNextCreate} is never called.
     */
    boolean limitsRates();

    /** Makes the next create be refused once with 429 and this {@code Retry-After}, storing nothing. */
    void rateLimitNextCreate(Duration retryAfter);

    /**
     * How many records the ATS created for this idempotency key. A fixture whose ATS folds a repeated create into
     * the stored record without telling (a host table with a unique key) counts the connector's create calls
     * instead, so a create the connector should have skipped still shows.
     */
    int createsFor(String idempotencyKey);

    /**
     * True when the connector fills in missing attachments on a record it finds; false when it sends everything in
     * one delivery or leaves it to the host, and then {@link #attachmentsOf} is never called.
     */
    boolean fillsInAttachments();

    /** The file names the ATS holds on the record of this key, in upload order. */
    List<String> attachmentsOf(String idempotencyKey);

    /** Stops the simulator; nothing by default. */
    @Override
    default void close() {}
}
