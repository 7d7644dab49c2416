package dev.renkei.core.store.internal;

import java.time.Clock;
import java.util.Objects;

/**
 * The base of each in-memory repository: every repository of one store synchronises on the same lock, so a call that
 * touches two of them (finishing a run enqueues its mails) is one atomic step, and reads the same clock. Not API.
 */
abstract class InMemoryRepository {
    final Object lock;
    final Clock clock;

    InMemoryRepository(Object lock, Clock clock) {
        this.lock = Objects.requireNonNull(lock, "lock");
        this.clock = Objects.requireNonNull(clock, "clock");
    }
}
