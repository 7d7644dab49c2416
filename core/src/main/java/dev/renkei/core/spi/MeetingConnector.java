package dev.renkei.core.spi;

import dev.renkei.core.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A video-meeting service reached through OAuth (e.g. Zoom), created by a {@link MeetingConnectorProvider}. Token
 * storage, renewal and the link lifecycle are Renkei's job ({@code dev.renkei.core.meeting.MeetingService}): the
 * authorization steps take and return tokens explicitly, and every API call takes its access token from the
 * context's {@link TokenSource}, reporting a refused token there once before it fails.
 *
 * <p>The context's {@link ConnectorContext#credentials()} are the OAuth client's: {@code loginId} = client id,
 * {@code secret} = client secret. Its secret {@value #WEBHOOK_SECRET} is the token webhook deliveries are signed
 * with. Calls that need no linked account ({@link #authorizationUrl}, {@link #exchangeCode}, {@link #refresh},
 * {@link #serverToServer}, {@link #revoke}, {@link #readWebhook}) work on a context without a token source.
 *
 * <p>Failures are {@link dev.renkei.core.ConnectorException}s: {@code MEETING_LINK_REVOKED} when the link must be
 * authorized again (refused or missing grant, missing scope), {@code MEETING_HOST_NOT_FOUND} for an unknown host
 * user, {@code RATE_LIMITED}, {@code UNAVAILABLE} and {@code TIMEOUT} for what passes by itself.
 */
public interface MeetingConnector {
    /** The context secret holding the webhook secret token. */
    String WEBHOOK_SECRET = "webhookSecret";

    /**
     * A cheap authenticated call that proves the link works (e.g. the authorizing user).
     *
     * @throws dev.renkei.core.ConnectorException {@code MEETING_LINK_REVOKED}, {@code UNAVAILABLE}…
     */
    void checkLogin();

    /**
     * The authorize URL the administrator's browser is sent to.
     *
     * @param state the single-use state echoed back to the redirect URI
     * @param codeChallenge the PKCE S256 challenge of the verifier later given to {@link #exchangeCode}
     * @param redirectUri where the provider sends the browser back
     * @return the URL
     */
    URI authorizationUrl(String state, String codeChallenge, URI redirectUri);

    /**
     * Exchanges an authorization code for tokens.
     *
     * @param code the code from the redirect
     * @param codeVerifier the PKCE verifier
     * @param redirectUri the redirect URI the authorization used
     * @return the tokens
     * @throws dev.renkei.core.ConnectorException {@code MEETING_LINK_REVOKED} when the provider refuses the code
     */
    Tokens exchangeCode(String code, String codeVerifier, URI redirectUri);

    /**
     * Refreshes tokens; the provider may rotate the refresh token (the old one dies). Never retried blindly.
     *
     * @param refreshToken the current refresh token
     * @return the new tokens
     * @throws dev.renkei.core.ConnectorException {@code MEETING_LINK_REVOKED} when the provider refuses the refresh
     *     token ({@code invalid_grant}), other codes when the outcome is unknown
     */
    Tokens refresh(Secret refreshToken);

    /**
     * Obtains an access token for a server-to-server app of the customer's own account ({@code account_credentials});
     * the returned tokens have no refresh token.
     *
     * @param accountId the provider account id
     * @return the tokens
     */
    Tokens serverToServer(String accountId);

    /**
     * Revokes a token at the provider.
     *
     * @param accessToken the token to revoke
     */
    void revoke(Secret accessToken);

    /** The authorizing user, with the account it belongs to. */
    HostUser me();

    /** Every active user of the account who can host meetings (all pages). */
    List<HostUser> hosts();

    /**
     * Creates a meeting for a host.
     *
     * @param hostUserId the provider's user id
     * @param spec what the meeting looks like
     * @return the meeting as created
     */
    Meeting create(String hostUserId, MeetingSpec spec);

    /**
     * Updates a meeting.
     *
     * @param meetingId the provider's meeting id
     * @param spec what the meeting should look like
     * @return false when the meeting no longer exists
     */
    boolean update(String meetingId, MeetingSpec spec);

    /**
     * Deletes a meeting; a meeting that is already gone counts as deleted.
     *
     * @param meetingId the provider's meeting id
     */
    void delete(String meetingId);

    /**
     * Reads a meeting (with a fresh {@code startUrl}).
     *
     * @param meetingId the provider's meeting id
     * @return the meeting, or empty when it no longer exists
     */
    Optional<Meeting> get(String meetingId);

    /**
     * Finds the meeting an earlier, unclear create made with this correlation marker among the host's upcoming
     * meetings.
     *
     * @param hostUserId the host the create was for
     * @param marker the marker of {@link MeetingSpec#marker()}
     * @return the meeting, or empty when none carries the marker
     */
    Optional<Meeting> findByMarker(String hostUserId, String marker);

    /**
     * Reads a webhook delivery: verifies its signature and freshness and says what it means.
     *
     * @param rawBody the body bytes exactly as received
     * @param headers the request headers (names in any case)
     * @return the event; {@link WebhookEvent.Kind#REJECTED} for a bad signature or a stale timestamp
     */
    WebhookEvent readWebhook(byte[] rawBody, Map<String, String> headers);

    /**
     * OAuth tokens.
     *
     * @param accessToken access token
     * @param refreshToken refresh token, or {@code null} (server-to-server)
     * @param expiresAt access-token expiry
     * @param scope granted scopes, or {@code null}
     */
    record Tokens(Secret accessToken, Secret refreshToken, Instant expiresAt, String scope) {
        /** Validates. */
        public Tokens {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * A user who can host meetings.
     *
     * @param id provider user id
     * @param email e-mail
     * @param displayName name
     * @param accountId the provider account the user belongs to, or {@code null} when the listing does not say
     */
    record HostUser(String id, String email, String displayName, String accountId) {}

    /**
     * What a meeting should look like.
     *
     * @param topic topic
     * @param agenda what the meeting is for (e.g. the interview's event), or {@code null}
     * @param start start
     * @param duration length
     * @param timeZone IANA zone id shown to participants
     * @param marker Renkei's correlation marker, put where {@link #findByMarker} can see it
     */
    record MeetingSpec(String topic, String agenda, Instant start, Duration duration, String timeZone,
                       String marker) {
        /** Validates. */
        public MeetingSpec {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(timeZone, "timeZone");
            Objects.requireNonNull(marker, "marker");
        }
    }

    /**
     * A meeting.
     *
     * @param id provider meeting id (Zoom's are 64-bit numbers, kept as their decimal text)
     * @param hostUserId the host's user id, or {@code null} when not reported
     * @param joinUrl the URL participants join with
     * @param startUrl the host's start URL (short-lived), or {@code null}
     * @param password the meeting passcode, or {@code null}
     * @param start start
     * @param topic topic
     */
    record Meeting(String id, String hostUserId, URI joinUrl, URI startUrl, Secret password, Instant start,
                   String topic) {
        /** Validates. */
        public Meeting {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * What a webhook delivery means.
     *
     * @param kind what happened
     * @param key a key that is equal for repeated deliveries of one event, or {@code null}
     * @param accountId the provider account concerned, or {@code null}
     * @param reply the JSON body to answer with ({@link Kind#CHALLENGE}), or {@code null}
     * @param at when the event happened per the provider, or {@code null}
     * @param reason why a delivery was rejected, or {@code null}
     */
    record WebhookEvent(Kind kind, String key, String accountId, String reply, Instant at, String reason) {
        /** Validates. */
        public WebhookEvent {
            Objects.requireNonNull(kind, "kind");
        }

        /** Kinds of webhook events. */
        public enum Kind {
            /** Bad signature, stale timestamp or unreadable body: answer 401 and change nothing. */
            REJECTED,
            /** An endpoint validation challenge: answer with {@link WebhookEvent#reply()}. */
            CHALLENGE,
            /** The app was removed from the account: end the link. */
            DEAUTHORIZED,
            /** Anything else, acknowledged and ignored. */
            OTHER
        }
    }
}
