package dev.renkei.core.testing;

import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.ConnectorContext;
import java.util.HashMap;
import java.util.Map;

/** Connector contexts built the way the engine builds them, for connector tests. */
public final class Contexts {
    private Contexts() {}

    /**
     * A context over {@code http} (its clock and sleeper) with these settings and, when {@code credentials} is not
     * null, the secrets the engine derives from them: {@code loginId}, {@code secret} and each non-empty extra.
     */
    public static ConnectorContext of(HttpExecutor http, Map<String, String> settings, Credentials credentials) {
        Map<String, Secret> secrets = new HashMap<>();
        if (credentials != null) {
            secrets.put("loginId", Secret.of(credentials.loginId()));
            secrets.put("secret", credentials.secret());
            credentials.extras().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    secrets.put(k, Secret.of(v));
                }
            });
        }
        return ConnectorContext.of(http).with(settings, secrets);
    }
}
