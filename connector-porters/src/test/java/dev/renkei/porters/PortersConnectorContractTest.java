package dev.renkei.porters;

import dev.renkei.core.testing.JobSeekerConnectorContract;
import dev.renkei.core.testing.JobSeekerFixture;
import dev.renkei.porters.testing.PortersFixture;
import java.time.Clock;

class PortersConnectorContractTest extends JobSeekerConnectorContract {
    @Override
    protected JobSeekerFixture fixture(Clock clock) {
        return PortersFixture.start(clock);
    }
}
