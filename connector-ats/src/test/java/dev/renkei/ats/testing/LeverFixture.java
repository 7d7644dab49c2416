package dev.renkei.ats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.ats.LeverAtsConnectorProvider;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code lever} connector against a {@link LeverStub}; every job is routed to {@value #POSTING}. */
public final class LeverFixture extends StubFixture<LeverStub> {
    /** The API key the stub accepts. */
    public static final String API_KEY = "lever-key";
    /** The acting user ({@code perform_as}). */
    public static final String USER = "user-7";
    /** The posting every application is routed to. */
    public static final String POSTING = "posting-sales";

    private final LeverAtsConnectorProvider provider;

    private LeverFixture(LeverStub stub) {
        super(stub);
        this.provider = stub.provider();
    }

    /** Starts the stub (Lever's stub keeps no time, so {@code clock} is not used). */
    public static LeverFixture start(Clock clock) {
        return new LeverFixture(LeverStub.start(API_KEY));
    }

    @Override
    public LeverAtsConnectorProvider provider() {
        return provider;
    }

    @Override
    public AtsAccount account() {
        return new AtsAccount(LeverAtsConnectorProvider.ID, "acme-lever", Map.of("routing.default", POSTING),
                Credentials.of(USER, API_KEY));
    }

    @Override
    public Optional<Credentials> wrongCredentials() {
        return Optional.of(Credentials.of(USER, "not-the-lever-key"));
    }

    /** Opportunities carrying the key's link {@code urn:renkei:<key>}. */
    @Override
    public int createsFor(String idempotencyKey) {
        return marked(idempotencyKey).size();
    }

    @Override
    public boolean fillsInAttachments() {
        return true;
    }

    @Override
    public List<String> attachmentsOf(String idempotencyKey) {
        return marked(idempotencyKey).stream().flatMap(o -> stub.files(o.path("id").asText()).stream()).toList();
    }

    private List<JsonNode> marked(String idempotencyKey) {
        String link = "urn:renkei:" + idempotencyKey;
        return stub.opportunities().stream().filter(o -> {
            for (JsonNode l : o.path("links")) {
                if (l.asText().equals(link)) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    @Override
    public void close() {
        stub.close();
    }
}
