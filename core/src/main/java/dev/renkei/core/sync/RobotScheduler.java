package dev.renkei.core.sync;

/*
 * Length: about 610 lines, of which about 90 are the nested Builder. Window maths is in Schedule, fairness in
 * sync.internal.FairOrder, the manual queue's entries in sync.internal.ManualRequest; what remains (claim, missed
 * windows, takeover, shutdown and hand-back) shares one lock and one worker pool, and reads best in one place.
 */
import dev.renkei.core.support.Checks;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.internal.Keys;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.sync.internal.Candidate;
import dev.renkei.core.sync.internal.FairOrder;
import dev.renkei.core.sync.internal.ManualRequest;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.store.RobotStore;
import dev.renkei.core.store.RunStore;
import dev.renkei.core.store.ScheduleStore;
import dev.renkei.core.support.DaemonThreads;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs robots in their schedule windows, once per window across every host instance that shares the database.
 *
 * <ul>
 *   <li>Windows are computed in each robot's zone by {@link Schedule#windows} (DST-correct: a time that does not
 *       exist on a spring-forward day moves forward by the gap; a time that exists twice runs once). A window counts
 *       from the moment the scheduler first saw the robot's current schedule, so a new robot or a changed schedule
 *       only affects later windows.</li>
 *   <li>A due window is claimed by inserting (robot, window start) under a unique constraint, and only when this
 *       instance has a free worker: of several instances exactly one runs it. Due and lease decisions use the
 *       store's clock (the database's), never the instance's.</li>
 *   <li>A window nobody ran within the catch-up period is recorded as {@link RunStatus#MISSED}.</li>
 *   <li>A run whose heartbeat stopped for longer than the dead-instance limit is taken over and executed again; the
 *       import ledger makes that safe.</li>
 *   <li>Waiting runs are started in window order with per-tenant fairness: within one window, tenants take turns,
 *       so a tenant with 500 robots does not starve a tenant with one.</li>
 *   <li>{@link #runNow} queues a manual run like any other; it never overlaps a run of the same robot.</li>
 * </ul>
 *
 * <p>{@link #start()} polls every poll interval, and passes once more right after a window opens between two polls
 * (a run starts when its window opens, not up to a poll interval later). A pass reads every robot's schedule; while
 * due runs wait for a worker, a poll (and every freed worker) claims from the waiting list in that pass's order
 * instead, and every robot is read again at most every {@value #FULL_PASS_WHILE_WAITING_SECONDS} s, at once when a
 * manual run is asked for or a window opens. {@link #close()} stops claiming, lets running runs finish within the
 * shutdown wait, and hands back (releases) any it had to interrupt, so none is left half-claimed.
 */
public final class RobotScheduler implements AutoCloseable {
    /** The default number of runs one instance executes at once: 4. */
    public static final int DEFAULT_MAX_CONCURRENT_RUNS = 4;
    /** The default time between scheduling passes: 15 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);
    /** The default lateness up to which a window still runs: 1 hour. */
    public static final Duration DEFAULT_CATCH_UP = Duration.ofHours(1);
    /** The default look-back for windows to record as missed: 2 days. */
    public static final Duration DEFAULT_MISSED_LOOKBACK = Duration.ofDays(2);
    /** The default time without a heartbeat after which a run is taken over: 5 minutes. */
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofMinutes(5);
    /** The default wait for running runs on close: 30 s. */
    public static final Duration DEFAULT_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    /** While runs wait for a worker, the most seconds between two passes that read every robot: 10. */
    public static final int FULL_PASS_WHILE_WAITING_SECONDS = 10;
    private static final Duration FULL_PASS_WHILE_WAITING = Duration.ofSeconds(FULL_PASS_WHILE_WAITING_SECONDS);
    /** How long after a window opens the pass scheduled for it runs. */
    private static final Duration WAKE_MARGIN = Duration.ofMillis(2);

    private static final System.Logger LOG = System.getLogger(RobotScheduler.class.getName());

    private final RenkeiStore store;
    private final SyncEngine engine;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final int maxConcurrentRuns;
    private final Duration pollInterval;
    private final Duration catchUp;
    private final Duration missedLookback;
    private final Duration deadAfter;
    private final Duration shutdownWait;
    private final String owner;
    private final int delayHistory;

    private final Object lock = new Object();
    private final Set<String> activeRobots = new HashSet<>();
    private final Map<RunId, CompletableFuture<SyncRun>> active = new ConcurrentHashMap<>();
    private final Deque<ManualRequest> manual = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Duration> startDelays = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queueLength = new AtomicInteger();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Scheduled candidates the last full pass left waiting for a worker, in its order. */
    private volatile List<Candidate> waiting = List.of();
    /** When (store time) the last full pass read every robot; null before the first. */
    private volatile Instant lastFullPass;
    /** The window a pass is scheduled for (at most one such pass per window). */
    private volatile Instant wakeFor;
    private volatile ScheduledExecutorService ticker;
    private volatile boolean closed;

    private RobotScheduler(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.engine = Objects.requireNonNull(b.engine, "engine");
        this.maxConcurrentRuns = b.maxConcurrentRuns;
        this.ownsExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor : Executors.newFixedThreadPool(b.maxConcurrentRuns,
                DaemonThreads.named("renkei-run"));
        this.pollInterval = b.pollInterval;
        this.catchUp = b.catchUp;
        this.missedLookback = b.missedLookback;
        this.deadAfter = b.deadAfter;
        this.shutdownWait = b.shutdownWait;
        this.owner = engine.owner();
        this.delayHistory = b.delayHistory;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts polling. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("scheduler is closed");
        }
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("renkei-scheduler"));
            ticker.scheduleWithFixedDelay(() -> safeTick(false), 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void safeTick(boolean windowOpened) {
        try {
            tick(windowOpened);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "scheduler tick failed; retrying at the next poll", e);
        }
    }

    /**
     * One scheduling pass: takes over dead runs, records missed windows, and claims and starts due runs while
     * workers are free. {@link #start()} calls it every poll interval.
     *
     * @return the runs started by this pass
     */
    List<SyncRun> tick() {
        return tick(false);
    }

    /** A pass; one scheduled for a window that just opened reads every robot, whatever waits. */
    private List<SyncRun> tick(boolean windowOpened) {
        if (closed) {
            return List.of();
        }
        Instant now = store.now();
        long read = System.nanoTime();
        List<SyncRun> started = new ArrayList<>();
        // 1. runs of dead instances
        for (SyncRun stale : store.runs().listStale(now.minus(deadAfter))) {
            if (freeWorkers() == 0) {
                break;
            }
            if (isActiveHere(stale.tenant(), stale.robot())) {
                continue;
            }
            if (store.runs().takeOver(stale, owner, now.minus(deadAfter))) {
                LOG.log(System.Logger.Level.INFO, "taking over run " + stale.id() + " of robot " + stale.robot()
                        + " from " + stale.owner());
                store.runs().find(stale.id()).ifPresent(r -> started.add(launch(r, null)));
            }
        }
        // 2. while due runs wait for workers and no manual run is asked for, the last full pass's order stands:
        // claim from it, and read every robot again only now and then (a full pass at 10,000 robots costs more
        // CPU than the runs it would start; what it could add is due later and would wait behind these anyway)
        boolean manualWaits;
        synchronized (lock) {
            manualWaits = !manual.isEmpty();
        }
        Instant last = lastFullPass;
        if (!waiting.isEmpty() && !manualWaits && !windowOpened && last != null && !now.isBefore(last)
                && now.isBefore(last.plus(FULL_PASS_WHILE_WAITING))) {
            started.addAll(drainWaiting());
            return started;
        }
        lastFullPass = now;
        // 3. due windows and manual requests, fairly ordered
        Due due = dueCandidates(now);
        wakeAt(due.nextWindow(), now, read);
        List<Candidate> candidates = due.candidates();
        queueLength.set(candidates.size());
        List<Candidate> left = new ArrayList<>();
        for (Candidate c : candidates) {
            if (freeWorkers() == 0) {
                if (c.request() == null) {
                    left.add(c);
                }
                continue;
            }
            if (isActiveHere(c.tenant(), c.robot())) {
                continue;
            }
            SyncRun run = new SyncRun(RunId.random(), c.tenant(), c.robot(), c.trigger(), c.windowStart(),
                    RunStatus.QUEUED, owner, null, null, null, null);
            if (c.request() == null) {
                // a scheduled window: the robot's other runs are checked and the window claimed in one store call
                if (store.runs().claimIfIdle(run) == RunStore.ClaimOutcome.CLAIMED) {
                    started.add(launch(run, null));
                    queueLength.decrementAndGet();
                }
                continue;
            }
            if (anotherRunLive(c)) {
                continue;
            }
            boolean claimed = store.runs().claim(run);
            if (c.request() != null) {
                synchronized (lock) {
                    manual.remove(c.request());
                    if (!claimed) {
                        // the millisecond was taken by another run of the robot: ask again at the next pass
                        manual.addFirst(c.request().retryLater());
                    }
                }
            }
            if (claimed) {
                started.add(launch(run, c.request()));
                queueLength.decrementAndGet();
            }
        }
        waiting = left;
        return started;
    }

    /**
     * A pass when a worker came free: claims from the scheduled windows the last full pass left waiting, without
     * reading every robot again (their claims stay arbitrated by the store; a window another instance took is
     * dropped at its failed claim). Manual requests and everything new wait for the next full pass.
     */
    private List<SyncRun> drainWaiting() {
        List<SyncRun> started = new ArrayList<>();
        List<Candidate> still = new ArrayList<>();
        List<Candidate> pending = waiting;
        for (int i = 0; i < pending.size(); i++) {
            Candidate c = pending.get(i);
            if (closed || freeWorkers() == 0) {
                still.addAll(pending.subList(i, pending.size()));
                break;
            }
            if (isActiveHere(c.tenant(), c.robot())) {
                still.add(c);
                continue;
            }
            SyncRun run = new SyncRun(RunId.random(), c.tenant(), c.robot(), c.trigger(), c.windowStart(),
                    RunStatus.QUEUED, owner, null, null, null, null);
            RunStore.ClaimOutcome outcome = store.runs().claimIfIdle(run);
            if (outcome == RunStore.ClaimOutcome.ROBOT_BUSY) {
                still.add(c);
                continue;
            }
            if (outcome == RunStore.ClaimOutcome.CLAIMED) {
                started.add(launch(run, null));
            } // else another instance took the window: dropped
            queueLength.decrementAndGet();
        }
        waiting = still;
        queueLength.set(still.size());
        return started;
    }

    /**
     * What a full pass found: the due windows and manual requests, fairly ordered, and the earliest window that opens
     * before the next poll (null when none).
     */
    private record Due(List<Candidate> candidates, Instant nextWindow) {}

    private Due dueCandidates(Instant now) {
        Instant lookFrom = now.minus(missedLookback);
        Set<WindowKey> claimed = new HashSet<>();
        for (RunStore.ClaimedWindow w : store.runs().claimedWindows(lookFrom, now)) {
            claimed.add(new WindowKey(w.tenant(), w.robot(), w.windowStart()));
        }
        // robots mostly share schedules and their look-back: each distinct one is computed once a pass
        Map<String, List<Instant>> windowsOf = new HashMap<>();
        Map<String, Instant> nextOf = new HashMap<>();
        Instant horizon = now.plus(pollInterval);
        Instant soonest = null;
        List<Candidate> due = new ArrayList<>();
        // one read of every recorded schedule; a round trip per robot only for a new or changed one
        Map<TenantId, Map<RobotId, ScheduleStore.Recorded>> recorded = store.schedules().recorded();
        // the linkage switch and schedule only: no slots assembled, no credentials unsealed
        for (RobotStore.RobotTimes robot : store.robots().listTimes()) {
            if (!robot.linkageEnabled() || robot.schedule().times().isEmpty()) {
                continue;
            }
            String fingerprint = fingerprint(robot.schedule());
            ScheduleStore.Recorded seen = recorded.getOrDefault(robot.tenant(), Map.of()).get(robot.robot());
            Instant effectiveFrom = seen != null && seen.fingerprint().equals(fingerprint) ? seen.effectiveFrom()
                    : store.schedules().observe(robot.tenant(), robot.robot(), fingerprint, now);
            Instant from = effectiveFrom.isAfter(lookFrom) ? effectiveFrom : lookFrom;
            List<Instant> windows = windowsOf.computeIfAbsent(fingerprint + "|" + from,
                    k -> robot.schedule().windows(from, now));
            Instant next = nextOf.computeIfAbsent(fingerprint, k -> robot.schedule().windows(now, horizon).stream()
                    .findFirst().orElse(horizon));
            if (next.isBefore(horizon) && (soonest == null || next.isBefore(soonest))) {
                soonest = next;
            }
            for (Instant window : windows) {
                if (claimed.contains(new WindowKey(robot.tenant(), robot.robot(), window))) {
                    continue;
                }
                if (window.isAfter(now.minus(catchUp))) {
                    due.add(new Candidate(robot.tenant(), robot.robot(), RunTrigger.SCHEDULED, window, null));
                } else {
                    recordMissed(robot, window, now);
                }
            }
        }
        synchronized (lock) {
            for (ManualRequest m : manual) {
                due.add(new Candidate(m.tenant(), m.robot(), RunTrigger.MANUAL, m.at(), m));
            }
        }
        return new Due(FairOrder.of(due, owner), soonest);
    }

    /**
     * A window opens before the next poll: one more pass right after it opens (its runs do not wait up to a poll
     * interval). Once per window: a pass that came early (the store's clock behind this host's timer) leaves the
     * window to the next poll. Only once {@link #start()}ed.
     *
     * @param now the store time the pass read, at {@link System#nanoTime()} {@code read}
     */
    private void wakeAt(Instant window, Instant now, long read) {
        ScheduledExecutorService t = ticker;
        if (t == null || closed || window == null || window.equals(wakeFor)) {
            return;
        }
        wakeFor = window;
        long delay = Duration.between(now, window).toNanos() - (System.nanoTime() - read) + WAKE_MARGIN.toNanos();
        try {
            t.schedule(() -> safeTick(true), Math.max(0, delay), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void recordMissed(RobotStore.RobotTimes robot, Instant window, Instant now) {
        SyncRun missed = new SyncRun(RunId.random(), robot.tenant(), robot.robot(), RunTrigger.SCHEDULED, window,
                RunStatus.MISSED, null, null, null, now, SyncResult.empty());
        if (store.runs().claim(missed)) {
            LOG.log(System.Logger.Level.WARNING, "window " + window + " of robot " + robot.robot() + " (tenant "
                    + robot.tenant() + ") was missed: no instance ran it within the catch-up period " + catchUp);
        }
    }

    private static String fingerprint(Schedule s) {
        return s.zone().getId() + "|" + s.times();
    }

    /** One window of one robot, as a set element (records hash their parts; no string is built). */
    private record WindowKey(TenantId tenant, RobotId robot, Instant window) {}

    private static String robotKey(TenantId t, RobotId r) {
        return Keys.of(t.value(), r.value());
    }

    private boolean isActiveHere(TenantId t, RobotId r) {
        synchronized (lock) {
            return activeRobots.contains(robotKey(t, r));
        }
    }

    /**
     * Whether another run of the candidate's robot is queued or running in the store, among its latest runs: a manual
     * run waits for it (a scheduled window asks {@link RunStore#claimIfIdle} instead).
     */
    private boolean anotherRunLive(Candidate c) {
        return store.runs().list(c.tenant(), c.robot(), RunStore.RECENT_RUNS).stream()
                .anyMatch(x -> !x.status().isFinal());
    }

    private int freeWorkers() {
        return Math.max(0, maxConcurrentRuns - active.size());
    }

    private SyncRun launch(SyncRun run, ManualRequest request) {
        synchronized (lock) {
            activeRobots.add(robotKey(run.tenant(), run.robot()));
        }
        CompletableFuture<SyncRun> done = new CompletableFuture<>();
        active.put(run.id(), done);
        try {
            executor.execute(() -> {
                SyncRun finished = null;
                Throwable failure = null;
                try {
                    finished = engine.execute(run);
                    finished.startDelay().ifPresent(this::recordDelay);
                } catch (Throwable t) {
                    failure = t;
                    if (t instanceof Error e && !(t instanceof VirtualMachineError)) {
                        LOG.log(System.Logger.Level.ERROR, "run " + run.id() + " died", e);
                    } else {
                        LOG.log(System.Logger.Level.WARNING, "run " + run.id() + " failed", t);
                    }
                } finally {
                    // free the robot before anyone waiting on the run hears of its end, so their next pass can
                    // start the robot again
                    active.remove(run.id());
                    synchronized (lock) {
                        activeRobots.remove(robotKey(run.tenant(), run.robot()));
                    }
                    if (queueLength.get() > 0) {
                        wake();
                    }
                }
                if (failure != null) {
                    done.completeExceptionally(failure);
                } else {
                    done.complete(finished);
                }
            });
        } catch (RuntimeException rejected) {
            active.remove(run.id());
            synchronized (lock) {
                activeRobots.remove(robotKey(run.tenant(), run.robot()));
            }
            store.runs().release(run.id(), owner);
            done.completeExceptionally(rejected);
        }
        if (request != null) {
            done.whenComplete((r, t) -> {
                if (t != null) {
                    request.result().completeExceptionally(t);
                } else {
                    request.result().complete(r);
                }
            });
        }
        return run;
    }

    /**
     * A worker came free while due runs waited: one more pass at once instead of at the next poll (several frees
     * during one pass queue a single pass after it): a full pass when manual requests wait, else one over the
     * windows the last full pass left waiting. Only once {@link #start()}ed.
     */
    private void wake() {
        ScheduledExecutorService t = ticker;
        if (t == null || closed || !wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            t.execute(() -> {
                wakeQueued.set(false);
                boolean manualWaits;
                synchronized (lock) {
                    manualWaits = !manual.isEmpty();
                }
                try {
                    if (manualWaits) {
                        tick();
                    } else {
                        drainWaiting();
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "claiming waiting runs failed; retrying at the next poll", e);
                }
            });
        } catch (RejectedExecutionException e) {
            wakeQueued.set(false); // closing
        }
    }

    private void recordDelay(Duration d) {
        startDelays.add(d);
        while (startDelays.size() > delayHistory) {
            startDelays.poll();
        }
    }

    /**
     * Queues a manual run of a robot; it starts like any due run (when a worker is free and no run of the robot
     * is going on anywhere).
     *
     * @return completes with the finished run
     * @throws NotFoundException when the robot does not exist in the tenant
     */
    public CompletableFuture<SyncRun> runNow(TenantId tenant, RobotId robot) {
        store.robots().find(tenant, robot).orElseThrow(() ->
                new NotFoundException("robot " + robot + " not found in tenant " + tenant));
        ManualRequest m = new ManualRequest(tenant, robot, store.now().truncatedTo(ChronoUnit.MILLIS),
                new CompletableFuture<>());
        synchronized (lock) {
            manual.add(m);
        }
        return m.result();
    }

    /**
     * Waits until this instance runs nothing.
     *
     * @return true when idle within the timeout
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!active.isEmpty()) {
            CompletableFuture<?>[] running = active.values().toArray(CompletableFuture[]::new);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                CompletableFuture.allOf(running).get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException ignored) {
                // failures are logged where they happen
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    /** How many due runs waited for a worker at the last pass. */
    public int queueLength() {
        return queueLength.get();
    }

    /** How many runs this instance is executing. */
    public int running() {
        return active.size();
    }

    /** The start delays (start − window start) of the most recent runs, oldest first. */
    public List<Duration> recentStartDelays() {
        return List.copyOf(startDelays);
    }

    /** The owner id this scheduler claims runs under (its engine's). */
    public String owner() {
        return owner;
    }

    /**
     * Stops claiming, waits up to the shutdown wait for running runs, interrupts the rest and hands them back (so
     * another instance takes them over at once). Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (ticker != null) {
                ticker.shutdownNow();
            }
        }
        synchronized (lock) {
            manual.forEach(m -> m.result().completeExceptionally(new IllegalStateException("scheduler closed")));
            manual.clear();
        }
        List<RunId> interrupted = new ArrayList<>();
        CompletableFuture<Void> all = CompletableFuture.allOf(active.values().toArray(CompletableFuture[]::new));
        try {
            all.get(shutdownWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            interrupted.addAll(active.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted.addAll(active.keySet());
        } catch (java.util.concurrent.ExecutionException ignored) {
            // individual failures are logged where they happen
        }
        if (ownsExecutor) {
            if (interrupted.isEmpty()) {
                executor.shutdown();
            } else {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(shutdownWait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (RunId id : interrupted) {
            // a no-op for runs that finished meanwhile (release only touches unfinished runs of this owner)
            LOG.log(System.Logger.Level.WARNING, "handing back run " + id + " that did not finish within " + shutdownWait);
            store.runs().release(id, owner);
        }
    }

    /** Builds a {@link RobotScheduler}. */
    public static final class Builder {
        private RenkeiStore store;
        private SyncEngine engine;
        private ExecutorService executor;
        private int maxConcurrentRuns = DEFAULT_MAX_CONCURRENT_RUNS;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration catchUp = DEFAULT_CATCH_UP;
        private Duration missedLookback = DEFAULT_MISSED_LOOKBACK;
        private Duration deadAfter = DEFAULT_DEAD_AFTER;
        private Duration shutdownWait = DEFAULT_SHUTDOWN_WAIT;
        private int delayHistory = 200;

        private Builder() {}

        /** The store shared by every instance (required). */
        public Builder store(RenkeiStore s) {
            this.store = s;
            return this;
        }

        /** The engine that executes runs (required); its owner id is this instance's id. */
        public Builder engine(SyncEngine e) {
            this.engine = e;
            return this;
        }

        /**
         * The executor runs execute on (e.g. virtual threads on Java 21+). At most {@link #maxConcurrentRuns} runs
         * are submitted at once. Default: a fixed pool of that size.
         */
        public Builder executor(ExecutorService e) {
            this.executor = e;
            return this;
        }

        /** How many runs this instance executes at once (default 4). */
        public Builder maxConcurrentRuns(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxConcurrentRuns must be at least 1");
            }
            this.maxConcurrentRuns = n;
            return this;
        }

        /**
         * How often to look for due runs (default 15 s): new robots, manual runs and runs to take over are found at
         * the next poll; a window that opens between two polls gets a pass of its own.
         */
        public Builder pollInterval(Duration d) {
            this.pollInterval = Checks.positive(d, "pollInterval");
            return this;
        }

        /** How late a window may still start; older unrun windows are recorded as missed (default 1 h). */
        public Builder catchUp(Duration d) {
            this.catchUp = Checks.positive(d, "catchUp");
            return this;
        }

        /** How far back missed windows are recorded (default 2 days). */
        public Builder missedLookback(Duration d) {
            this.missedLookback = Checks.positive(d, "missedLookback");
            return this;
        }

        /**
         * After how long without a heartbeat a run's instance counts as dead and the run is taken over (default
         * 5 min). Keep it several times the engine's heartbeat interval.
         */
        public Builder deadAfter(Duration d) {
            this.deadAfter = Checks.positive(d, "deadAfter");
            return this;
        }

        /** How long {@link #close()} waits for running runs (default 30 s). */
        public Builder shutdownWait(Duration d) {
            this.shutdownWait = Checks.positive(d, "shutdownWait");
            return this;
        }

        /** How many recent start delays to keep (default 200). */
        public Builder delayHistory(int n) {
            this.delayHistory = Math.max(1, n);
            return this;
        }

        /** Builds the scheduler (not started). */
        public RobotScheduler build() {
            if (missedLookback.compareTo(catchUp) < 0) {
                throw new IllegalArgumentException("missedLookback must not be shorter than catchUp");
            }
            return new RobotScheduler(this);
        }

    }
}
