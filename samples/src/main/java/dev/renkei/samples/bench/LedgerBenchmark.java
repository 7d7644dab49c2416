package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.model.RunId;
import dev.renkei.core.store.ImportLedger;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.LedgerKey;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

/**
 * {@code bench ledger}: reserve+complete pairs per second of the import ledger on PostgreSQL with 1, 8 and 32
 * threads. The ideal is the same number of single-row {@code INSERT … ON CONFLICT DO NOTHING} + {@code UPDATE}
 * round trips on the ledger's own table issued directly over JDBC; the peer is Apache Camel's
 * {@code JdbcMessageIdRepository} doing add+confirm for as many keys (its confirm writes nothing: a key counts as
 * processed once added, so its pair is one transaction of a count query and an insert). All three share one
 * database, one pool and one run, in three interleaved rounds; every key is new, and each pair must succeed.
 */
final class LedgerBenchmark extends FigureBenchmark {
    /** The bars with 8 threads: pairs per second, and the share of the raw-JDBC ideal. */
    static final int BAR_PAIRS_PER_SECOND = 5_000;
    static final double BAR_RATIO = 0.7;
    static final int BAR_THREADS = 8;
    private static final int ROUNDS = 3;

    private static final String RAW_INSERT = "INSERT INTO renkei_import_ledger (tenant_id, ats_account, medium, "
            + "board_account_key, board_application_id, idempotency_key, state, ats_id, run_id, execution, "
            + "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'RESERVED', NULL, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING";
    private static final String RAW_UPDATE = "UPDATE renkei_import_ledger SET state = 'COMPLETED', ats_id = ?, "
            + "updated_at = CURRENT_TIMESTAMP WHERE tenant_id = ? AND ats_account = ? AND medium = ? "
            + "AND board_account_key = ? AND board_application_id = ? AND state = 'RESERVED' AND execution = ?";

    /** One reserve+complete pair for key number {@code i}. */
    private interface Pair {
        void run(int i) throws Exception;
    }

    LedgerBenchmark() {
        super("ledger",
                "import-ledger reserve+complete pairs/s on PostgreSQL vs raw JDBC (ideal) and Camel's "
                + "JdbcMessageIdRepository (peer)",
                options("threads", "1,8,32", "pairs", "20000", "jdbc", ""));
    }

    @Override
    void measure(Params p, ObjectNode result, List<String> failures, PrintStream err) throws Exception {
        List<Integer> threadCounts = p.counts("threads");
        int pairs = p.count("pairs");
        int poolSize = threadCounts.stream().mapToInt(Integer::intValue).max().orElse(1) + 2;
        try (BenchDatabase db = BenchDatabase.postgres(p.text("jdbc"), poolSize)) {
            DataSource ds = db.dataSource();
            result.put("database", db.kind());
            JdbcStore store = JdbcStore.builder().dataSource(ds).cipher(Fleet.CIPHER).build();
            store.migrate();
            ImportLedger ledger = store.ledger();
            RunId run = RunId.random();
            ArrayNode rows = result.putArray("byThreads");
            for (int threads : threadCounts) {
                String round = "t" + threads;
                JdbcMessageIdRepository camel = new JdbcMessageIdRepository(ds, "bench-" + round);
                camel.start();
                try {
                    // a short warm-up of each, then the measured pairs; each contender on keys of its own
                    Map<String, Pair> contenders = new LinkedHashMap<>();
                    contenders.put("renkei", i -> {
                        LedgerKey k = key("renkei-" + round, i);
                        if (ledger.reserve(k, run, "exec-1").isPresent() || !ledger.complete(k, "exec-1", "ats-" + i)) {
                            throw new IllegalStateException("pair " + i + " was refused");
                        }
                    });
                    contenders.put("rawJdbc", i -> raw(ds, key("raw-" + round, i), run, i));
                    contenders.put("camel", i -> {
                        String k = key("camel-" + round, i).idempotencyKey();
                        if (!camel.add(k) || !camel.confirm(k)) {
                            throw new IllegalStateException("pair " + i + " was refused");
                        }
                    });
                    ObjectNode row = rows.addObject().put("threads", threads).put("pairs", pairs);
                    for (Map.Entry<String, Pair> c : contenders.entrySet()) {
                        time(c.getValue(), -1, Math.max(100, pairs / 20), threads);
                    }
                    // three interleaved rounds, so that a busy moment of the machine does not fall on one of them
                    Map<String, Long> nanos = new LinkedHashMap<>();
                    int chunk = (pairs + ROUNDS - 1) / ROUNDS;
                    for (int r = 0; r < ROUNDS; r++) {
                        for (Map.Entry<String, Pair> c : contenders.entrySet()) {
                            nanos.merge(c.getKey(), time(c.getValue(), r * chunk, chunk, threads), Long::sum);
                        }
                    }
                    for (Map.Entry<String, Pair> c : contenders.entrySet()) {
                        double perSecond = chunk * ROUNDS / (nanos.get(c.getKey()) / 1e9);
                        row.put(c.getKey() + "PairsPerSecond", Math.round(perSecond));
                        err.printf(Locale.ROOT, "ledger: %2d threads, %-7s %,8.0f pairs/s%n", threads, c.getKey(),
                                perSecond);
                    }
                    double ours = row.get("renkeiPairsPerSecond").asDouble();
                    double ideal = row.get("rawJdbcPairsPerSecond").asDouble();
                    row.put("ratio", round3(ours / ideal));
                    row.put("camelRatio", round3(row.get("camelPairsPerSecond").asDouble() / ideal));
                    if (threads == BAR_THREADS) {
                        figures(result, "pairs per second with " + threads + " threads", ours, ideal);
                        result.put("camelPairsPerSecond", row.get("camelPairsPerSecond").asLong());
                        bars(ours, ideal, row.get("camelPairsPerSecond").asDouble(), failures);
                    }
                } finally {
                    camel.stop();
                }
            }
        }
    }

    private static void bars(double ours, double ideal, double camel, List<String> failures) {
        if (ours < BAR_PAIRS_PER_SECOND) {
            failures.add(String.format(Locale.ROOT, "%.0f pairs/s with %d threads, below %d", ours, BAR_THREADS,
                    BAR_PAIRS_PER_SECOND));
        }
        if (ours < BAR_RATIO * ideal) {
            failures.add(String.format(Locale.ROOT, "%.2f of the raw-JDBC ideal with %d threads, below %.2f",
                    ours / ideal, BAR_THREADS, BAR_RATIO));
        }
        if (ours < camel) {
            failures.add(String.format(Locale.ROOT, "Camel's repository is ahead with %d threads: %.0f vs %.0f pairs/s",
                    BAR_THREADS, camel, ours));
        }
    }

    private static LedgerKey key(String round, int i) {
        return new LedgerKey(Fleet.TENANT, "bench-ats", "bench-board", round, "application-" + i);
    }

    private static void raw(DataSource ds, LedgerKey k, RunId run, int i) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(RAW_INSERT)) {
                bindKey(ps, 1, k);
                ps.setString(6, k.idempotencyKey());
                ps.setString(7, run.value());
                ps.setString(8, "exec-1");
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("raw insert " + i + " found the key taken");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(RAW_UPDATE)) {
                ps.setString(1, "ats-" + i);
                bindKey(ps, 2, k);
                ps.setString(7, "exec-1");
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("raw update " + i + " changed no row");
                }
            }
        }
    }

    private static void bindKey(PreparedStatement ps, int from, LedgerKey k) throws SQLException {
        ps.setString(from, k.tenant().value());
        ps.setString(from + 1, k.atsAccount());
        ps.setString(from + 2, k.medium());
        ps.setString(from + 3, k.boardAccountKey());
        ps.setString(from + 4, k.boardApplicationId());
    }

    /** Runs pairs {@code offset+0 … offset+count-1} (offset -1: warm-up keys) on {@code threads} threads; nanos. */
    private static long time(Pair pair, int offset, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        int base = offset < 0 ? 1_000_000_000 : offset;
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        pair.run(base + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }
}
