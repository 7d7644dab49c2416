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
public final class InMemoryStore extends Repositories {
    private final Clock clock;

    /** A store on the system UTC clock. */
    public InMemoryStore() {
        this(Clock.systemUTC());
    }

    /** A store on the given clock (its "database clock"). */
    public InMemoryStore(Clock clock) {
        super(repositories(Objects.requireNonNull(clock, "clock"), new Object()));
        this.clock = clock;
    }

    /** Every repository guarded by one lock. */
    private static Set repositories(Clock clock, Object lock) {
        InMemoryOutbox outbox = new InMemoryOutbox(lock, clock);
        return new Set(new InMemoryRobots(lock, clock), new InMemoryRuns(lock, clock, outbox),
                new InMemoryLedger(lock, clock), new InMemoryWatermarks(lock, clock), outbox,
                new InMemorySchedules(lock, clock), new InMemoryMeetings(lock, clock),
                new InMemoryMyPage(lock, clock, outbox));
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
