package dev.renkei.core.spi.discovery;

import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.ConnectorContext;

/** A well-behaved ATS provider. */
public class GoodAtsProvider implements AtsConnectorProvider {
    @Override
    public String id() {
        return "good-ats";
    }

    @Override
    public AtsConnector create(ConnectorContext context) {
        throw new AssertionError("discovery and registration must never call create()");
    }
}
