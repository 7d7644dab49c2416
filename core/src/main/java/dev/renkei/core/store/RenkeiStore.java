package dev.renkei.core.store;

import dev.renkei.core.model.RunId;
import java.time.Instant;
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

    /** The store's clock (the database's for JDBC): lease and due decisions use it. */
    Instant now();
}
