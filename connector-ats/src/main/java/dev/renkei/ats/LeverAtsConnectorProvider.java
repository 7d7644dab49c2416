package dev.renkei.ats;

import dev.renkei.ats.internal.LeverConnector;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.ConnectorContext;

/**
 * The Lever connector (id {@code lever}).
 *
 * <p>Credentials: {@code secret} = the Lever API key (sent as Basic auth user with an empty password);
 * {@code loginId} = the Lever user id the robot acts as ({@code perform_as}), unless the {@code performAs} setting
 * gives it. Settings: {@code baseUrl} (default {@code https://api.lever.co/v1}; the sandbox is
 * {@code https://api.sandbox.lever.co/v1}), {@code performAs}, {@code routing.<board job>} = posting id,
 * {@code routing.default} = fallback posting id (without a match and without a default the opportunity is created
 * without a posting, which Lever allows), {@code source.<medium>}/{@code source} = the source name (default the
 * medium id), {@code markerTag} (default {@code renkei}).
 *
 * <p>Import: {@code GET /opportunities?email=…&expand=applications&confidentiality=all}, paging with
 * {@code offset} = the previous {@code next} while {@code hasNext}. An opportunity carrying the marker tag and the
 * link {@code urn:renkei:<key>} is ours; else one of the person's opportunities on the same posting means the person
 * already applied — in both cases nothing is created and missing résumé files (by name) are uploaded. Otherwise
 * {@code POST /opportunities?perform_as=} with {@code name}, {@code headline} = the kana reading (Lever has no
 * kana field; the headline shows right under the name and is written in the same call, so no second, non-idempotent
 * note call is needed), {@code emails}, {@code phones}, {@code location} = address, {@code links} =
 * [{@code urn:renkei:<key>}] (opaque hash, no personal data), {@code tags} = [marker], {@code sources} = [source
 * name], {@code origin} = {@code applied}, {@code postings} = [routed posting], {@code createdAt}; then each
 * attachment via {@code POST /opportunities/{id}/files?perform_as=} (multipart part {@code file}).
 *
 * <p>Lever has no idempotency key, so the create is never re-sent blindly: after a timeout, reset or 5xx the
 * connector looks up again; found → done, not found → the error is reported and the next attempt starts with a
 * lookup. A 429 (refused, so it did not land) is retried after {@code Retry-After} (else 1 s, 2 s, 4 s), at most
 * four attempts, then {@code RATE_LIMITED}. Client-side pacing: 10 requests/s with bursts of 20 per host through the
 * executor's {@code RateLimit}. Missing name or e-mail → {@code APPLICANT_INCOMPLETE}.
 */
public final class LeverAtsConnectorProvider implements AtsConnectorProvider {
    /** The id. */
    public static final String ID = "lever";

    /** For {@link java.util.ServiceLoader} and explicit registration. */
    public LeverAtsConnectorProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AtsConnector create(ConnectorContext context) {
        return new LeverConnector(context);
    }
}
