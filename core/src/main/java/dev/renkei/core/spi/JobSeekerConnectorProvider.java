package dev.renkei.core.spi;

/** Creates {@link JobSeekerConnector}s (e.g. PORTERS HRBC). */
public interface JobSeekerConnectorProvider extends ConnectorProvider<JobSeekerConnector> {}
