package dev.renkei.core.testing;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An ATS in the test JVM with the lookup-then-fill shape of the real connectors: a record is created first and its
 * résumé uploaded in a second call, so a crash between the two leaves a record without its résumé, which the next
 * import of the same key fills in. Counts creates, uploads, lookups and calls per key.
 */
public final class InProcessAts implements AtsConnectorProvider {
    /** The provider id. */
    public static final String ID = "mem-ats";

    /** What the ATS holds for one key. */
    public static final class Record {
        public final String id;
        public final Set<String> files = ConcurrentHashMap.newKeySet();

        Record(String id) {
            this.id = id;
        }
    }

    private final Map<String, Record> records = new ConcurrentHashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();
    private final AtomicInteger finds = new AtomicInteger();
    private final List<String> imports = new CopyOnWriteArrayList<>();
    private final InProcessBoard board;
    /** Decides per request what to throw instead of answering (null = answer). */
    public volatile Function<ImportRequest, RuntimeException> failImport = r -> null;
    /** Throws between the create and the upload (a process dying there), when set. */
    public volatile Function<ImportRequest, Error> dieAfterCreate = r -> null;

    /** An ATS that tells {@code board} when an applicant is imported (may be null). */
    public InProcessAts(InProcessBoard board) {
        this.board = board;
    }

    public int creates() {
        return creates.get();
    }

    public int uploads() {
        return uploads.get();
    }

    /** Calls of {@link AtsConnector#find} (the engine no longer settles anything with it). */
    public int finds() {
        return finds.get();
    }

    /** Idempotency keys passed to {@code importApplicant}, in order. */
    public List<String> imports() {
        return List.copyOf(imports);
    }

    /** The record of a key. */
    public Optional<Record> record(String key) {
        return Optional.ofNullable(records.get(key));
    }

    public int records() {
        return records.size();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AtsConnector create(ConnectorContext context) {
        return new AtsConnector() {
            @Override
            public void checkLogin() {}

            @Override
            public Optional<AtsRecord> find(ImportRequest request) {
                finds.incrementAndGet();
                return Optional.ofNullable(records.get(request.idempotencyKey())).map(r -> AtsRecord.existing(r.id));
            }

            @Override
            public AtsRecord importApplicant(ImportRequest request) {
                imports.add(request.idempotencyKey());
                RuntimeException failure = failImport.apply(request);
                if (failure != null) {
                    throw failure;
                }
                Record existing = records.get(request.idempotencyKey());
                boolean created = existing == null;
                Record r = created ? new Record("c-" + creates.incrementAndGet()) : existing;
                if (created) {
                    records.put(request.idempotencyKey(), r);
                    Error death = dieAfterCreate.apply(request);
                    if (death != null) {
                        throw death;
                    }
                }
                request.applicant().attachments().forEach(a -> {
                    if (r.files.add(a.fileName())) {
                        uploads.incrementAndGet();
                    }
                });
                if (board != null) {
                    board.released();
                }
                return new AtsRecord(r.id, created);
            }
        };
    }

    /** A rate-limit refusal. */
    public static RuntimeException rateLimited() {
        return new ConnectorException(ErrorCode.RATE_LIMITED, "the ATS limited the request rate");
    }
}
