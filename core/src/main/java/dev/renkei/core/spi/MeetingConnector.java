package dev.renkei.core.spi;

import dev.renkei.core.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A video-meeting service reached through OAuth (e.g. Zoom), created by a {@link MeetingConnectorProvider}. Token
 * storage, renewal and the link lifecycle are Renkei's job: the authorization steps take and return tokens
 * explicitly, and every API call takes its access token from the context's {@link TokenSource}.
 */
public interface MeetingConnector {
    /**
     * A cheap authenticated call that proves the link works (e.g. the authorizing user).
     *
     * @throws dev.renkei.core.ConnectorException {@code MEETING_LINK_REVOKED}, {@code UNAVAILABLE}…
     */
    void checkLogin();

    /** The authorize URL the administrator's browser is sent to (with {@code state} and a PKCE S256 challenge). */
    URI authorizationUrl(String state, String codeChallenge, URI redirectUri);

    /** Exchanges an authorization code for tokens. */
    Tokens exchangeCode(String code, String codeVerifier, URI redirectUri);

    /** Refreshes tokens; the provider may rotate the refresh token (the old one dies). */
    Tokens refresh(Secret refreshToken);

    /** Revokes the tokens at the provider. */
    void revoke(Secret accessToken);

    /** The authorizing user's account. */
    HostUser me();

    /** Every user who can host meetings (all pages). */
    List<HostUser> hosts();

    /** Creates a meeting for a host. */
    Meeting create(String hostUserId, MeetingSpec spec);

    /** Updates a meeting. */
    void update(String meetingId, MeetingSpec spec);

    /** Deletes a meeting; a meeting that is already gone counts as deleted. */
    void delete(String meetingId);

    /** Reads a meeting (fresh {@code start_url}), or empty when it no longer exists. */
    Optional<Meeting> get(String meetingId);

    /** Finds a meeting an earlier, unclear create made for this correlation marker. */
    Optional<Meeting> findByMarker(String hostUserId, String marker);

    /**
     * OAuth tokens.
     *
     * @param accessToken access token
     * @param refreshToken refresh token
     * @param expiresAt access-token expiry
     * @param scope granted scopes
     */
    record Tokens(Secret accessToken, Secret refreshToken, Instant expiresAt, String scope) {}

    /**
     * A user who can host meetings.
     *
     * @param id provider user id
     * @param email e-mail
     * @param displayName name
     */
    record HostUser(String id, String email, String displayName) {}

    /**
     * What a meeting should look like.
     *
     * @param topic topic
     * @param start start
     * @param duration length
     * @param timeZone zone id
     * @param marker Renkei's correlation marker, put where {@link #findByMarker} can see it
     */
    record MeetingSpec(String topic, Instant start, Duration duration, String timeZone, String marker) {}

    /**
     * A meeting.
     *
     * @param id provider meeting id
     * @param joinUrl the URL participants join with
     * @param start start
     * @param topic topic
     */
    record Meeting(String id, URI joinUrl, Instant start, String topic) {}
}
