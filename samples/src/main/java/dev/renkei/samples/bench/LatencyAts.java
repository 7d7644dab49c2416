package dev.renkei.samples.bench;

import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An ATS in the benchmark's JVM: its login check takes {@code login}, a create {@code create}. It keeps one
 * candidate per idempotency key and counts keys created more than once (which must stay 0).
 */
final class LatencyAts implements AtsConnectorProvider {
    /** The connector id. */
    static final String ID = "bench-latency-ats";

    private final Duration login;
    private final Duration create;
    private final Map<String, Integer> candidates = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong loginChecks = new AtomicLong();

    LatencyAts(Duration login, Duration create) {
        this.login = login;
        this.create = create;
    }

    int created() {
        return created.get();
    }

    /** Creates of a key that already had a candidate. */
    long duplicates() {
        return duplicates.get();
    }

    long loginChecks() {
        return loginChecks.get();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AtsConnector create(ConnectorContext context) {
        return new AtsConnector() {
            @Override
            public void checkLogin() {
                LatencyBoard.pause(login);
                loginChecks.incrementAndGet();
            }

            @Override
            public Optional<AtsRecord> find(ImportRequest request) {
                LatencyBoard.pause(create);
                return Optional.ofNullable(candidates.get(request.idempotencyKey()))
                        .map(id -> AtsRecord.existing("cand-" + id));
            }

            @Override
            public AtsRecord importApplicant(ImportRequest request) {
                LatencyBoard.pause(create);
                boolean[] fresh = new boolean[1];
                int id = candidates.computeIfAbsent(request.idempotencyKey(), k -> {
                    fresh[0] = true;
                    return created.incrementAndGet();
                });
                if (!fresh[0]) {
                    duplicates.incrementAndGet();
                }
                return new AtsRecord("cand-" + id, fresh[0]);
            }
        };
    }
}
