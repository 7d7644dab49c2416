package dev.renkei.ats;

import dev.renkei.ats.internal.Endpoints;
import dev.renkei.ats.internal.GreenhouseConnector;
import dev.renkei.ats.internal.GreenhouseTokens;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.ConnectorContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Greenhouse Harvest v3 connector (id {@code greenhouse}). Harvest v1/v2 were retired on 2026-08-31; only v3
 * is spoken.
 *
 * <p>Credentials: {@code loginId} = the OAuth client id, {@code secret} = the client secret of a "Harvest V3
 * (OAuth)" API credential with the scopes {@code harvest:candidates:list|create},
 * {@code harvest:applications:list|create}, {@code harvest:attachments:list|create}. Settings:
 * {@code actingUserId} = the Greenhouse user id sent as {@code sub} (recommended; omitted when unset),
 * {@code routing.<board job>} = job id and {@code routing.default} =
 * the fallback ("unassigned") job id — one is required, because a Greenhouse candidate without an application
 * cannot hold a résumé ({@code CONFIGURATION_INVALID} otherwise), {@code source.<medium>}/{@code source} = a tag
 * naming the source (default the medium id), {@code markerTag} (default {@code renkei}), {@code kanaCustomField} =
 * the {@code name_key} of a candidate custom field that receives the kana reading (Greenhouse has no kana field;
 * without this setting the kana is not sent), {@value #BASE_URL_SETTING} and {@value #AUTH_URL_SETTING}
 * (optional, see below).
 *
 * <p>Endpoints: host configuration, because the client secret goes to the token URL and the token to the Harvest
 * URL. {@code new GreenhouseAtsConnectorProvider()} uses {@link #DEFAULT_BASE_URL} and {@link #DEFAULT_AUTH_URL};
 * the host sets others (a simulator) with {@link Builder#baseUrl(URI)} and {@link Builder#authUrl(URI)}. A robot's
 * {@value #BASE_URL_SETTING} / {@value #AUTH_URL_SETTING} may only pick one of {@link #allowedBaseUrls()} /
 * {@link #allowedAuthUrls()} — the endpoint plus, unless the host replaces them, Greenhouse's documented production
 * URLs (Greenhouse documents no separate sandbox host: a sandbox is another account on the same hosts). Any other
 * value fails {@link #create} with {@code CONFIGURATION_INVALID} naming the setting and the allowed values, before
 * any request.
 *
 * <p>Tokens: client credentials at the auth URL (Basic client id:secret, form
 * {@code grant_type=client_credentials&sub=<user>}), cached per (auth URL, client, secret, user) in this provider
 * until {@code expires_at} (or {@code expires_in}) minus 60 s, one renewal at a time; a 401 drops the token, mints
 * one new token and replays the call once.
 *
 * <p>Import: {@code GET /v3/candidates?email=…&per_page=100}, following {@code Link: rel="next"} only to the
 * configured host and with the cursor as the only parameter. Ours = the candidate with the marker tag and
 * {@code urn:renkei:<key>} among its website addresses; else the single candidate with that e-mail (several →
 * {@code DATA_REJECTED}: merge them). Its application on the job ({@code GET /v3/applications?candidate_ids=}) →
 * done, missing attachments are added; a person without this job → {@code POST /v3/applications}; nobody →
 * {@code POST /v3/candidates} with {@code first_name}/{@code last_name} (split on the first space or full-width
 * space; without one the whole name is the last name and the first name is "-"), typed e-mail, phone and address,
 * the key as a website address, tags and {@code application.job_id}. Résumés: {@code POST /v3/attachments}
 * (base64 {@code content}; the applicant's first file {@code resume}, the others {@code other}); on a record the
 * lookup found, {@code GET /v3/attachments?application_ids=} first and only files whose names are missing are
 * uploaded, so a crash between create and upload is repaired without doubling files. After an unclear create the
 * connector looks up again instead of re-posting. {@code X-RateLimit-Remaining: 0} waits until
 * {@code X-RateLimit-Reset}; 429 on a POST is retried after {@code Retry-After} up to four attempts. The record id
 * is {@code <candidate id>/<application id>}.
 */
public final class GreenhouseAtsConnectorProvider implements AtsConnectorProvider {
    /** The id. */
    public static final String ID = "greenhouse";
    /** The robot setting that picks one of the {@linkplain #allowedBaseUrls() allowed Harvest URLs}. */
    public static final String BASE_URL_SETTING = "baseUrl";
    /** The robot setting that picks one of the {@linkplain #allowedAuthUrls() allowed token URLs}. */
    public static final String AUTH_URL_SETTING = "authUrl";
    /** Greenhouse's Harvest API host, the default endpoint. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://harvest.greenhouse.io");
    /** Greenhouse's OAuth token URL, the default token endpoint. */
    public static final URI DEFAULT_AUTH_URL = URI.create("https://auth.greenhouse.io/token");

    private final URI baseUrl;
    private final URI authUrl;
    private final List<URI> allowedBaseUrls;
    private final List<URI> allowedAuthUrls;
    private final Map<String, GreenhouseTokens> tokens = new ConcurrentHashMap<>();

    /**
     * For {@link java.util.ServiceLoader} and explicit registration: {@link #DEFAULT_BASE_URL} and
     * {@link #DEFAULT_AUTH_URL}, and robots may name only those.
     */
    public GreenhouseAtsConnectorProvider() {
        this(builder());
    }

    private GreenhouseAtsConnectorProvider(Builder b) {
        this.baseUrl = b.baseUrl;
        this.authUrl = b.authUrl;
        this.allowedBaseUrls = withFirst(b.baseUrl, b.allowedBaseUrls, "allowed Harvest URL");
        this.allowedAuthUrls = withFirst(b.authUrl, b.allowedAuthUrls, "allowed token URL");
    }

    private static List<URI> withFirst(URI first, List<URI> others, String what) {
        List<URI> all = new ArrayList<>();
        all.add(first);
        all.addAll(others);
        return Endpoints.hostUrls(all, what, false);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Harvest endpoint used when a robot sets no {@value #BASE_URL_SETTING}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The token endpoint used when a robot sets no {@value #AUTH_URL_SETTING}. */
    public URI authUrl() {
        return authUrl;
    }

    /** What a robot's {@value #BASE_URL_SETTING} may name: the endpoint first, then the other allowed URLs. */
    public List<URI> allowedBaseUrls() {
        return allowedBaseUrls;
    }

    /** What a robot's {@value #AUTH_URL_SETTING} may name: the token endpoint first, then the other allowed URLs. */
    public List<URI> allowedAuthUrls() {
        return allowedAuthUrls;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * A connector for one robot's account; no I/O.
     *
     * @throws dev.renkei.core.ConnectorException {@code CONFIGURATION_INVALID} when the robot's
     *     {@value #BASE_URL_SETTING} or {@value #AUTH_URL_SETTING} is not allowed
     */
    @Override
    public AtsConnector create(ConnectorContext context) {
        URI harvest = Endpoints.choose(context, ID, BASE_URL_SETTING, baseUrl, allowedBaseUrls);
        URI authUrl = Endpoints.choose(context, ID, AUTH_URL_SETTING, this.authUrl, allowedAuthUrls);
        Credentials client = context.requireCredentials();
        String clientId = client.loginId();
        String clientSecret = client.secret().reveal();
        String sub = context.setting("actingUserId").map(String::strip).orElse(null);
        String cacheKey = sha256(authUrl + "\n" + clientId + "\n" + clientSecret + "\n" + sub);
        GreenhouseTokens source = tokens.computeIfAbsent(cacheKey,
                k -> new GreenhouseTokens(authUrl, clientId, clientSecret, sub, context.clock()));
        return new GreenhouseConnector(context, source, harvest);
    }

    @Override
    public String toString() {
        return "GreenhouseAtsConnectorProvider[" + baseUrl + ", " + authUrl + "]";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets the endpoints a host allows. */
    public static final class Builder {
        private URI baseUrl = DEFAULT_BASE_URL;
        private URI authUrl = DEFAULT_AUTH_URL;
        private List<URI> allowedBaseUrls = List.of(DEFAULT_BASE_URL);
        private List<URI> allowedAuthUrls = List.of(DEFAULT_AUTH_URL);

        private Builder() {}

        /**
         * The Harvest endpoint for robots that set no {@value #BASE_URL_SETTING} (default
         * {@link #DEFAULT_BASE_URL}). Absolute https, or http when you mean it (a simulator); a host; no user info,
         * query or fragment. Always allowed as a robot's value too.
         *
         * @throws dev.renkei.core.ValidationException when the URL is not acceptable
         */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = Endpoints.hostUrl(baseUrl, "Greenhouse Harvest URL", false);
            return this;
        }

        /**
         * The OAuth token endpoint for robots that set no {@value #AUTH_URL_SETTING} (default
         * {@link #DEFAULT_AUTH_URL}); rules as for {@link #baseUrl(URI)}.
         *
         * @throws dev.renkei.core.ValidationException when the URL is not acceptable
         */
        public Builder authUrl(URI authUrl) {
            this.authUrl = Endpoints.hostUrl(authUrl, "Greenhouse token URL", false);
            return this;
        }

        /**
         * Replaces the other Harvest URLs a robot's {@value #BASE_URL_SETTING} may name (default
         * {@link #DEFAULT_BASE_URL}); an empty list lets robots name only {@link #baseUrl(URI)}.
         *
         * @throws dev.renkei.core.ValidationException when a URL is not acceptable
         */
        public Builder allowedBaseUrls(Collection<URI> urls) {
            this.allowedBaseUrls = Endpoints.hostUrls(urls, "allowed Greenhouse Harvest URL", false);
            return this;
        }

        /**
         * Replaces the other token URLs a robot's {@value #AUTH_URL_SETTING} may name (default
         * {@link #DEFAULT_AUTH_URL}); an empty list lets robots name only {@link #authUrl(URI)}.
         *
         * @throws dev.renkei.core.ValidationException when a URL is not acceptable
         */
        public Builder allowedAuthUrls(Collection<URI> urls) {
            this.allowedAuthUrls = Endpoints.hostUrls(urls, "allowed Greenhouse token URL", false);
            return this;
        }

        /** The provider. */
        public GreenhouseAtsConnectorProvider build() {
            return new GreenhouseAtsConnectorProvider(this);
        }
    }
}
