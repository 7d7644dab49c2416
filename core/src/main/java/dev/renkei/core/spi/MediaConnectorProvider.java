package dev.renkei.core.spi;

/** Creates {@link MediaConnector}s; its {@link #id()} is the medium id used in slot ids ({@code doda_001}). */
public interface MediaConnectorProvider extends ConnectorProvider<MediaConnector> {}
