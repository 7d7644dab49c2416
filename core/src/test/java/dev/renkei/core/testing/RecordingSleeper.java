package dev.renkei.core.testing;

import dev.renkei.core.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Sleeper} that never sleeps: it records every wait and moves a {@link MutableClock} by it, so pacing,
 * backoff and {@code Retry-After} waits take no real time while the connector still sees time pass.
 */
public final class RecordingSleeper implements Sleeper {
    private final MutableClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    /** A sleeper that advances {@code clock}. */
    public RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        synchronized (sleeps) {
            sleeps.add(duration);
        }
        clock.advance(duration);
    }

    /** Every wait asked for, in order. */
    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    /** The longest single wait asked for, or zero. */
    public Duration longest() {
        return sleeps().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Forgets the recorded waits. */
    public void clear() {
        synchronized (sleeps) {
            sleeps.clear();
        }
    }
}
