package dev.renkei.media.indeed;

import dev.renkei.core.testing.MediaConnectorContract;
import dev.renkei.core.testing.MediaFixture;
import dev.renkei.media.testing.IndeedInboxFixture;

class IndeedMediaContractTest extends MediaConnectorContract {
    @Override
    protected MediaFixture fixture() {
        return new IndeedInboxFixture();
    }
}
