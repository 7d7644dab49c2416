package dev.renkei.ats.testing;

import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code webhook} connector against a {@link WebhookReceiverStub}; every job is routed to {@value #JOB}. The
 * receiver stores one record per key (a repeated key is answered 409, as the protocol says), and the connector
 * sends the attachments in the one delivery, so it has none to fill in.
 */
public final class WebhookFixture extends StubFixture<WebhookReceiverStub> {
    /** The signing secret the receiver accepts. */
    public static final String SECRET = "whsec-robot";
    /** The key id sent with each delivery. */
    public static final String KEY_ID = "key-1";
    /** The job id every application is routed to. */
    public static final String JOB = "job-sales";

    private final WebhookAtsConnectorProvider provider;

    private WebhookFixture(WebhookReceiverStub stub) {
        super(stub);
        this.provider = stub.provider();
    }

    /** Starts the receiver; it checks signature timestamps against {@code clock}. */
    public static WebhookFixture start(Clock clock) {
        return new WebhookFixture(WebhookReceiverStub.start(SECRET, clock));
    }

    @Override
    public WebhookAtsConnectorProvider provider() {
        return provider;
    }

    @Override
    public AtsAccount account() {
        return new AtsAccount(WebhookAtsConnectorProvider.ID, "hr-system", Map.of("routing.default", JOB),
                Credentials.of(KEY_ID, SECRET));
    }

    @Override
    public Optional<Credentials> wrongCredentials() {
        return Optional.of(Credentials.of(KEY_ID, "not-the-signing-secret"));
    }

    @Override
    public int createsFor(String idempotencyKey) {
        return stub.payloads().containsKey(idempotencyKey) ? 1 : 0;
    }

    @Override
    public boolean fillsInAttachments() {
        return false;
    }

    @Override
    public List<String> attachmentsOf(String idempotencyKey) {
        throw new UnsupportedOperationException("the webhook sends attachments in its one delivery");
    }

    @Override
    public void close() {
        stub.close();
    }
}
