package dev.renkei.core.spi;

import java.util.Optional;

/**
 * An ATS account. Exactly-once comes from the engine's ledger plus this connector: it looks up before it
 * creates and after every unclear failure, and never creates a second record for one idempotency key.
 */
public interface AtsConnector {
    /**
     * A cheap authenticated call that proves the credentials work.
     *
     * @throws dev.renkei.core.ConnectorException {@code LOGIN_FAILED}, {@code PERMISSION_MISSING},
     *     {@code UNAVAILABLE}, {@code TIMEOUT}…
     */
    void checkLogin();

    /** Looks up a record an earlier attempt created for this request's idempotency key. */
    Optional<AtsRecord> find(ImportRequest request);

    /**
     * {@link #find} when the request {@linkplain ImportRequest#mayExist() may already exist} in the ATS (the engine
     * settling a reservation an interrupted run left), otherwise empty without a call: what an
     * {@link #importApplicant} that does not rely on the ATS to deduplicate checks first.
     */
    default Optional<AtsRecord> findIfMayExist(ImportRequest request) {
        return request.mayExist() ? find(request) : Optional.empty();
    }

    /**
     * Imports the application. Implementations look it up first and return the existing record when found.
     *
     * @throws dev.renkei.core.ConnectorException {@code DATA_REJECTED} (naming the fields),
     *     {@code CONFIGURATION_INVALID}, {@code APPLICANT_INCOMPLETE}, {@code LOGIN_FAILED}, {@code UNAVAILABLE}…
     */
    AtsRecord importApplicant(ImportRequest request);
}
