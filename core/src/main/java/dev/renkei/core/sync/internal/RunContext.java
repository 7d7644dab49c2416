package dev.renkei.core.sync.internal;

import dev.renkei.core.internal.Keys;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.sync.SyncListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One execution of one run, shared by its slot workers: the execution token every write carries, the board
 * accounts already being read, the ledger keys in work, and the stop signal (fenced or past the deadline). Not API.
 */
public final class RunContext {
    /** Why an execution stops before its slots are done. */
    public enum Stop {
        /** Another execution holds the run now (takeover, hand-back) or the lease could not be renewed. */
        FENCED,
        /** The run deadline passed. */
        TIMEOUT
    }

    private final RenkeiStore store;
    private final Robot robot;
    private final SyncRun run;
    private final String execution;
    private final AtsConnector ats;
    private final SyncListener listener;
    private final CheckpointHook checkpoints;
    private final Clock clock;
    private final Duration overlap;
    private final Duration initialLookback;
    private final Duration staleAfter;
    private final ConcurrentMap<String, SlotId> readers = new ConcurrentHashMap<>();
    private final Set<String> inWork = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final List<Future<?>> tasks = new CopyOnWriteArrayList<>();

    /** The context of one execution. */
    public RunContext(RenkeiStore store, Robot robot, SyncRun run, String execution, AtsConnector ats,
                      SyncListener listener, CheckpointHook checkpoints, Clock clock, Duration overlap,
                      Duration initialLookback, Duration staleAfter) {
        this.store = store;
        this.robot = robot;
        this.run = run;
        this.execution = execution;
        this.ats = ats;
        this.listener = listener;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.overlap = overlap;
        this.initialLookback = initialLookback;
        this.staleAfter = staleAfter;
    }

    public RenkeiStore store() {
        return store;
    }

    public Robot robot() {
        return robot;
    }

    public SyncRun run() {
        return run;
    }

    /** This execution's token. */
    public String execution() {
        return execution;
    }

    public AtsConnector ats() {
        return ats;
    }

    public SyncListener listener() {
        return listener;
    }

    public CheckpointHook checkpoints() {
        return checkpoints;
    }

    public Clock clock() {
        return clock;
    }

    public Duration overlap() {
        return overlap;
    }

    public Duration initialLookback() {
        return initialLookback;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * Registers {@code slot} as the reader of a board account.
     *
     * @return {@code null} when {@code slot} reads it; otherwise the slot of this run that already does
     */
    public SlotId claimAccount(String medium, String accountKey, SlotId slot) {
        SlotId first = readers.putIfAbsent(Keys.of(medium, accountKey), slot);
        return first == null || first.equals(slot) ? null : first;
    }

    /** Marks a ledger key as in work in this execution. @return false when it already is */
    public boolean beginWork(String idempotencyKey) {
        return inWork.add(idempotencyKey);
    }

    /** Ends the work on a ledger key. */
    public void endWork(String idempotencyKey) {
        inWork.remove(idempotencyKey);
    }

    /** Tracks a slot task, so that a stop cancels it. */
    public void track(Future<?> task) {
        tasks.add(task);
        if (stop.get() != null) {
            task.cancel(true);
        }
    }

    /** Stops the execution: the first reason wins; every slot task is cancelled (interrupted). */
    public void stop(Stop reason) {
        if (stop.compareAndSet(null, reason)) {
            tasks.forEach(t -> t.cancel(true));
        }
    }

    /** Why the execution stopped, or {@code null} while it goes on. */
    public Stop stopped() {
        return stop.get();
    }

    /**
     * The fence before every ATS call: true while this execution still holds its run in the store. When it does
     * not, the execution stops and must write nothing more.
     */
    public boolean stillCurrent() {
        if (stop.get() != null) {
            return false;
        }
        if (store.runs().isLive(run.id(), execution, null)) {
            return true;
        }
        stop(Stop.FENCED);
        return false;
    }
}
