package dev.renkei.core.spi;

/**
 * A cheap factory for one connector: an {@link #id()}, then {@link #create(ConnectorContext)}. A provider does no
 * I/O before {@code create}. Providers are registered explicitly or discovered with {@link java.util.ServiceLoader}
 * through their specific interface ({@link MediaConnectorProvider}, {@link AtsConnectorProvider},
 * {@link MeetingConnectorProvider}, {@link JobSeekerConnectorProvider}); the kinds are {@link ConnectorKind}s.
 *
 * @param <T> the connector type
 */
public interface ConnectorProvider<T> {
    /** The connector id: lower-case letters, digits and '-' (e.g. {@code doda}, {@code greenhouse}). */
    String id();

    /** Creates the connector. */
    T create(ConnectorContext context);
}
