package dev.renkei.core.http;

import java.time.Duration;

/** Waits. Injected so tests never sleep for real. */
@FunctionalInterface
public interface Sleeper {
    /** The real sleeper. */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
    };

    /** Sleeps for the duration. Restores nothing: callers handle the interrupt. */
    void sleep(Duration duration) throws InterruptedException;
}
