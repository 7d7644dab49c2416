package dev.renkei.ats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.ats.GreenhouseAtsConnectorProvider;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code greenhouse} connector against a {@link GreenhouseStub}, acting as user {@value #ACTING_USER}; every
 * job is routed to job {@value #JOB}. One provider for the fixture's life, so its token cache is shared by every
 * connector it creates.
 */
public final class GreenhouseFixture extends StubFixture<GreenhouseStub> {
    /** The OAuth client id the stub accepts. */
    public static final String CLIENT_ID = "gh-client";
    /** The OAuth client secret the stub accepts. */
    public static final String CLIENT_SECRET = "gh-secret";
    /** The acting user sent as {@code sub}. */
    public static final String ACTING_USER = "4711";
    /** The job every application is routed to. */
    public static final String JOB = "31";

    private final GreenhouseAtsConnectorProvider provider;

    private GreenhouseFixture(GreenhouseStub stub) {
        super(stub);
        this.provider = stub.provider();
    }

    /** Starts the stub; its tokens expire and its rate window turns by {@code clock}. */
    public static GreenhouseFixture start(Clock clock) {
        return new GreenhouseFixture(GreenhouseStub.start(CLIENT_ID, CLIENT_SECRET, clock));
    }

    @Override
    public GreenhouseAtsConnectorProvider provider() {
        return provider;
    }

    @Override
    public AtsAccount account() {
        return new AtsAccount(GreenhouseAtsConnectorProvider.ID, "acme-gh",
                Map.of("actingUserId", ACTING_USER, "routing.default", JOB), Credentials.of(CLIENT_ID, CLIENT_SECRET));
    }

    @Override
    public Optional<Credentials> wrongCredentials() {
        return Optional.of(Credentials.of(CLIENT_ID, "not-the-client-secret"));
    }

    /** Applications of the candidates carrying the key ({@code urn:renkei:<key>}); a bare candidate counts once. */
    @Override
    public int createsFor(String idempotencyKey) {
        Set<String> candidates = marked(idempotencyKey);
        int apps = applicationsOf(candidates).size();
        long bare = candidates.stream().filter(c -> stub.applications().stream()
                .noneMatch(a -> a.path("candidate_id").asText().equals(c))).count();
        return apps + (int) bare;
    }

    @Override
    public boolean fillsInAttachments() {
        return true;
    }

    @Override
    public List<String> attachmentsOf(String idempotencyKey) {
        Set<String> apps = applicationsOf(marked(idempotencyKey));
        return stub.attachments().stream().filter(a -> apps.contains(a.path("application_id").asText()))
                .map(a -> a.path("filename").asText()).toList();
    }

    private Set<String> marked(String idempotencyKey) {
        String urn = "urn:renkei:" + idempotencyKey;
        return stub.candidates().stream().filter(c -> {
            for (JsonNode w : c.path("website_addresses")) {
                if (w.path("value").asText().equals(urn)) {
                    return true;
                }
            }
            return false;
        }).map(c -> c.path("id").asText()).collect(Collectors.toSet());
    }

    private Set<String> applicationsOf(Set<String> candidates) {
        return stub.applications().stream().filter(a -> candidates.contains(a.path("candidate_id").asText()))
                .map(a -> a.path("id").asText()).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        stub.close();
    }
}
