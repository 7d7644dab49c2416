package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import dev.renkei.core.Renkei;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.store.JdbcStore;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code bench scheduler}: N robots due in one window, each run a simulated D of I/O (its one slot's board login),
 * two Renkei instances with C concurrent runs each on one PostgreSQL. The ideal makespan is N·D/(2·C). Prints the
 * makespan, the start delays (p50, p99, max) and the double runs (robots that ran more than once in the window),
 * then the same for the peer: as many one-time tasks of the same work (each runs its robot through a Renkei engine,
 * as a user scheduling robots with db-scheduler would) through two db-scheduler instances with the same thread count
 * and polling interval, on the same database, in the same run; and, without a target, for tasks that only wait D.
 *
 * <p>First, both contenders run {@code warm-up} robots (tasks) the same way on a throwaway database, so that neither
 * is measured with a cold JIT (until then the peer, measured second, ran on code our phase had compiled).
 *
 * <p>Schedules name :00 or :30, so the instances run on a shifted clock: it reads an hour before the window while
 * the instances first see the robots' schedules, then jumps to a few seconds before it.
 */
final class SchedulerBenchmark extends FigureBenchmark {
    static final double BAR_RATIO = 1.2;
    private static final LocalTime WINDOW = LocalTime.of(12, 0);
    private static final Duration LEAD = Duration.ofSeconds(3);

    /** A clock whose offset from the system clock can be changed. */
    private static final class ShiftedClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    SchedulerBenchmark() {
        super("scheduler",
                "N robots due in one window, runs of D ms, two instances × C runs on one PostgreSQL (ideal N·D/(2·C)); "
                + "peer: db-scheduler",
                options("robots", "10000", "work-ms", "200", "concurrency", "64", "poll-ms", "1000", "pool", "16",
                "limit-s", "600", "jdbc", "", "warm-up", "1000", "jit-settle-s", "30"));
    }

    @Override
    void measure(Params p, ObjectNode result, List<String> failures, PrintStream err) throws Exception {
        int robots = p.count("robots");
        Duration work = p.millis("work-ms");
        int concurrency = p.count("concurrency");
        Duration poll = p.millis("poll-ms");
        Duration limit = Duration.ofSeconds(p.count("limit-s"));
        long settleMs = p.whole("jit-settle-s") * 1000L;
        double ideal = robots * (work.toNanos() / 1e9) / (2.0 * concurrency);
        int warmUp = p.whole("warm-up");
        if (warmUp > 0) {
            try (BenchDatabase db = BenchDatabase.postgres(p.text("jdbc"), p.count("pool"));
                 HikariDataSource second = db.anotherPool(p.count("pool"))) {
                err.printf(Locale.ROOT, "scheduler: warm-up: %d robots, then as many peer tasks, on a throwaway "
                        + "database%n", warmUp);
                LatencyBoard board = new LatencyBoard(0, 1, work, Duration.ZERO, Duration.ZERO, 0);
                LatencyAts ats = new LatencyAts(Duration.ZERO, Duration.ZERO);
                Outcome ours = renkei(db.dataSource(), second, board, ats, warmUp, concurrency, poll, limit,
                        settleMs, err, null);
                DbSchedulerPeer.Outcome theirs = peer(db.dataSource(), second, board, ats, warmUp, concurrency, poll,
                        limit, new AtomicInteger(), settleMs, err);
                result.putObject("warmUp").put("renkeiRuns", ours.runs).put("dbSchedulerRuns", theirs.executions());
            }
        }
        try (BenchDatabase db = BenchDatabase.postgres(p.text("jdbc"), p.count("pool"));
             HikariDataSource second = db.anotherPool(p.count("pool"))) {
            result.put("database", db.kind());
            ObjectNode ours = result.putObject("renkei");
            LatencyBoard board = new LatencyBoard(0, 1, work, Duration.ZERO, Duration.ZERO, 0);
            LatencyAts ats = new LatencyAts(Duration.ZERO, Duration.ZERO);
            Outcome o = renkei(db.dataSource(), second, board, ats, robots, concurrency, poll, limit, settleMs,
                    err, ours);
            o.put(ours);
            figures(result, "makespan in seconds", o.makespanMillis / 1000.0, ideal);
            AtomicInteger unsuccessful = new AtomicInteger();
            DbSchedulerPeer.Outcome peer = peer(db.dataSource(), second, board, ats, robots, concurrency, poll,
                    limit, unsuccessful, settleMs, err);
            if (unsuccessful.get() > 0) {
                failures.add(unsuccessful.get() + " of the peer's robot runs did not succeed");
            }
            Outcome theirs = new Outcome(peer.makespanMillis(), peer.startDelaysMillis(), peer.executions(),
                    peer.doubleRuns());
            theirs.put(result.putObject("dbScheduler"));
            // and with a task that only waits D: db-scheduler's own overhead, for reference (no target)
            DbSchedulerPeer.Outcome bare = DbSchedulerPeer.run(db.dataSource(), second, robots,
                    (n, task) -> LatencyBoard.pause(work), concurrency, poll, LEAD, limit);
            new Outcome(bare.makespanMillis(), bare.startDelaysMillis(), bare.executions(), bare.doubleRuns())
                    .put(result.putObject("dbSchedulerWaitOnly"));
            err.printf(Locale.ROOT, "scheduler: renkei %.2f s, db-scheduler %.2f s (tasks that only wait: %.2f s), "
                    + "ideal %.2f s%n", o.makespanMillis / 1000.0, peer.makespanMillis() / 1000.0,
                    bare.makespanMillis() / 1000.0, ideal);
            if (o.runs < robots) {
                failures.add(o.runs + " of " + robots + " robots ran within " + limit.toSeconds() + " s");
            }
            if (o.doubleRuns > 0) {
                failures.add(o.doubleRuns + " robots ran more than once in the window");
            }
            if (o.makespanMillis / 1000.0 > BAR_RATIO * ideal) {
                failures.add(String.format(Locale.ROOT, "makespan %.2f s is above %.1f × the ideal %.2f s",
                        o.makespanMillis / 1000.0, BAR_RATIO, ideal));
            }
            if (percentile(o.delays, 0.99) > o.makespanMillis) {
                failures.add("p99 start delay above the makespan");
            }
            if (peer.executions() == robots && peer.makespanMillis() < o.makespanMillis) {
                failures.add(String.format(Locale.ROOT, "db-scheduler is ahead: %.2f s vs %.2f s",
                        peer.makespanMillis() / 1000.0, o.makespanMillis / 1000.0));
            }
        }
    }

    /** A makespan, the sorted start delays, the runs and double runs. */
    private record Outcome(long makespanMillis, List<Long> delays, int runs, int doubleRuns) {
        void put(ObjectNode into) {
            into.put("makespanSeconds", makespanMillis / 1000.0);
            into.put("startDelayP50Ms", percentile(delays, 0.5));
            into.put("startDelayP99Ms", percentile(delays, 0.99));
            into.put("startDelayMaxMs", percentile(delays, 1.0));
            into.put("runs", runs);
            into.put("doubleRuns", doubleRuns);
        }
    }

    /**
     * The peer as a user would put it in the scheduler's place: each task runs the robot through the engine (claim,
     * login, verdict, finish), on two Renkei instances whose own schedulers stay off. Runs that did not succeed are
     * counted in {@code unsuccessful}.
     */
    private static DbSchedulerPeer.Outcome peer(DataSource poolA, DataSource poolB, LatencyBoard board,
            LatencyAts ats, int robots, int concurrency, Duration poll, Duration limit, AtomicInteger unsuccessful,
            long settleMs, PrintStream err) throws Exception {
        try (Renkei peerA = instance(poolA, Clock.systemUTC(), board, ats, "peer-a", concurrency, poll);
             Renkei peerB = instance(poolB, Clock.systemUTC(), board, ats, "peer-b", concurrency, poll)) {
            List<Renkei> peers = List.of(peerA, peerB);
            JitSettle.await(settleMs, err);
            return DbSchedulerPeer.run(poolA, poolB, robots, (n, task) -> {
                if (peers.get(n).engine().runNow(Fleet.TENANT, Fleet.robot(task)).status() != RunStatus.SUCCEEDED) {
                    unsuccessful.incrementAndGet();
                }
            }, concurrency, poll, LEAD, limit);
        }
    }

    /**
     * Renkei's two instances run {@code robots} robots due in one window; where the CPU went from the window's
     * opening until every robot has logged in goes under {@code cpuInto} when it is not null.
     */
    private static Outcome renkei(DataSource poolA, DataSource poolB, LatencyBoard board, LatencyAts ats, int robots,
            int concurrency, Duration poll, Duration limit, long settleMs, PrintStream err, ObjectNode cpuInto)
            throws Exception {
        ShiftedClock clock = new ShiftedClock();
        Instant window = ZonedDateTime.now(Fleet.ZONE).with(WINDOW).minusDays(1).toInstant();
        // an hour before the window while the instances first see the schedules
        clock.offset = Duration.between(Instant.now(), window.minus(Duration.ofHours(1)));
        try (Renkei a = instance(poolA, clock, board, ats, "bench-a", concurrency, poll);
             Renkei b = instance(poolB, clock, board, ats, "bench-b", concurrency, poll)) {
            long made = System.nanoTime();
            Fleet.create(a, robots, 1, Schedule.of(Fleet.ZONE, WINDOW), 8);
            err.printf(Locale.ROOT, "scheduler: %d robots created in %.1f s%n", robots, (System.nanoTime() - made) / 1e9);
            a.start();
            b.start();
            long deadline = System.nanoTime() + limit.toNanos();
            while (observed(poolA) < robots && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // the fleet's creation queued compilations: let them finish before the clock starts, as for the peer
            JitSettle.await(settleMs, err);
            err.printf(Locale.ROOT, "scheduler: every schedule seen; the window opens in %d s%n", LEAD.toSeconds());
            clock.offset = Duration.between(Instant.now(), window.minus(LEAD));
            Thread.sleep(LEAD.toMillis()); // no run starts before the window
            CpuMeter.Sample opened = CpuMeter.sample();
            while (board.counts().logins() < robots && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (cpuInto != null) {
                CpuMeter.put(cpuInto, opened, CpuMeter.sample(), board.counts().logins(), "Run");
            }
            a.scheduler().awaitIdle(Duration.ofSeconds(30));
            b.scheduler().awaitIdle(Duration.ofSeconds(30));
            List<SyncRun> runs = a.store().runs().listByWindow(window.minusSeconds(1), window.plusSeconds(1));
            Instant last = runs.stream().map(SyncRun::finishedAt).filter(java.util.Objects::nonNull)
                    .max(Instant::compareTo).orElse(window);
            List<Long> delays = runs.stream().map(r -> r.startDelay().map(Duration::toMillis).orElse(-1L))
                    .filter(d -> d >= 0).sorted().toList();
            Map<String, Long> perRobot = runs.stream().filter(r -> r.status() != RunStatus.MISSED)
                    .collect(Collectors.groupingBy(r -> r.robot().value(), Collectors.counting()));
            // a robot that ran twice shows as two runs in the window, or (if a run record were lost) as two logins
            int doubles = (int) Math.max(perRobot.values().stream().filter(n -> n > 1).count(),
                    board.counts().logins() - perRobot.size());
            return new Outcome(Duration.between(window, last).toMillis(), delays, perRobot.size(), doubles);
        }
    }

    private static Renkei instance(DataSource pool, Clock clock, LatencyBoard board, LatencyAts ats, String id,
            int concurrency, Duration poll) {
        JdbcStore store = JdbcStore.builder().dataSource(pool).cipher(Fleet.CIPHER).clock(clock).build();
        store.migrate();
        return Renkei.builder().store(store).clock(clock).instanceId(id).connector(board).connector(ats)
                .schedulerOptions(s -> s.maxConcurrentRuns(concurrency).pollInterval(poll)
                        .delayHistory(1)).build();
    }

    /** How many robots' schedules the instances have recorded. */
    private static int observed(DataSource pool) throws java.sql.SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM renkei_schedule_state")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
