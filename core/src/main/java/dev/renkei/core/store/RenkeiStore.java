package dev.renkei.core.store;

import java.time.Instant;

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

    /** The store's clock (the database's for JDBC): lease and due decisions use it. */
    Instant now();
}
