package dev.renkei.ats.testing;

import dev.renkei.ats.CandidateSink;
import dev.renkei.ats.SinkAtsConnectorProvider;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.ImportRequest;
import dev.renkei.core.testing.AtsFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code sink} connector over a {@link HostTable}. The table folds a repeated key into the stored row (as the
 * {@link CandidateSink} contract asks), so {@link #createsFor} counts the connector's {@code receive} calls.
 */
public final class SinkFixture implements AtsFixture {
    private final HostTable table = new HostTable();
    private final SinkAtsConnectorProvider provider = new SinkAtsConnectorProvider(table);

    /** A fixture with an empty table (in process, so {@code clock} is not used). */
    public static SinkFixture start(Clock clock) {
        return new SinkFixture();
    }

    /** The host's table. */
    public HostTable table() {
        return table;
    }

    @Override
    public SinkAtsConnectorProvider provider() {
        return provider;
    }

    @Override
    public AtsAccount account() {
        return new AtsAccount(SinkAtsConnectorProvider.ID, "host", Map.of(), null);
    }

    @Override
    public Optional<Credentials> wrongCredentials() {
        return Optional.empty();
    }

    /** The next {@code receive} commits its row and then throws {@code UNAVAILABLE}, as a lost acknowledgement. */
    @Override
    public void failNextCreateAfterStoring() {
        table.failNextAfterStoring = true;
    }

    @Override
    public boolean limitsRates() {
        return false;
    }

    @Override
    public void rateLimitNextCreate(Duration retryAfter) {
        throw new UnsupportedOperationException("an in-process sink has no rate limit");
    }

    @Override
    public int createsFor(String idempotencyKey) {
        return table.receivesFor(idempotencyKey);
    }

    @Override
    public boolean fillsInAttachments() {
        return false;
    }

    @Override
    public List<String> attachmentsOf(String idempotencyKey) {
        throw new UnsupportedOperationException("the host decides what to do with attachments");
    }

    /** A host candidate table with a unique constraint on the idempotency key. */
    public static final class HostTable implements CandidateSink {
        private final Map<String, String> byKey = new ConcurrentHashMap<>();
        private final Map<String, ImportRequest> requests = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> receives = new ConcurrentHashMap<>();
        private final AtomicInteger inserts = new AtomicInteger();
        private final AtomicInteger ids = new AtomicInteger();
        private volatile boolean failNextAfterStoring;

        @Override
        public String receive(ImportRequest request) {
            receives.computeIfAbsent(request.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
            String id = "cand-" + ids.incrementAndGet();
            String existing = byKey.putIfAbsent(request.idempotencyKey(), id);
            if (existing != null) {
                return existing; // the unique constraint refused a second row: return the stored id
            }
            inserts.incrementAndGet();
            requests.put(request.idempotencyKey(), request);
            if (failNextAfterStoring) {
                failNextAfterStoring = false;
                throw new ConnectorException(ErrorCode.UNAVAILABLE, "the host's database committed the candidate but"
                        + " the acknowledgement was lost");
            }
            return id;
        }

        @Override
        public Optional<String> findByKey(String idempotencyKey) {
            return Optional.ofNullable(byKey.get(idempotencyKey));
        }

        /** Rows inserted. */
        public int inserts() {
            return inserts.get();
        }

        /** The stored candidate ids by key. */
        public Map<String, String> byKey() {
            return Map.copyOf(byKey);
        }

        /** The request that inserted each key's row. */
        public Map<String, ImportRequest> requests() {
            return Map.copyOf(requests);
        }

        /** How many times {@code receive} was called with the key. */
        public int receivesFor(String idempotencyKey) {
            AtomicInteger n = receives.get(idempotencyKey);
            return n == null ? 0 : n.get();
        }
    }
}
