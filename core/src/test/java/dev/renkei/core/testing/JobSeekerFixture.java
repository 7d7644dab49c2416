package dev.renkei.core.testing;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.spi.JobSeekerConnectorProvider;
import java.util.List;
import java.util.Map;

/**
 * A job-seeker source (or its simulator) for {@link JobSeekerConnectorContract}: fresh per test (no job seekers),
 * with switches for the faults the contract needs. {@link #close()} stops what it started.
 */
public interface JobSeekerFixture extends AutoCloseable {
    /** The provider under test. */
    JobSeekerConnectorProvider provider();

    /** Settings pointing the provider at the source. */
    Map<String, String> settings();

    /** Credentials the source accepts. */
    Credentials credentials();

    /** Credentials the source refuses. */
    Credentials wrongCredentials();

    /**
     * Adds job seekers with these ids (ascending numbers as text), each with an e-mail {@code js<id>@example.com},
     * owner {@code owner@example.com}, and one resume.
     */
    void seed(List<String> ids);

    /** Adds one job seeker without an e-mail. */
    void seedWithoutEmail(String id);

    /** A status target the source accepts on a person. */
    JobSeekerConnector.StatusTarget personTarget();

    /** The values written to a record, in order (as the source shows them). */
    List<String> writtenTo(String recordId);

    /** Maintenance on every call while on. */
    void maintenance(boolean on);

    /** The one-time grant is missing while on. */
    void grantMissing(boolean on);

    /** Stops the source; nothing by default. */
    @Override
    default void close() {}
}
