package dev.renkei.core.spi.discovery;

import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;

/** A second media provider listed after the broken ones. */
public class OtherBoardProvider implements MediaConnectorProvider {
    @Override
    public String id() {
        return "other-board";
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        throw new AssertionError("discovery and registration must never call create()");
    }
}
