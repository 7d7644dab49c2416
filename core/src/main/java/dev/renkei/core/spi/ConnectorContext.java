package dev.renkei.core.spi;

import dev.renkei.core.ValidationException;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a connector gets when it is created: the shared HTTP executor, the clock and sleeper, its configuration
 * (not secret), the account's typed credentials, an OAuth token source for connectors that call an API on behalf
 * of a linked account, further named secrets, and a logger.
 *
 * @param http the shared HTTP executor
 * @param clock the clock
 * @param sleeper the sleeper (pacing, waits)
 * @param config settings such as base URLs, by name
 * @param secrets further secrets by name (most connectors need none: the account's are in {@code credentials})
 * @param logger the logger to use
 * @param credentials the account's credentials (ATS API key, client id and secret, signing secret…), or
 *     {@code null} for connectors that log in later ({@link MediaConnector#login}) or need none
 * @param tokens the linked account's token source, or {@code null}
 */
public record ConnectorContext(HttpExecutor http, Clock clock, Sleeper sleeper, Map<String, String> config,
                               Map<String, Secret> secrets, System.Logger logger, Credentials credentials,
                               TokenSource tokens) {
    /** Validates and copies. */
    public ConnectorContext {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        config = config == null ? Map.of() : Map.copyOf(config);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        logger = logger == null ? System.getLogger("dev.renkei.connector") : logger;
    }

    /** A context without credentials or token source. */
    public ConnectorContext(HttpExecutor http, Clock clock, Sleeper sleeper, Map<String, String> config,
                            Map<String, Secret> secrets, System.Logger logger) {
        this(http, clock, sleeper, config, secrets, logger, null, null);
    }

    /** A context over an executor with its clock and sleeper, and no settings. */
    public static ConnectorContext of(HttpExecutor http) {
        return new ConnectorContext(http, http.clock(), http.sleeper(), Map.of(), Map.of(), null);
    }

    /** A copy with other settings and secrets (the executor, clock and logger are shared). */
    public ConnectorContext with(Map<String, String> newConfig, Map<String, Secret> newSecrets) {
        return new ConnectorContext(http, clock, sleeper, newConfig, newSecrets, logger, credentials, tokens);
    }

    /** A copy with the account's credentials. */
    public ConnectorContext withCredentials(Credentials newCredentials) {
        return new ConnectorContext(http, clock, sleeper, config, secrets, logger, newCredentials, tokens);
    }

    /** A copy with a token source. */
    public ConnectorContext withTokens(TokenSource newTokens) {
        return new ConnectorContext(http, clock, sleeper, config, secrets, logger, credentials, newTokens);
    }

    /** The account's credentials. @throws ValidationException when the account has none */
    public Credentials requireCredentials() {
        if (credentials == null) {
            throw new ValidationException("the account has no credentials, and this connector needs them");
        }
        return credentials;
    }

    /** The token source. @throws ValidationException when the account is not linked */
    public TokenSource requireTokens() {
        if (tokens == null) {
            throw new ValidationException("the account is not linked (no token source), and this connector needs it");
        }
        return tokens;
    }

    /** An optional setting. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(config.get(name)).filter(v -> !v.isBlank());
    }

    /** A required setting. */
    public String requireSetting(String name) {
        return setting(name).orElseThrow(() -> new ValidationException("connector setting '" + name + "' is required"));
    }

    /** An optional secret. */
    public Optional<Secret> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    /** A required secret. */
    public Secret requireSecret(String name) {
        return secret(name).orElseThrow(() -> new ValidationException("connector secret '" + name + "' is required"));
    }

    @Override
    public String toString() {
        return "ConnectorContext[config=" + new TreeMap<>(config) + ", secrets=" + new TreeMap<>(secrets).keySet()
                + ", credentials=" + credentials + ", tokens=" + (tokens == null ? "none" : "<not logged>") + "]";
    }
}
