package dev.renkei.core.testing;

import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.ConnectorContext;
import java.util.Map;

/** Connector contexts built the way the engine builds them, for connector tests. */
public final class Contexts {
    private Contexts() {}

    /** A context over {@code http} (its clock and sleeper) with these settings and credentials (may be null). */
    public static ConnectorContext of(HttpExecutor http, Map<String, String> settings, Credentials credentials) {
        return ConnectorContext.of(http).with(settings, Map.of()).withCredentials(credentials);
    }
}
