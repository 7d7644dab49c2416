package dev.renkei.media;

import dev.renkei.core.testing.MediaConnectorContract;
import dev.renkei.core.testing.MediaFixture;
import dev.renkei.media.testing.DemoBoardFixture;

class DemoCsvMediaContractTest extends MediaConnectorContract {
    @Override
    protected MediaFixture fixture() {
        return DemoBoardFixture.csv();
    }
}
