package dev.renkei.ats;

import dev.renkei.core.spi.ImportRequest;
import java.util.Optional;

/**
 * The host's own candidate store as an import target, for hosts that are the ATS themselves. Register it with
 * {@link SinkAtsConnectorProvider}.
 *
 * <p><b>Store the idempotency key under a unique constraint</b> (e.g. a {@code renkei_key} column with a unique
 * index on your candidate or application table) and insert the candidate and the key in one transaction. Renkei
 * calls {@link #receive} at least once per application: after a crash between your commit and Renkei's ledger
 * update it calls {@link #findByKey} first, but a concurrent retry may still reach {@code receive} twice — the
 * unique constraint makes the second insert fail, and you then return the id stored for that key.
 */
public interface CandidateSink {
    /**
     * Stores the application and returns your candidate (or application) id. When {@code request.idempotencyKey()}
     * is already stored, returns the id stored for it and changes nothing.
     *
     * @param request the applicant, Renkei's opaque idempotency key, and the medium id
     * @return your id for the record, not blank
     * @throws dev.renkei.core.RenkeiException with a fitting code to report a per-application failure (e.g.
     *     {@code DATA_REJECTED} for data you refuse)
     */
    String receive(ImportRequest request);

    /** Your id for a key stored by an earlier {@link #receive}, or empty. */
    Optional<String> findByKey(String idempotencyKey);
}
