package dev.renkei.ats.testing;

import java.time.Duration;

/** The fault switches every HTTP ATS simulator offers the contract suite. */
public interface FaultingStub extends AutoCloseable {
    /** The next create is stored, then answered with {@code status} (an unclear outcome). */
    void failNextCreateAfterStoring(int status);

    /** The next create is refused with 429 and this {@code Retry-After}. */
    void rateLimitNextCreate(Duration retryAfter);
}
