package dev.renkei.core.spi;

import dev.renkei.core.support.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A CRM that holds job seekers (e.g. PORTERS HRBC Person/Resume) and takes a status back, created by a
 * {@link JobSeekerConnectorProvider}. Every call may be billed by the CRM: implementations retry a bounded number
 * of times and never loop.
 */
public interface JobSeekerConnector {
    /**
     * A cheap authenticated call that proves the credentials (or grant) work.
     *
     * @throws dev.renkei.core.ConnectorException {@code LOGIN_FAILED}, {@code CRM_GRANT_MISSING},
     *     {@code UNAVAILABLE}…
     */
    void checkLogin();

    /**
     * Job seekers matching the filter, lazily paged in a stable order. Close the stream when done.
     *
     * @param filter what to select
     * @return the job seekers, each once
     * @throws dev.renkei.core.ConnectorException when a page cannot be read (the stream stops there)
     */
    Stream<JobSeeker> jobSeekers(Filter filter);

    /**
     * Writes a status to existing records (never creates one). Each item succeeds or fails on its own.
     *
     * @param items the records and the value to write, at most {@link #MAX_WRITE_ITEMS}
     * @return one result per item, in the order given
     * @throws dev.renkei.core.ConnectorException when the whole request failed (grant missing, maintenance…)
     */
    List<WriteResult> writeBack(List<WriteBack> items);

    /** The most items one {@link #writeBack} call takes. */
    int MAX_WRITE_ITEMS = 200;

    /**
     * A source filter.
     *
     * @param conditions source-specific conditions, e.g. {@code Person.P_Phase:or -> Option.P_A} for PORTERS;
     *     passed through as given, in key order
     * @param updatedSince only records updated at or after this instant, or {@code null}
     */
    record Filter(Map<String, String> conditions, Instant updatedSince) {
        /** Copies (sorted by key, so the request is stable). */
        public Filter {
            conditions = conditions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(conditions));
        }

        /** No conditions. */
        public static Filter all() {
            return new Filter(Map.of(), null);
        }
    }

    /**
     * A job seeker: one person and the owners of the person and of its resumes.
     *
     * @param id the source's id of the person (e.g. {@code Person.P_Id})
     * @param name name, or {@code null}
     * @param email e-mail as stored in the source, or {@code null}
     * @param ownerEmails e-mails of the owners of the person and of its resumes (to notify), without duplicates
     * @param resumeIds the ids of the person's resumes
     * @param fields further fields as text, by alias
     */
    record JobSeeker(String id, String name, String email, List<String> ownerEmails, List<String> resumeIds,
                     Map<String, String> fields) {
        /** Validates and copies. */
        public JobSeeker {
            Checks.notBlank(id, "job seeker id");
            ownerEmails = ownerEmails == null ? List.of() : List.copyOf(ownerEmails);
            resumeIds = resumeIds == null ? List.of() : List.copyOf(resumeIds);
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }

    /** The record a status is written to. */
    enum Resource {
        /** The person (PORTERS Candidate, alias prefix {@code Person.}). */
        PERSON,
        /** The person's resumes (PORTERS Resume, alias prefix {@code Resume.}). */
        RESUME
    }

    /**
     * Where a status goes and what is written.
     *
     * @param resource the record kind
     * @param field the field alias, e.g. {@code Person.U_MyPageStatus}
     * @param value the value: text, or the option alias when {@code option} is true (e.g. {@code Option.U_Registered})
     * @param option true when {@code field} is an option field and {@code value} the leaf option alias
     */
    record StatusTarget(Resource resource, String field, String value, boolean option) {
        /** Validates. */
        public StatusTarget {
            Checks.notNull(resource, "resource");
            Checks.singleLine(Checks.notBlank(field, "field alias"), "field alias");
            Checks.singleLine(Checks.notBlank(value, "value"), "value");
        }
    }

    /**
     * One status write.
     *
     * @param recordId the existing record's id (a person id, or a resume id for {@link Resource#RESUME})
     * @param target what to write
     */
    record WriteBack(String recordId, StatusTarget target) {
        /** Validates. */
        public WriteBack {
            Checks.notBlank(recordId, "record id");
            Checks.notNull(target, "target");
        }
    }

    /**
     * The outcome of one item.
     *
     * @param recordId the record
     * @param ok true when written
     * @param code the source's result code ({@code 0} on success)
     * @param message what failed, or {@code null}
     */
    record WriteResult(String recordId, boolean ok, String code, String message) {
        /** Validates. */
        public WriteResult {
            Checks.notBlank(recordId, "record id");
            Checks.notNull(code, "code");
        }
    }
}
