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

    /** Marks a run running, owned by {@code owner}, and sets its start time and heartbeat from the store's clock. */
    void start(RunId id, String owner);

    /** Refreshes a running run's heartbeat. @return false when the run is no longer owned by {@code owner} */
    boolean heartbeat(RunId id, String owner);

    /**
     * Finishes a run: its status, finish time and result (errors included) and the mails it produced, in one
     * transaction. A run already final is left unchanged and no mail is added.
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

    /** Runs of every tenant whose window start lies in {@code [from, to]} (the scheduler's view of claimed windows). */
    List<SyncRun> listByWindow(Instant from, Instant to);

    /** Queued or running runs of every tenant whose heartbeat is missing or older than {@code before}. */
    List<SyncRun> listStale(Instant before);

    /**
     * Takes over a run whose instance died, as read by {@link #listStale}: if it is still queued or running, still
     * has the owner and heartbeat it had when read, and that heartbeat is missing or older than {@code before}, it
     * becomes running, owned by {@code newOwner}, with a fresh heartbeat. Of several instances taking over one run,
     * exactly one succeeds.
     *
     * @return true when this call took the run over
     */
    boolean takeOver(SyncRun stale, String newOwner, Instant before);

    /**
     * Hands a run back: it stays unfinished but its heartbeat is cleared, so any instance takes it over at once.
     * Only the owner can release.
     */
    void release(RunId id, String owner);
}
