package dev.renkei.core.spi;

/**
 * Creates {@link AtsConnector}s. The context's config holds the robot's {@code AtsAccount} settings; its secrets
 * hold {@code loginId} and {@code secret} from the account's credentials, and any extras.
 */
public interface AtsConnectorProvider extends ConnectorProvider<AtsConnector> {}
