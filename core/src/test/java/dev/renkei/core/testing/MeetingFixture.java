package dev.renkei.core.testing;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.MeetingConnectorProvider;
import java.time.Duration;
import java.util.Map;

/**
 * One meeting connector and the service (or simulator) behind it, as {@link MeetingConnectorContract} needs them:
 * the provider, the OAuth client it accepts, access tokens of a linked account, hosts, fault switches and what the
 * service holds. Fresh per test; {@link #close()} stops what it started.
 */
public interface MeetingFixture extends AutoCloseable {
    /** The provider under test. */
    MeetingConnectorProvider provider();

    /** The OAuth client's id ({@code loginId}) and secret the service accepts. */
    Credentials client();

    /** Connector settings (none by default). */
    default Map<String, String> settings() {
        return Map.of();
    }

    /** Further connector secrets, e.g. a webhook secret (none by default). */
    default Map<String, Secret> secrets() {
        return Map.of();
    }

    /** A new, valid access token of the linked account. */
    String issueAccessToken();

    /** Makes the service refuse an access token from now on (as if it expired or was revoked). */
    void refuseAccessToken(String token);

    /** A user of the account who can host meetings. */
    String hostUserId();

    /** A user id the service does not know. */
    String unknownHostUserId();

    /** How many users {@code hosts()} must list (all pages). */
    int hostCount();

    /** Makes the next create be stored by the service but end unclearly for the caller (a timeout or a 5xx). */
    void failNextCreateAfterStoring();

    /** Makes the next create be refused once with 429 and a {@code Retry-After} this far ahead, storing nothing. */
    void rateLimitNextCreate(Duration retryAfter);

    /** How many meetings exist at the service now. */
    int meetingCount();

    /** Stops the simulator; nothing by default. */
    @Override
    default void close() {}
}
