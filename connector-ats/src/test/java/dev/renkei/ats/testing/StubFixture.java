package dev.renkei.ats.testing;

import dev.renkei.core.testing.AtsFixture;
import java.time.Duration;

/**
 * An {@link AtsFixture} over an HTTP simulator: the fault switches are the simulator's, and every such connector
 * limits rates.
 *
 * @param <S> the simulator
 */
public abstract class StubFixture<S extends FaultingStub> implements AtsFixture {
    protected final S stub;

    protected StubFixture(S stub) {
        this.stub = stub;
    }

    /** The simulator. */
    public S stub() {
        return stub;
    }

    @Override
    public void failNextCreateAfterStoring() {
        stub.failNextCreateAfterStoring(503);
    }

    @Override
    public boolean limitsRates() {
        return true;
    }

    @Override
    public void rateLimitNextCreate(Duration retryAfter) {
        stub.rateLimitNextCreate(retryAfter);
    }
}
