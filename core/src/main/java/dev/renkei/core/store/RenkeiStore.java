package dev.renkei.core.store;

import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything Renkei persists. Two implementations pass one contract suite: {@link InMemoryStore} and
 * {@code JdbcStore} (H2, PostgreSQL).
 */
public interface RenkeiStore {
    /** Robots and slots. */
    RobotStore robots();

    /** Runs. */
    RunStore runs();

    /** The import ledger. */
    ImportLedger ledger();

    /** Watermarks. */
    WatermarkStore watermarks();

    /** The mail outbox. */
    MailOutbox outbox();

    /** The scheduler's per-robot schedule state. */
    ScheduleStore schedules();

    /** Interview-meeting links, tokens and meetings. */
    MeetingStore meetings();

    /**
     * The MyPage job-seeker sync tables ({@code JdbcStore} and {@link InMemoryStore} have them; a store of your own
     * may not).
     *
     * @throws UnsupportedOperationException when this store has no MyPage tables
     */
    default MyPageStore myPage() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no MyPage tables; use JdbcStore");
    }

    /**
     * The fence right before an ATS call: true while {@code execution} still holds run {@code run} (running, with
     * that execution token) <em>and</em> the {@code RESERVED} ledger entry of {@code key}. A JDBC store answers in
     * one read; a false answer does not say which of the two was lost ({@link RunStore#isLive} does).
     */
    default boolean holdsReservation(RunId run, String execution, LedgerKey key) {
        return runs().isLive(run, execution, null) && ledger().find(key).map(e ->
                e.state() == LedgerEntry.State.RESERVED && execution.equals(e.execution())).orElse(false);
    }

    /**
     * The reservation and the fence in one, right before an ATS call: reserves {@code key} for {@code execution}
     * only while that execution still holds run {@code run}. The default reserves, then checks
     * {@link #holdsReservation} and releases what it reserved when the run was lost; a JDBC store on PostgreSQL does
     * both in one statement.
     *
     * @return {@link Reservation.Outcome#RESERVED} when the key is now this execution's and its run still is;
     *     {@link Reservation.Outcome#TAKEN} with the entry when the key was reserved or completed already (the
     *     caller decides, and fences again before an ATS call); {@link Reservation.Outcome#LOST} when the execution
     *     no longer holds its run or the reservation (nothing is left reserved)
     */
    default Reservation reserveHolding(LedgerKey key, RunId run, String execution) {
        Optional<LedgerEntry> existing = ledger().reserve(key, run, execution);
        if (existing.isPresent()) {
            return Reservation.taken(existing.get());
        }
        if (holdsReservation(run, execution, key)) {
            return Reservation.reserved();
        }
        ledger().release(key, execution);
        return Reservation.lost();
    }

    /**
     * Starts a claimed run ({@link RunStore#startAndRead}) and reads the robot it runs, with its slots. The default
     * reads the robot first, then starts the run; a JDBC store on PostgreSQL does both in one statement.
     *
     * @param claimed the run, as claimed
     * @param owner the instance that executes it
     * @return the execution, the run as stored once started, and the robot (empty when it no longer exists)
     * @throws dev.renkei.core.ConflictException when the run is finished or another execution holds it
     * @throws dev.renkei.core.NotFoundException when the run does not exist
     */
    default RunStart startRun(SyncRun claimed, String owner) {
        Objects.requireNonNull(claimed, "claimed run");
        Optional<Robot> robot = robots().find(claimed.tenant(), claimed.robot());
        RunStore.Started started = runs().startAndRead(claimed.id(), owner);
        return new RunStart(started.execution(), started.run(), robot);
    }

    /**
     * A run just started, with the robot it runs.
     *
     * @param execution the execution's token
     * @param run the run as stored once started
     * @param robot the robot with its slots; empty when it no longer exists
     */
    record RunStart(String execution, SyncRun run, Optional<Robot> robot) {
        /** Checks the parts. */
        public RunStart {
            Objects.requireNonNull(execution, "execution");
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(robot, "robot");
        }
    }

    /**
     * A slot's successful login: stores its verdict ({@link RobotStore#saveVerdict}) and reads the watermark of the
     * board account it reached ({@link WatermarkStore#get}). The default makes the two calls; a JDBC store on
     * PostgreSQL makes them one statement.
     *
     * @return the board account's watermark, if any
     * @throws dev.renkei.core.NotFoundException when the robot or the slot no longer exists (no watermark is read)
     */
    default Optional<Instant> recordLogin(TenantId tenant, RobotId robot, SlotId slot, LoginVerdict verdict,
                                          WatermarkKey account) {
        robots().saveVerdict(tenant, robot, slot, verdict);
        return watermarks().get(account);
    }

    /** The store's clock (the database's for JDBC): lease and due decisions use it. */
    Instant now();
}
