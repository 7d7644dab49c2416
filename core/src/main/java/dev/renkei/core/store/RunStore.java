package dev.renkei.core.store;

import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Runs, their errors, and the atomic "finish + outbox" write. */
public interface RunStore {
    /**
     * Inserts a run under the unique (tenant, robot, window start) constraint. An unfinished run without a heartbeat
     * gets the store's current time as its first heartbeat, so a fresh claim never looks abandoned.
     *
     * @return true when this call inserted it; false when the window was already claimed
     */
    boolean claim(SyncRun run);

    /**
     * Starts an execution of a claimed run: marks it running, owned by {@code owner}, sets its start time and
     * heartbeat from the store's clock, and hands out a fresh execution token. Heartbeats, the finish and every
     * ledger write of this execution carry the token; they are refused once another execution started.
     *
     * <p>Only a run that no execution holds can start: a queued run (unowned or claimed by {@code owner}), a run
     * taken over by {@code owner} ({@link #takeOver}), or one handed back ({@link #release}).
     *
     * @return the execution token
     * @throws dev.renkei.core.NotFoundException when the run does not exist
     * @throws dev.renkei.core.ConflictException when the run is final, owned by another instance,
     *     or already held by an execution
     */
    String start(RunId id, String owner);

    /**
     * Claims a scheduled window as {@link #claim} does, unless another window's run of the robot is queued or
     * running among its {@value #RECENT_RUNS} latest runs (a robot runs one run at a time). The default reads those
     * runs, then claims; a JDBC store on PostgreSQL does both in one statement.
     *
     * @return what happened
     */
    default ClaimOutcome claimIfIdle(SyncRun run) {
        boolean busy = false;
        for (SyncRun x : list(run.tenant(), run.robot(), RECENT_RUNS)) {
            if (x.windowStart().equals(run.windowStart())) {
                return ClaimOutcome.WINDOW_TAKEN;
            }
            busy |= !x.status().isFinal();
        }
        if (busy) {
            return ClaimOutcome.ROBOT_BUSY;
        }
        return claim(run) ? ClaimOutcome.CLAIMED : ClaimOutcome.WINDOW_TAKEN;
    }

    /** How many of a robot's latest runs {@link #claimIfIdle} looks at. */
    int RECENT_RUNS = 20;

    /** What {@link #claimIfIdle} did. */
    enum ClaimOutcome {
        /** The window is claimed by this call. */
        CLAIMED,
        /** The window was claimed already (by another instance, or a run that ended). */
        WINDOW_TAKEN,
        /** Another run of the robot is queued or running: nothing was claimed; ask again when it ends. */
        ROBOT_BUSY
    }

    /**
     * As {@link #start}, returning the run as it stands once started as well. The default starts the run, then
     * reads it; a JDBC store on PostgreSQL does both in one statement.
     *
     * @throws dev.renkei.core.NotFoundException when the run does not exist
     * @throws dev.renkei.core.ConflictException as {@link #start}
     */
    default Started startAndRead(RunId id, String owner) {
        String execution = start(id, owner);
        return new Started(execution, find(id).orElseThrow(() ->
                new dev.renkei.core.NotFoundException("run " + id + " not found")));
    }

    /**
     * An execution that just started.
     *
     * @param execution its token
     * @param run the run as stored once started
     */
    record Started(String execution, SyncRun run) {}

    /**
     * Refreshes a running run's heartbeat.
     *
     * @return false when {@code execution} no longer holds the run (taken over, handed back or finished): the
     *     executor must stop and write nothing more
     */
    boolean heartbeat(RunId id, String execution);

    /**
     * True when the run is running under {@code execution} and, when {@code heartbeatSince} is given, its last
     * heartbeat is not older than that instant. The engine asks this before every ATS call (is my execution still
     * current?) and to tell whether the holder of a ledger reservation is alive.
     */
    boolean isLive(RunId id, String execution, Instant heartbeatSince);

    /**
     * Finishes an execution: the run's status, finish time and result (errors included) and the mails it produced,
     * in one transaction, only while {@code execution} still holds the run. A run already final, or held by
     * another execution, is left unchanged and no mail is added.
     *
     * @return true when this call finished the run
     */
    boolean finish(SyncRun finished, List<OutboxMail> mails, String execution);

    /**
     * Finishes a run that no execution holds (never started, or handed back), e.g. a window recorded as missed.
     * Otherwise as {@link #finish(SyncRun, List, String)}.
     *
     * @return true when this call finished the run
     */
    boolean finish(SyncRun finished, List<OutboxMail> mails);

    /** A run by id. */
    Optional<SyncRun> find(RunId id);

    /** A run of the tenant by id. */
    Optional<SyncRun> find(TenantId tenant, RunId id);

    /** The latest runs of a robot, newest first. */
    List<SyncRun> list(TenantId tenant, RobotId robot, int limit);

    /** Runs of every tenant whose window start lies in {@code [from, to]}. */
    List<SyncRun> listByWindow(Instant from, Instant to);

    /**
     * The windows claimed between {@code from} and {@code to} (inclusive), whatever their runs' status: what a
     * scheduling pass needs of {@link #listByWindow}. A store that can answer without reading whole runs (their
     * results) overrides it.
     */
    default List<ClaimedWindow> claimedWindows(Instant from, Instant to) {
        return listByWindow(from, to).stream().map(r -> new ClaimedWindow(r.tenant(), r.robot(), r.windowStart()))
                .toList();
    }

    /**
     * A window some run claimed.
     *
     * @param tenant the robot's tenant
     * @param robot the robot
     * @param windowStart the window's start
     */
    record ClaimedWindow(TenantId tenant, RobotId robot, Instant windowStart) {}

    /** Queued or running runs of every tenant whose heartbeat is missing or older than {@code before}. */
    List<SyncRun> listStale(Instant before);

    /**
     * Takes over a run whose instance died, as read by {@link #listStale}: if it is still queued or running, still
     * has the owner and heartbeat it had when read, and that heartbeat is missing or older than {@code before}, it
     * becomes running, owned by {@code newOwner}, with a fresh heartbeat. Of several instances taking over one run,
     * exactly one succeeds. The run's current execution (if any) is ended: its heartbeats and writes are refused
     * from now on.
     *
     * @return true when this call took the run over
     */
    boolean takeOver(SyncRun stale, String newOwner, Instant before);

    /**
     * Hands a run back: it stays unfinished but its heartbeat and execution are cleared, so any instance takes it
     * over at once and the execution that held it writes nothing more. Only the owner can release.
     */
    void release(RunId id, String owner);
}
