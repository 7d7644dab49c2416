package dev.renkei.ats;

import dev.renkei.ats.internal.WebhookConnector;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.ConnectorContext;

/**
 * The signed-webhook ATS connector (id {@code webhook}): POSTs each application as JSON to a URL the customer
 * runs, signed as {@link WebhookSignature} describes.
 *
 * <p>Settings: {@code url} (required, https; {@code allowInsecureHttp=true} permits http for local receivers),
 * {@code routing.<board job>} / {@code routing.default} (optional; the routed id is sent as {@code jobId}),
 * {@code source.<medium>} / {@code source} (sent as {@code source}; default the medium id). Credentials:
 * {@code secret} = the signing secret (required); {@code loginId} = a key id sent as {@value WebhookSignature#KEY_ID_HEADER}
 * so the receiver can pick the secret while rotating.
 *
 * <p>Protocol:
 * <ul>
 *   <li>Import: {@code POST <url>} with {@code Idempotency-Key}, the signature headers and the body
 *       {@code {"idempotencyKey","medium","source","jobId"?,"applicant":{"boardApplicationId","appliedAt" (ISO),
 *       "name","nameKana","email","phone","birthDate","gender","address","appliedJob","fields":{…},
 *       "attachments":[{"fileName","contentType","contentBase64"}]}}}. A 2xx answer with
 *       {@code {"candidateId":"…"}} (or {@code "id"}) means imported; <b>409</b> with the same body means "already
 *       imported under this key" and is a success. The executor retries the POST on I/O errors, 429 and
 *       502–504 with the same key, so the receiver must treat the key as unique.</li>
 *   <li>Find: {@code GET <url>?idempotencyKey=<key>}, signed over an empty body, with {@code Idempotency-Key}:
 *       200 with {@code {"candidateId"}} = found; 404 = not found. A receiver without this GET answers 404/405,
 *       which Renkei reads as "not found" and the next POST settles it through the 409 path.</li>
 *   <li>Login check: {@code GET <url>?check=1}, signed; 401/403 = the secret is refused, 5xx = unavailable,
 *       anything else = reachable.</li>
 *   <li>Errors: 401 → {@code LOGIN_FAILED}, 403 → {@code PERMISSION_MISSING}, 400/422 with
 *       {@code {"errors":[{"field","message"}]}} → {@code DATA_REJECTED} naming the fields, 5xx → {@code UNAVAILABLE}.</li>
 * </ul>
 */
public final class WebhookAtsConnectorProvider implements AtsConnectorProvider {
    /** The id. */
    public static final String ID = "webhook";

    /** For {@link java.util.ServiceLoader} and explicit registration. */
    public WebhookAtsConnectorProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AtsConnector create(ConnectorContext context) {
        return new WebhookConnector(context);
    }
}
