package dev.renkei.core.store;

import dev.renkei.core.store.internal.InMemoryLedger;
import dev.renkei.core.store.internal.InMemoryMeetings;
import dev.renkei.core.store.internal.InMemoryMyPage;
import dev.renkei.core.store.internal.InMemoryOutbox;
import dev.renkei.core.store.internal.InMemoryRobots;
import dev.renkei.core.store.internal.InMemoryRuns;
import dev.renkei.core.store.internal.InMemorySchedules;
import dev.renkei.core.store.internal.InMemoryWatermarks;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * A store in memory, for hosts' unit tests and the demo. Thread-safe (one lock); nothing survives the process.
 */
public final class InMemoryStore implements RenkeiStore {
    private final Object lock = new Object();
    private final Clock clock;

    private final InMemoryRobots robotStore;
    private final InMemoryRuns runStore;
    private final InMemoryLedger importLedger;
    private final InMemoryWatermarks watermarkStore;
    private final InMemoryOutbox mailOutbox;
    private final InMemorySchedules scheduleStore;
    private final InMemoryMeetings meetingStore;
    private final InMemoryMyPage myPageStore;

    /** A store on the system UTC clock. */
    public InMemoryStore() {
        this(Clock.systemUTC());
    }

    /** A store on the given clock (its "database clock"). */
    public InMemoryStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        this.mailOutbox = new InMemoryOutbox(lock, clock);
        this.robotStore = new InMemoryRobots(lock, clock);
        this.runStore = new InMemoryRuns(lock, clock, mailOutbox);
        this.importLedger = new InMemoryLedger(lock, clock);
        this.watermarkStore = new InMemoryWatermarks(lock, clock);
        this.scheduleStore = new InMemorySchedules(lock, clock);
        this.meetingStore = new InMemoryMeetings(lock, clock);
        this.myPageStore = new InMemoryMyPage(lock, clock, mailOutbox);
    }

    @Override
    public RobotStore robots() {
        return robotStore;
    }

    @Override
    public RunStore runs() {
        return runStore;
    }

    @Override
    public ImportLedger ledger() {
        return importLedger;
    }

    @Override
    public WatermarkStore watermarks() {
        return watermarkStore;
    }

    @Override
    public MailOutbox outbox() {
        return mailOutbox;
    }

    @Override
    public ScheduleStore schedules() {
        return scheduleStore;
    }

    @Override
    public MeetingStore meetings() {
        return meetingStore;
    }

    @Override
    public MyPageStore myPage() {
        return myPageStore;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
