package dev.renkei.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A CRM that holds job seekers (e.g. PORTERS HRBC Person/Resume) and takes a status back, created by a
 * {@link JobSeekerConnectorProvider}.
 */
public interface JobSeekerConnector {
    /**
     * A cheap authenticated call that proves the credentials (or grant) work.
     *
     * @throws dev.renkei.core.ConnectorException {@code LOGIN_FAILED}, {@code CRM_GRANT_MISSING},
     *     {@code UNAVAILABLE}…
     */
    void checkLogin();

    /** Job seekers matching the filter, lazily paged. */
    Stream<JobSeeker> jobSeekers(Filter filter);

    /** Writes a status value back to a job seeker's record. */
    void writeBack(String jobSeekerId, String field, String value);

    /**
     * A source filter.
     *
     * @param conditions source-specific conditions by field name
     * @param updatedSince only records updated at or after this instant, or {@code null}
     */
    record Filter(Map<String, String> conditions, Instant updatedSince) {
        /** Copies. */
        public Filter {
            conditions = conditions == null ? Map.of() : Map.copyOf(conditions);
        }
    }

    /**
     * A job seeker.
     *
     * @param id the source's id (e.g. Resume id)
     * @param personId the person id, or {@code null}
     * @param name name
     * @param email e-mail, or {@code null}
     * @param ownerEmails e-mails of the record owners (to notify)
     * @param fields further fields
     */
    record JobSeeker(String id, String personId, String name, String email, List<String> ownerEmails,
                     Map<String, String> fields) {
        /** Copies. */
        public JobSeeker {
            ownerEmails = ownerEmails == null ? List.of() : List.copyOf(ownerEmails);
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }
}
