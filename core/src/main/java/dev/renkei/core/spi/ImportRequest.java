package dev.renkei.core.spi;

import dev.renkei.core.support.Checks;
import dev.renkei.core.model.Applicant;

/**
 * One application to import.
 *
 * @param idempotencyKey Renkei's opaque key for the application (a hash of the ledger key; no personal data).
 *     Connectors put it on the created record (tag, link, header, field) so a later lookup finds it.
 * @param medium the medium id, e.g. {@code doda} (the ATS source name unless configured otherwise)
 * @param applicant the application
 * @param mayExist true when an earlier attempt (a run that crashed or lost its lease, or an unclear failure) may
 *     already have reached the ATS with this key: the connector must look the key up before it creates anything
 *     and fill in what the found record lacks. False for a key reserved fresh by this attempt; connectors that
 *     find duplicates by other means (e.g. the applicant's e-mail) may still look up.
 */
public record ImportRequest(String idempotencyKey, String medium, Applicant applicant, boolean mayExist) {
    /** Validates. */
    public ImportRequest {
        Checks.notBlank(idempotencyKey, "idempotency key");
        Checks.notBlank(medium, "medium");
        Checks.notNull(applicant, "applicant");
    }

    /** A request for a key that may have been attempted before (the safe default: look up first). */
    public ImportRequest(String idempotencyKey, String medium, Applicant applicant) {
        this(idempotencyKey, medium, applicant, true);
    }
}
