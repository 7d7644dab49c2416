package dev.renkei.core.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records every wait instead of sleeping, and advances a fake clock by it. */
final class RecordingSleeper implements Sleeper {
    /** Something to do when a wait is asked for (e.g. open a port, throw). */
    interface Hook {
        void onSleep(int index, Duration d) throws InterruptedException;
    }

    private final FakeClock clock;
    private final List<Duration> sleeps = new ArrayList<>();
    private Hook hook = (i, d) -> { };

    RecordingSleeper(FakeClock clock) {
        this.clock = clock;
    }

    RecordingSleeper onSleep(Hook h) {
        this.hook = h;
        return this;
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        int index;
        synchronized (this) {
            index = sleeps.size();
            sleeps.add(d);
        }
        hook.onSleep(index, d);
        if (clock != null) {
            clock.advance(d);
        }
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
