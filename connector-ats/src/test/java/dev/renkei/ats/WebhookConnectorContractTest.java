package dev.renkei.ats;

import dev.renkei.ats.testing.WebhookFixture;
import dev.renkei.core.testing.AtsConnectorContract;
import dev.renkei.core.testing.AtsFixture;
import java.time.Clock;

class WebhookConnectorContractTest extends AtsConnectorContract {
    @Override
    protected AtsFixture fixture(Clock clock) {
        return WebhookFixture.start(clock);
    }
}
