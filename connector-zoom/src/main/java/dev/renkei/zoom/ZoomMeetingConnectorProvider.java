package dev.renkei.zoom;

import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MeetingConnector;
import dev.renkei.core.spi.MeetingConnectorProvider;
import dev.renkei.zoom.internal.ZoomConnector;
import java.net.URI;
import java.util.Objects;

/**
 * The Zoom meeting connector (id {@value #ID}) for {@code dev.renkei.core.meeting.MeetingService}.
 *
 * <p>Credentials (from {@code MeetingSettings.client}, or a company's own server-to-server app): {@code loginId} =
 * the Zoom app's client id, {@code secret} = its client secret. Secret {@code webhookSecret} = the app's webhook
 * secret token. Endpoints are host configuration: {@code new ZoomMeetingConnectorProvider()} talks to Zoom
 * ({@link #DEFAULT_OAUTH_BASE_URL}, {@link #DEFAULT_API_BASE_URL}); a simulator is set with the builder.
 *
 * <pre>{@code
 * ZoomMeetingConnectorProvider.builder()
 *         .oauthBaseUrl(URI.create(sim.baseUrl())).apiBaseUrl(URI.create(sim.baseUrl() + "/v2")).build();
 * }</pre>
 *
 * <p>Zoom specifics handled: authorize with PKCE {@code S256}; tokens from {@code POST /oauth/token} with Basic
 * client authentication and a form body; refresh tokens rotate (never sent twice); {@code account_credentials} for
 * server-to-server apps; {@code POST /oauth/revoke}; {@code GET /users/me} and {@code GET /users} paged with
 * {@code next_page_token} (pending users, who have no id, are skipped); meetings created as scheduled (type 2) with
 * {@code start_time} in UTC ({@code …Z}) plus the IANA {@code timezone}, Renkei's marker in the agenda; PATCH and
 * DELETE answer 204; 404 with code 3001 is "already gone"; meeting ids are 64-bit; 429 with an ISO-8601
 * {@code Retry-After} or none; the per-host limit of 100 meeting creates and updates a day; webhooks signed with
 * {@code x-zm-signature} ({@code v0}, HMAC-SHA256) with a 5-minute timestamp window.
 */
public final class ZoomMeetingConnectorProvider implements MeetingConnectorProvider {
    /** The id. */
    public static final String ID = "zoom";
    /** Zoom's OAuth host. */
    public static final URI DEFAULT_OAUTH_BASE_URL = URI.create("https://zoom.us");
    /** Zoom's REST API. */
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://api.zoom.us/v2");

    private final URI oauthBaseUrl;
    private final URI apiBaseUrl;

    /** For {@link java.util.ServiceLoader} and explicit registration: Zoom's production endpoints. */
    public ZoomMeetingConnectorProvider() {
        this(builder());
    }

    private ZoomMeetingConnectorProvider(Builder b) {
        this.oauthBaseUrl = b.oauthBaseUrl;
        this.apiBaseUrl = b.apiBaseUrl;
    }

    /** A builder starting from Zoom's production endpoints. */
    public static Builder builder() {
        return new Builder();
    }

    /** The OAuth base URL ({@code /oauth/authorize}, {@code /oauth/token}, {@code /oauth/revoke} below it). */
    public URI oauthBaseUrl() {
        return oauthBaseUrl;
    }

    /** The REST API base URL ({@code /users}, {@code /meetings} below it). */
    public URI apiBaseUrl() {
        return apiBaseUrl;
    }

    @Override
    public String id() {
        return ID;
    }

    /** A connector over the context; no I/O. */
    @Override
    public MeetingConnector create(ConnectorContext context) {
        return new ZoomConnector(Objects.requireNonNull(context, "context"), oauthBaseUrl, apiBaseUrl);
    }

    @Override
    public String toString() {
        return "ZoomMeetingConnectorProvider[" + oauthBaseUrl + ", " + apiBaseUrl + "]";
    }

    /** Sets the endpoints. */
    public static final class Builder {
        private URI oauthBaseUrl = DEFAULT_OAUTH_BASE_URL;
        private URI apiBaseUrl = DEFAULT_API_BASE_URL;

        private Builder() {}

        /** The OAuth base URL (default {@link #DEFAULT_OAUTH_BASE_URL}). */
        public Builder oauthBaseUrl(URI url) {
            this.oauthBaseUrl = absolute(url, "oauthBaseUrl");
            return this;
        }

        /** The REST API base URL (default {@link #DEFAULT_API_BASE_URL}). */
        public Builder apiBaseUrl(URI url) {
            this.apiBaseUrl = absolute(url, "apiBaseUrl");
            return this;
        }

        /** The provider. */
        public ZoomMeetingConnectorProvider build() {
            return new ZoomMeetingConnectorProvider(this);
        }

        private static URI absolute(URI url, String what) {
            Objects.requireNonNull(url, what);
            String scheme = url.getScheme();
            if (!url.isAbsolute() || url.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))
                    || url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
                throw new IllegalArgumentException(what + " must be an absolute http(s) URL with a host and no query, "
                        + "fragment or user info: " + url);
            }
            return url;
        }
    }
}
