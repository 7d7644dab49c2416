package dev.renkei.core.spi.discovery;

import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;

/** Claims the id of {@link GoodBoardProvider}. */
public class ClashingBoardProvider implements MediaConnectorProvider {
    @Override
    public String id() {
        return "good-board";
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        throw new AssertionError("discovery and registration must never call create()");
    }
}
