package dev.renkei.ats;

import dev.renkei.ats.testing.SinkFixture;
import dev.renkei.core.testing.AtsConnectorContract;
import dev.renkei.core.testing.AtsFixture;
import java.time.Clock;

class SinkConnectorContractTest extends AtsConnectorContract {
    @Override
    protected AtsFixture fixture(Clock clock) {
        return SinkFixture.start(clock);
    }
}
