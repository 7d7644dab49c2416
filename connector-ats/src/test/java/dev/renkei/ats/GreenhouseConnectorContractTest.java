package dev.renkei.ats;

import dev.renkei.ats.testing.GreenhouseFixture;
import dev.renkei.core.testing.AtsConnectorContract;
import dev.renkei.core.testing.AtsFixture;
import java.time.Clock;

class GreenhouseConnectorContractTest extends AtsConnectorContract {
    @Override
    protected AtsFixture fixture(Clock clock) {
        return GreenhouseFixture.start(clock);
    }
}
