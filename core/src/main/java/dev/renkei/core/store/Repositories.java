package dev.renkei.core.store;

import java.util.Objects;

/**
 * The repositories of one store, each a class of its own ({@code store.internal}); {@link InMemoryStore} and
 * {@link JdbcStore} hand theirs over here and inherit the accessors, so the two facades hold no repetition.
 */
abstract class Repositories implements RenkeiStore {
    private final RobotStore robots;
    private final RunStore runs;
    private final ImportLedger ledger;
    private final WatermarkStore watermarks;
    private final MailOutbox outbox;
    private final ScheduleStore schedules;
    private final MeetingStore meetings;
    private final MyPageStore myPage;

    /** The repositories of a store, by name. */
    record Set(RobotStore robots, RunStore runs, ImportLedger ledger, WatermarkStore watermarks, MailOutbox outbox,
               ScheduleStore schedules, MeetingStore meetings, MyPageStore myPage) {}

    Repositories(Set set) {
        this.robots = Objects.requireNonNull(set.robots());
        this.runs = Objects.requireNonNull(set.runs());
        this.ledger = Objects.requireNonNull(set.ledger());
        this.watermarks = Objects.requireNonNull(set.watermarks());
        this.outbox = Objects.requireNonNull(set.outbox());
        this.schedules = Objects.requireNonNull(set.schedules());
        this.meetings = Objects.requireNonNull(set.meetings());
        this.myPage = Objects.requireNonNull(set.myPage());
    }

    @Override
    public final RobotStore robots() {
        return robots;
    }

    @Override
    public final RunStore runs() {
        return runs;
    }

    @Override
    public final ImportLedger ledger() {
        return ledger;
    }

    @Override
    public final WatermarkStore watermarks() {
        return watermarks;
    }

    @Override
    public final MailOutbox outbox() {
        return outbox;
    }

    @Override
    public final ScheduleStore schedules() {
        return schedules;
    }

    @Override
    public final MeetingStore meetings() {
        return meetings;
    }

    @Override
    public final MyPageStore myPage() {
        return myPage;
    }
}
