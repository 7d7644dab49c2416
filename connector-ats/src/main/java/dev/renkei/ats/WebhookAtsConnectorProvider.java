package dev.renkei.ats;

import dev.renkei.ats.internal.Endpoints;
import dev.renkei.ats.internal.WebhookConnector;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.ConnectorContext;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The signed-webhook ATS connector (id {@code webhook}): POSTs each application as JSON to a URL the customer
 * runs, signed as {@link WebhookSignature} describes.
 *
 * <p>Receiver URL: host configuration, because every applicant goes there, signed with the robot's secret. The host
 * sets it with {@link Builder#url(URI)}; a robot's {@value #URL_SETTING} setting is accepted only when it equals
 * that URL or lies under one of the {@link Builder#allowedUrlPrefixes(Collection) prefixes} the host allows (for
 * hosts whose tenants each run a receiver: same scheme, host and port, path at or below the prefix's). {@code new
 * WebhookAtsConnectorProvider()} has neither, so every robot fails {@link #create} with
 * {@code CONFIGURATION_INVALID} until the host configures one; any robot URL outside the allowed ones fails the
 * same way, naming the setting and the allowed values, before any request.
 *
 * <pre>{@code
 * WebhookAtsConnectorProvider.builder().url(URI.create("https://hr.example.com/renkei/applications")).build();
 * WebhookAtsConnectorProvider.builder().allowedUrlPrefixes(List.of(URI.create("https://hooks.example.com/tenants/")))
 *         .build();   // each robot names its URL under this prefix
 * }</pre>
 *
 * <p>Settings: {@value #URL_SETTING} (see above),
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
 *       502–504 with the same key, so the receiver must treat the key as unique. {@code importApplicant} always
 *       sends the full payload, attachments included, even when the key was imported before (a retry, or the
 *       engine settling a reservation a crashed run left): the receiver dedups by the key, answers 409 with the
 *       stored id, and may use the payload to add what it lacks.</li>
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
    /** The robot setting that names a receiver URL under an allowed prefix. */
    public static final String URL_SETTING = "url";

    private final URI url;
    private final List<URI> allowedUrlPrefixes;

    /**
     * For {@link java.util.ServiceLoader} and explicit registration: no receiver URL and no allowed prefixes, so
     * {@link #create} fails with {@code CONFIGURATION_INVALID} until the host uses {@link #builder()}.
     */
    public WebhookAtsConnectorProvider() {
        this(builder());
    }

    private WebhookAtsConnectorProvider(Builder b) {
        this.url = b.url;
        this.allowedUrlPrefixes = b.allowedUrlPrefixes;
    }

    /** A builder with no URL and no allowed prefixes. */
    public static Builder builder() {
        return new Builder();
    }

    /** The receiver URL used when a robot sets no {@value #URL_SETTING}, if the host set one. */
    public Optional<URI> url() {
        return Optional.ofNullable(url);
    }

    /** The prefixes under which a robot's {@value #URL_SETTING} may name a receiver. */
    public List<URI> allowedUrlPrefixes() {
        return allowedUrlPrefixes;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * A connector for one robot's account; no I/O.
     *
     * @throws dev.renkei.core.ConnectorException {@code CONFIGURATION_INVALID} when there is no receiver URL or the
     *     robot's {@value #URL_SETTING} is not allowed
     */
    @Override
    public AtsConnector create(ConnectorContext context) {
        return new WebhookConnector(context, Endpoints.chooseUnder(context, ID, URL_SETTING, url, allowedUrlPrefixes));
    }

    @Override
    public String toString() {
        return "WebhookAtsConnectorProvider[" + (url == null ? "no URL" : url) + ", prefixes " + allowedUrlPrefixes + "]";
    }

    /** Sets the receiver URL and what robots may choose. */
    public static final class Builder {
        private URI url;
        private List<URI> allowedUrlPrefixes = List.of();

        private Builder() {}

        /**
         * The receiver URL for robots that set no {@value #URL_SETTING}. Absolute https, or http when you mean it
         * (a local receiver); a host; no user info or fragment; a query is kept.
         *
         * @throws dev.renkei.core.ValidationException when the URL is not acceptable
         */
        public Builder url(URI url) {
            this.url = Endpoints.hostUrl(url, "webhook URL", true);
            return this;
        }

        /**
         * Replaces the prefixes under which a robot's {@value #URL_SETTING} may name a receiver (default none).
         * Each is https, or http on a loopback host (127.0.0.1, ::1, localhost) only, because it lets robots
         * choose any URL below it; no user info, query, fragment, dot segments or encoded separators. A prefix
         * {@code https://hooks.example.com/t/} allows {@code https://hooks.example.com/t/acme}, not
         * {@code https://hooks.example.com/tx} nor another port.
         *
         * @throws dev.renkei.core.ValidationException when a prefix is not acceptable
         */
        public Builder allowedUrlPrefixes(Collection<URI> prefixes) {
            this.allowedUrlPrefixes = Endpoints.hostUrls(prefixes, "allowed webhook URL prefix", true);
            return this;
        }

        /** The provider. */
        public WebhookAtsConnectorProvider build() {
            return new WebhookAtsConnectorProvider(this);
        }
    }
}
