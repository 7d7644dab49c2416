package dev.renkei.ats;

import dev.renkei.ats.testing.LeverFixture;
import dev.renkei.core.testing.AtsConnectorContract;
import dev.renkei.core.testing.AtsFixture;
import java.time.Clock;

class LeverConnectorContractTest extends AtsConnectorContract {
    @Override
    protected AtsFixture fixture(Clock clock) {
        return LeverFixture.start(clock);
    }
}
