package dev.renkei.porters.internal;

import dev.renkei.core.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A sliding window of request starts: at most {@code perMinute} in any 60 s plus a {@link #MARGIN}, waiting (on the
 * injected sleeper) for the oldest to leave the window otherwise. HRBC allows 2,000 reads and 500 writes a minute and
 * has been seen to drop connections beyond that, so the client keeps under the caps itself. The margin covers the
 * time between taking a permit and the request reaching PORTERS: without it the {@code mypage-batch} benchmark saw
 * 2,001 requests arrive within one minute at the simulator. Thread-safe. Not API.
 */
public final class RequestBudget {
    /** How much longer than a minute a permit is held, for the latency between the permit and the arrival. */
    static final Duration MARGIN = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofMinutes(1).plus(MARGIN);

    private final int perMinute;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deque<Instant> starts = new ArrayDeque<>();

    /** A budget of {@code perMinute} requests per minute. */
    public RequestBudget(int perMinute, Clock clock, Sleeper sleeper) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be positive");
        }
        this.perMinute = perMinute;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Takes one request from the budget, waiting while the last minute is full. */
    public synchronized void acquire() {
        while (true) {
            Instant now = clock.instant();
            while (!starts.isEmpty() && !starts.peekFirst().plus(WINDOW).isAfter(now)) {
                starts.removeFirst();
            }
            if (starts.size() < perMinute) {
                starts.addLast(now);
                return;
            }
            try {
                sleeper.sleep(Duration.between(now, starts.peekFirst().plus(WINDOW)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.renkei.core.ConnectorException(dev.renkei.core.ErrorCode.INTERNAL,
                        "interrupted while waiting for the PORTERS request budget", e);
            }
        }
    }
}
