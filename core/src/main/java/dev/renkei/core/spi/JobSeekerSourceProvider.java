package dev.renkei.core.spi;

/** Creates {@link JobSeekerSource}s (e.g. PORTERS HRBC). */
public interface JobSeekerSourceProvider extends ConnectorProvider<JobSeekerSource> {}
