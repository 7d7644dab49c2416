package dev.renkei.core.spi;

/**
 * Creates {@link AtsConnector}s. The context's config holds the robot's {@code AtsAccount} settings and its
 * {@link ConnectorContext#credentials() credentials} the account's typed credentials (login id, secret, extras).
 */
public interface AtsConnectorProvider extends ConnectorProvider<AtsConnector> {}
