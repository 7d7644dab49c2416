package dev.renkei.core.spi;

import dev.renkei.core.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A video-meeting service reached through OAuth (e.g. Zoom). Token storage, refresh coordination and the link
 * lifecycle are the engine's job; this interface is the remote protocol only.
 */
public interface MeetingProvider {
    /** The authorize URL the administrator's browser is sent to (with {@code state} and a PKCE S256 challenge). */
    URI authorizationUrl(String state, String codeChallenge, URI redirectUri);

    /** Exchanges an authorization code for tokens. */
    Tokens exchangeCode(String code, String codeVerifier, URI redirectUri);

    /** Refreshes tokens; the provider may rotate the refresh token (the old one dies). */
    Tokens refresh(Secret refreshToken);

    /** Revokes the tokens at the provider. */
    void revoke(Secret accessToken);

    /** The authorizing user's account. */
    HostUser me(Secret accessToken);

    /** Every user who can host meetings (all pages). */
    List<HostUser> hosts(Secret accessToken);

    /** Creates a meeting for a host. */
    Meeting create(Secret accessToken, String hostUserId, MeetingSpec spec);

    /** Updates a meeting. */
    void update(Secret accessToken, String meetingId, MeetingSpec spec);

    /** Deletes a meeting; a meeting that is already gone counts as deleted. */
    void delete(Secret accessToken, String meetingId);

    /** Reads a meeting (fresh {@code start_url}), or empty when it no longer exists. */
    Optional<Meeting> get(Secret accessToken, String meetingId);

    /** Finds a meeting an earlier, unclear create made for this correlation marker. */
    Optional<Meeting> findByMarker(Secret accessToken, String hostUserId, String marker);

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
