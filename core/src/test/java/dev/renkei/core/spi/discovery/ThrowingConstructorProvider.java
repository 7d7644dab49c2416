package dev.renkei.core.spi.discovery;

import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;

/** Fails in its constructor, like a provider whose dependency is missing. */
public class ThrowingConstructorProvider implements MediaConnectorProvider {
    public ThrowingConstructorProvider() {
        throw new IllegalStateException("boom in constructor");
    }

    @Override
    public String id() {
        return "never";
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        throw new AssertionError("discovery and registration must never call create()");
    }
}
