package dev.renkei.core.spi.discovery;

import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;

/** Fails when asked for its id. */
public class ThrowingIdProvider implements MediaConnectorProvider {
    @Override
    public String id() {
        throw new IllegalStateException("boom in id()");
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        throw new AssertionError("discovery and registration must never call create()");
    }
}
