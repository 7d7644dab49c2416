package dev.renkei.core.meeting;

import dev.renkei.core.model.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's link to its meeting-service account as the host app shows it. Carries no token.
 *
 * @param tenant the tenant
 * @param state where the link stands
 * @param kind how it was authorized, or {@code null} while pending for the first time
 * @param accountId the provider account (Zoom {@code account_id}), or {@code null} before authorization
 * @param userId the authorizing user, or {@code null}
 * @param authorizedAt when it was last authorized, or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 * @param reason why it was revoked (for the admin screen), or {@code null}
 */
public record MeetingLink(TenantId tenant, MeetingLinkState state, Kind kind, String accountId, String userId,
                          Instant authorizedAt, Instant revokedAt, String reason) {
    /** Validates. */
    public MeetingLink {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(state, "state");
    }

    /** How a link was authorized. */
    public enum Kind {
        /** A user authorized the app (authorization code with PKCE); tokens are refreshed with rotation. */
        OAUTH,
        /** The company's own server-to-server app ({@code account_credentials}); no refresh token. */
        SERVER_TO_SERVER
    }
}
