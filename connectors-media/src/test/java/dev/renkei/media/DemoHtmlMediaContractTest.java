package dev.renkei.media;

import dev.renkei.core.testing.MediaConnectorContract;
import dev.renkei.core.testing.MediaFixture;
import dev.renkei.media.testing.DemoBoardFixture;

class DemoHtmlMediaContractTest extends MediaConnectorContract {
    @Override
    protected MediaFixture fixture() {
        return DemoBoardFixture.html();
    }
}
