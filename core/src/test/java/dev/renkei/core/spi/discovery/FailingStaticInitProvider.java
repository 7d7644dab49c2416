package dev.renkei.core.spi.discovery;

import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;

/** Fails while its class initialises. */
public class FailingStaticInitProvider implements MediaConnectorProvider {
    static final int VALUE = fail();

    private static int fail() {
        throw new IllegalStateException("boom in static init");
    }

    @Override
    public String id() {
        return "never-init";
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        throw new AssertionError("discovery and registration must never call create()");
    }
}
