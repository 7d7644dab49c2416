package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.Renkei;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.SyncRun;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench sync-throughput}: R robots with S slots each, every slot its own board account of A applications,
 * imported end to end by {@link Renkei#runNow} (all R robots at once, S slots of each at once) on PostgreSQL and on
 * an H2 file. A list page of 50 rows takes 20 ms, a detail page 10 ms, an ATS create 5 ms: one slot needs at least
 * {@code pages·list + A·(detail + create)}, and with every slot running at once that is the ideal makespan. A second
 * pass over the same accounts (everything already imported) then shows what the ledger saves: its time, and the
 * detail pages and attachments it loaded (0 expected). Before the measured passes on each database, once they are
 * set up, a warm-up pass imports {@code warm-up} applications per slot on a throwaway database of the same kind, and
 * the benchmark waits for the JIT compilers to go quiet, so the import path is compiled before the clock starts (a
 * server imports for days; the first seconds of a JVM are not its speed). The first pass also reports where the CPU
 * went ({@link CpuMeter}): on a machine whose cores are all busy, the ratio is bound by the CPU, not by the latencies
 * the ideal counts.
 */
final class SyncThroughputBenchmark extends FigureBenchmark {
    /** The bars on PostgreSQL: applications per second, and the share of the ideal. */
    static final int BAR_PER_SECOND = 2_000;
    static final double BAR_RATIO = 0.8;

    SyncThroughputBenchmark() {
        super("sync-throughput",
                "R robots × S slots × A applications per slot imported end to end on PostgreSQL and H2, then a second "
                + "pass over the imported data",
                options("robots", "20", "slots", "3", "applications", "500", "page-size", "50", "list-ms", "20",
                "detail-ms", "10", "create-ms", "5", "resume-kb", "10", "pool", "16", "databases", "postgresql,h2",
                "jdbc", "", "warm-up", "200", "jit-settle-s", "30"));
    }

    @Override
    void measure(Params p, ObjectNode result, List<String> failures, PrintStream err) throws Exception {
        int robots = p.count("robots");
        int slots = p.count("slots");
        int apps = p.count("applications");
        int pageSize = p.count("page-size");
        int pages = (apps + pageSize - 1) / pageSize;
        Duration list = p.millis("list-ms");
        Duration detail = p.millis("detail-ms");
        Duration create = p.millis("create-ms");
        long perSlot = pages * list.toNanos() + apps * (detail.toNanos() + create.toNanos());
        long total = (long) robots * slots * apps;
        // every robot runs at once, every slot of a robot at once (slot concurrency = S): one slot's time
        double idealPerSecond = total / (perSlot / 1e9);
        result.put("applications", total);
        result.put("idealFirstPassSeconds", seconds(perSlot));
        result.put("idealSecondPassSeconds", seconds(pages * list.toNanos()));
        int warmUp = p.whole("warm-up");
        long settleMs = p.whole("jit-settle-s") * 1000L;
        ObjectNode warmedUp = warmUp > 0 ? result.putObject("warmUpImported") : null;
        for (String database : p.text("databases").split(",")) {
            LatencyBoard board = new LatencyBoard(apps, pageSize, Duration.ZERO, list, detail,
                    p.count("resume-kb") * 1024);
            LatencyAts ats = new LatencyAts(Duration.ZERO, create);
            LatencyBoard warmBoard = new LatencyBoard(warmUp, pageSize, Duration.ZERO, list, detail,
                    p.count("resume-kb") * 1024);
            LatencyAts warmAts = new LatencyAts(Duration.ZERO, create);
            // the warm-up's database is set up with the measured one and kept open until the end: set-up code run
            // between the warm-up and the clock (migration, fleet, closing) sent compiled parts of the import path
            // back to the interpreter, to be compiled again while measured
            try (BenchDatabase db = database(p, database); Renkei renkei = renkei(db, board, slots, ats);
                    BenchDatabase warmDb = warmUp > 0 ? database(p, database) : null;
                    Renkei warmRenkei = warmDb == null ? null : renkei(warmDb, warmBoard, slots, warmAts)) {
                List<RobotId> ids = Fleet.create(renkei, robots, slots, Fleet.manual(), 4);
                CpuMeter.sample(); // loads its classes now, not between the warm-up and the clock
                if (warmRenkei != null) {
                    List<RobotId> warmIds = Fleet.create(warmRenkei, robots, slots, Fleet.manual(), 4);
                    err.printf(Locale.ROOT, "sync-throughput: %s, warm-up: %d robots × %d slots × %d applications "
                            + "on a throwaway database%n", db.kind(), robots, slots, warmUp);
                    CpuMeter.Sample from = CpuMeter.sample();
                    runAll(warmRenkei, warmIds, failures, database + " warm-up");
                    err.printf(Locale.ROOT, "  warm-up: JIT compilers %.2f cores%n",
                            CpuMeter.jitCores(from, CpuMeter.sample()));
                    JitSettle.await(settleMs, err);
                    warmedUp.put(database.strip(), warmAts.created());
                }
                ObjectNode out = result.putObject(database.strip());
                out.put("database", db.kind());
                err.printf(Locale.ROOT, "sync-throughput: %s, %d robots × %d slots × %d applications%n", db.kind(),
                        robots, slots, apps);

                CpuMeter.Sample before = CpuMeter.sample();
                long first = runAll(renkei, ids, failures, database + " first pass");
                CpuMeter.Sample after = CpuMeter.sample();
                double perSecond = ats.created() / (first / 1e9);
                ObjectNode one = out.putObject("firstPass");
                one.put("seconds", seconds(first));
                figures(one, "applications per second", perSecond, idealPerSecond);
                one.put("imported", ats.created());
                one.put("duplicates", ats.duplicates());
                one.put("detailPages", board.counts().detailPages());
                one.put("listPages", board.counts().listPages());
                CpuMeter.put(one, before, after, ats.created(), "Application");
                err.printf(Locale.ROOT, "  first pass: %,d imported in %.2f s: %,.0f/s (ideal %,.0f/s)%n",
                        ats.created(), first / 1e9, perSecond, idealPerSecond);

                long details = board.counts().detailPages();
                long attachments = board.counts().attachments();
                long lists = board.counts().listPages();
                int created = ats.created();
                long second = runAll(renkei, ids, failures, database + " second pass");
                ObjectNode two = out.putObject("secondPass");
                two.put("seconds", seconds(second));
                two.put("idealSeconds", seconds(pages * list.toNanos()));
                two.put("listPages", board.counts().listPages() - lists);
                two.put("detailPages", board.counts().detailPages() - details);
                two.put("attachments", board.counts().attachments() - attachments);
                two.put("created", ats.created() - created);
                err.printf(Locale.ROOT, "  second pass: %.2f s, %d detail pages%n", second / 1e9,
                        board.counts().detailPages() - details);

                if (ats.created() != total) {
                    failures.add(database + ": " + ats.created() + " applications imported, not " + total);
                }
                if (ats.duplicates() > 0 || board.counts().detailPages() != details) {
                    failures.add(database + ": " + ats.duplicates() + " duplicate creates, "
                            + (board.counts().detailPages() - details) + " detail pages loaded by the second pass");
                }
                if (database.strip().equals("postgresql")) {
                    figures(result, "applications per second on PostgreSQL", perSecond, idealPerSecond);
                    if (perSecond < BAR_PER_SECOND || perSecond < BAR_RATIO * idealPerSecond) {
                        failures.add(String.format(Locale.ROOT, "PostgreSQL: %.0f applications/s, %.2f of the ideal "
                                + "(bars %d/s and %.2f)", perSecond, perSecond / idealPerSecond, BAR_PER_SECOND,
                                BAR_RATIO));
                    }
                }
            }
        }
    }

    private static BenchDatabase database(Params p, String database) throws Exception {
        return switch (database.strip()) {
            case "postgresql" -> BenchDatabase.postgres(p.text("jdbc"), p.count("pool"));
            case "h2" -> BenchDatabase.h2(p.count("pool"));
            default -> throw new IllegalArgumentException("--databases lists postgresql and/or h2, got '" + database
                    + "'");
        };
    }

    private static Renkei renkei(BenchDatabase db, LatencyBoard board, int slots, LatencyAts ats) {
        return Renkei.builder().dataSource(db.dataSource()).cipher(Fleet.CIPHER).connector(board).connector(ats)
                .engineOptions(e -> e.slotConcurrency(slots).initialLookback(Duration.ofDays(3650))).build();
    }

    /** Runs every robot now, all at once; the wall time in nanos. A run that does not succeed is a failure. */
    private static long runAll(Renkei renkei, List<RobotId> ids, List<String> failures, String what) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        try {
            long start = System.nanoTime();
            List<Future<SyncRun>> runs = new ArrayList<>();
            for (RobotId id : ids) {
                runs.add(pool.submit(() -> renkei.runNow(Fleet.TENANT, id)));
            }
            for (Future<SyncRun> f : runs) {
                SyncRun run = f.get();
                if (run.status() != RunStatus.SUCCEEDED) {
                    failures.add(what + ": run of " + run.robot() + " ended " + run.status() + " "
                            + (run.result() == null ? "" : run.result().errors()));
                }
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }
}
