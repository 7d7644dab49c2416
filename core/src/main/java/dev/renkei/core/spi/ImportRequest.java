package dev.renkei.core.spi;

import dev.renkei.core.internal.Checks;
import dev.renkei.core.model.Applicant;

/**
 * One application to import.
 *
 * @param idempotencyKey Renkei's opaque key for the application (a hash of the ledger key; no personal data).
 *     Connectors put it on the created record (tag, link, header, field) so a later lookup finds it.
 * @param medium the medium id, e.g. {@code doda} (the ATS source name unless configured otherwise)
 * @param applicant the application
 */
public record ImportRequest(String idempotencyKey, String medium, Applicant applicant) {
    /** Validates. */
    public ImportRequest {
        Checks.notBlank(idempotencyKey, "idempotency key");
        Checks.notBlank(medium, "medium");
        Checks.notNull(applicant, "applicant");
    }
}
