/**
 * ATS connectors: the in-process {@link dev.renkei.ats.CandidateSink} ({@code sink}), a signed webhook
 * ({@code webhook}, scheme in {@link dev.renkei.ats.WebhookSignature}), Lever ({@code lever}) and Greenhouse
 * Harvest v3 ({@code greenhouse}). None of the real ATS APIs offers an idempotency key: each connector puts
 * Renkei's opaque key on the record it creates, looks up before every create and after every unclear failure, and
 * never re-sends a create blindly.
 *
 * <p>Error rule for a single application: data the board did not give and the customer cannot add in Renkei (no
 * name, no e-mail) → {@code APPLICANT_INCOMPLETE} (no action needed, the operator looks); a setting the customer
 * can fix (no job routing target) → {@code CONFIGURATION_INVALID}; data the ATS refuses (400/422) →
 * {@code DATA_REJECTED} naming the fields; 401 → {@code LOGIN_FAILED}; 403 → {@code PERMISSION_MISSING};
 * timeouts, 5xx and 429 beyond the budget → {@code TIMEOUT}/{@code UNAVAILABLE}/{@code RATE_LIMITED}.
 */
package dev.renkei.ats;
