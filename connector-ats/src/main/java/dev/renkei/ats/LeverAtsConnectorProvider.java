package dev.renkei.ats;

import dev.renkei.ats.internal.Endpoints;
import dev.renkei.ats.internal.LeverConnector;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.ConnectorContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The Lever connector (id {@code lever}).
 *
 * <p>Credentials: {@code secret} = the Lever API key (sent as Basic auth user with an empty password);
 * {@code loginId} = the Lever user id the robot acts as ({@code perform_as}), unless the {@code performAs} setting
 * gives it. Settings: {@code performAs}, {@code routing.<board job>} = posting id,
 * {@code routing.default} = fallback posting id (without a match and without a default the opportunity is created
 * without a posting, which Lever allows), {@code source.<medium>}/{@code source} = the source name (default the
 * medium id), {@code markerTag} (default {@code renkei}), {@value #BASE_URL_SETTING} (optional, see below).
 *
 * <p>Endpoint: host configuration, because the API key goes wherever it points. {@code new
 * LeverAtsConnectorProvider()} talks to {@link #PRODUCTION_BASE_URL}; the host sets another endpoint (a simulator,
 * a proxy) with {@link Builder#baseUrl(URI)}. A robot's {@value #BASE_URL_SETTING} setting may only pick one of
 * {@link #allowedBaseUrls()} — the endpoint plus, unless the host replaces them with
 * {@link Builder#allowedBaseUrls(Collection)}, Lever's production and sandbox APIs
 * ({@link #DEFAULT_ALLOWED_BASE_URLS}). Any other value fails {@link #create} with {@code CONFIGURATION_INVALID}
 * naming the setting and the allowed values, before any request.
 *
 * <pre>{@code
 * new LeverAtsConnectorProvider();                                                 // production; robots may pick the sandbox
 * LeverAtsConnectorProvider.builder().baseUrl(URI.create(wireMock.baseUrl() + "/v1")).build();   // a simulator
 * }</pre>
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
    /** The robot setting that picks one of the {@linkplain #allowedBaseUrls() allowed base URLs}. */
    public static final String BASE_URL_SETTING = "baseUrl";
    /** Lever's production API, the default endpoint. */
    public static final URI PRODUCTION_BASE_URL = URI.create("https://api.lever.co/v1");
    /** Lever's sandbox API. */
    public static final URI SANDBOX_BASE_URL = URI.create("https://api.sandbox.lever.co/v1");
    /** The base URLs a robot may pick unless the host says otherwise: Lever's production and sandbox APIs. */
    public static final List<URI> DEFAULT_ALLOWED_BASE_URLS = List.of(PRODUCTION_BASE_URL, SANDBOX_BASE_URL);

    private final URI baseUrl;
    private final List<URI> allowedBaseUrls;

    /**
     * For {@link java.util.ServiceLoader} and explicit registration: {@link #PRODUCTION_BASE_URL}, robots may pick
     * {@link #DEFAULT_ALLOWED_BASE_URLS}.
     */
    public LeverAtsConnectorProvider() {
        this(builder());
    }

    private LeverAtsConnectorProvider(Builder b) {
        this.baseUrl = b.baseUrl;
        List<URI> allowed = new ArrayList<>();
        allowed.add(b.baseUrl);
        allowed.addAll(b.allowedBaseUrls);
        this.allowedBaseUrls = Endpoints.hostUrls(allowed, "allowed base URL", false);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint used when a robot sets no {@value #BASE_URL_SETTING}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** What a robot's {@value #BASE_URL_SETTING} may name: the endpoint first, then the other allowed URLs. */
    public List<URI> allowedBaseUrls() {
        return allowedBaseUrls;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * A connector for one robot's account; no I/O.
     *
     * @throws dev.renkei.core.ConnectorException {@code CONFIGURATION_INVALID} when the robot's
     *     {@value #BASE_URL_SETTING} is not one of {@link #allowedBaseUrls()}
     */
    @Override
    public AtsConnector create(ConnectorContext context) {
        return new LeverConnector(context, Endpoints.choose(context, ID, BASE_URL_SETTING, baseUrl, allowedBaseUrls));
    }

    @Override
    public String toString() {
        return "LeverAtsConnectorProvider[" + baseUrl + "]";
    }

    /** Sets the endpoints a host allows. */
    public static final class Builder {
        private URI baseUrl = PRODUCTION_BASE_URL;
        private List<URI> allowedBaseUrls = DEFAULT_ALLOWED_BASE_URLS;

        private Builder() {}

        /**
         * The endpoint for robots that set no {@value #BASE_URL_SETTING} (default {@link #PRODUCTION_BASE_URL}).
         * Absolute https, or http when you mean it (a simulator, an internal gateway); a host; no user info, query
         * or fragment. Always allowed as a robot's value too.
         *
         * @throws dev.renkei.core.ValidationException when the URL is not acceptable
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Endpoints.hostUrl(baseUrl, "Lever base URL", false);
            return this;
        }

        /**
         * Replaces the other URLs a robot's {@value #BASE_URL_SETTING} may name (default
         * {@link #DEFAULT_ALLOWED_BASE_URLS}); an empty list lets robots name only {@link #baseUrl(URI)}.
         *
         * @throws dev.renkei.core.ValidationException when a URL is not acceptable (as for {@link #baseUrl(URI)})
         */
        public Builder allowedBaseUrls(Collection<URI> urls) {
            this.allowedBaseUrls = Endpoints.hostUrls(urls, "allowed Lever base URL", false);
            return this;
        }

        /** The provider. */
        public LeverAtsConnectorProvider build() {
            return new LeverAtsConnectorProvider(this);
        }
    }
}
