package dev.renkei.core.spi;

/** Creates {@link MeetingProvider}s (e.g. Zoom). */
public interface MeetingProviderFactory extends ConnectorProvider<MeetingProvider> {}
