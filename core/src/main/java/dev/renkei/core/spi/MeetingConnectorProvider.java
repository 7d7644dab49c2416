package dev.renkei.core.spi;

/** Creates {@link MeetingConnector}s (e.g. Zoom); the context carries the linked account's {@link TokenSource}. */
public interface MeetingConnectorProvider extends ConnectorProvider<MeetingConnector> {}
