package dev.renkei.core.store;

import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.MeetingConnector.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the meeting service persists: per-tenant links with their tokens (sealed by the JDBC store), pending
 * authorizations, the meeting of each interview slot, per-host daily usage and seen webhook deliveries. Leases
 * and expiries use the store's clock ({@link RenkeiStore#now()}). Every conditional write says whether it won.
 */
public interface MeetingStore {
    // ---- links ------------------------------------------------------------------------------------------------

    /**
     * A tenant's link with its tokens.
     *
     * @param tenant the tenant
     * @return the link, or empty when the tenant never started one
     */
    Optional<LinkRecord> link(TenantId tenant);

    /**
     * Every link of a provider account (one account may be linked by several tenants).
     *
     * @param accountId the provider account id
     * @return the links, any state
     */
    List<LinkRecord> linksOfAccount(String accountId);

    /**
     * Records that authorization started: creates the link as {@link MeetingLinkState#PENDING_AUTHORIZATION}, or
     * moves a revoked one there; an authorized link stays authorized until the new authorization completes.
     *
     * @param tenant the tenant
     */
    void markPending(TenantId tenant);

    /**
     * Stores a completed authorization: the link becomes {@link MeetingLinkState#AUTHORIZED} with these tokens,
     * its version moves on and any refresh lease is dropped.
     *
     * @param grant what was granted
     * @return the stored link
     */
    LinkRecord authorize(Grant grant);

    /**
     * Claims the right to refresh a link's tokens until {@code now + lease} (store clock) unless another owner
     * holds an unexpired claim.
     *
     * @param tenant the tenant
     * @param owner a token unique to this attempt
     * @param lease how long the claim lasts
     * @return true when claimed
     */
    boolean acquireRefreshLease(TenantId tenant, String owner, Duration lease);

    /**
     * Drops a refresh claim if {@code owner} still holds it.
     *
     * @param tenant the tenant
     * @param owner the claim's owner
     */
    void releaseRefreshLease(TenantId tenant, String owner);

    /**
     * Compare-and-set of the tokens: stores {@code tokens} only when the link is authorized, still at
     * {@code expectedVersion} and {@code owner} still holds the refresh lease; the version moves on and the lease
     * is dropped.
     *
     * @param tenant the tenant
     * @param expectedVersion the version the refresh started from
     * @param owner the refresh lease owner
     * @param tokens the new tokens
     * @return true when stored
     */
    boolean replaceTokens(TenantId tenant, long expectedVersion, String owner, Tokens tokens);

    /**
     * Ends a link: {@link MeetingLinkState#REVOKED}, tokens and client credentials deleted, version moved on.
     *
     * @param tenant the tenant
     * @param expectedVersion the version the caller saw, or -1 for any
     * @param reason why (shown to the admin)
     * @param dropMeetings also delete the stored meetings of the tenant (their ids, join URLs, passcodes)
     * @return the revoked link, or empty when the version did not match or there is no link
     */
    Optional<LinkRecord> revoke(TenantId tenant, long expectedVersion, String reason, boolean dropMeetings);

    // ---- authorization states ---------------------------------------------------------------------------------

    /**
     * Stores a pending authorization; also forgets expired ones.
     *
     * @param pending the authorization
     */
    void saveAuthorization(PendingAuthorization pending);

    /**
     * Takes a pending authorization by its state hash: the first caller gets it, later callers get nothing.
     *
     * @param stateHash the hash of the state
     * @return the authorization (possibly expired: the caller checks), or empty when unknown or already taken
     */
    Optional<PendingAuthorization> takeAuthorization(String stateHash);

    // ---- slot meetings ----------------------------------------------------------------------------------------

    /**
     * The stored meeting state of a slot.
     *
     * @param tenant the tenant
     * @param slotId the slot
     * @return the state, or empty when the slot was never synced
     */
    Optional<SlotMeeting> slotMeeting(TenantId tenant, String slotId);

    /**
     * Claims a slot for one sync until {@code now + lease} (store clock) unless another owner holds an unexpired
     * claim; creates the slot's row when missing.
     *
     * @param tenant the tenant
     * @param slotId the slot
     * @param owner a token unique to this sync
     * @param lease how long the claim lasts
     * @return true when claimed
     */
    boolean claimSlot(TenantId tenant, String slotId, String owner, Duration lease);

    /**
     * Stores a slot's meeting state when {@code owner} still holds the slot's claim.
     *
     * @param state the new state
     * @param owner the claim owner
     * @return true when stored; false when the claim was lost (nothing changed)
     */
    boolean saveSlot(SlotMeeting state, String owner);

    /**
     * Drops a slot claim if {@code owner} still holds it.
     *
     * @param tenant the tenant
     * @param slotId the slot
     * @param owner the claim owner
     */
    void releaseSlot(TenantId tenant, String slotId, String owner);

    // ---- per-host usage and webhook deliveries ----------------------------------------------------------------

    /**
     * Counts one meeting create or update for a host on a (UTC) day, unless the host already used {@code limit}.
     *
     * @param tenant the tenant
     * @param hostUserId the host
     * @param day the UTC day
     * @param limit the daily limit
     * @return true when counted; false when the limit was already reached
     */
    boolean countHostCall(TenantId tenant, String hostUserId, LocalDate day, int limit);

    /**
     * Records that the provider said the host's daily limit is used up.
     *
     * @param tenant the tenant
     * @param hostUserId the host
     * @param day the UTC day
     * @param limit the daily limit
     */
    void exhaustHost(TenantId tenant, String hostUserId, LocalDate day, int limit);

    /**
     * How many creates and updates a host used on a day.
     *
     * @param tenant the tenant
     * @param hostUserId the host
     * @param day the UTC day
     * @return the count
     */
    int hostCalls(TenantId tenant, String hostUserId, LocalDate day);

    /**
     * Records a webhook delivery by its key.
     *
     * @param key the delivery's event key
     * @return true the first time a key is seen
     */
    boolean firstDelivery(String key);

    // ---- values -----------------------------------------------------------------------------------------------

    /**
     * A stored link.
     *
     * @param tenant the tenant
     * @param state the state
     * @param kind how it was authorized, or {@code null}
     * @param accountId provider account, or {@code null}
     * @param userId authorizing user, or {@code null}
     * @param tokens the tokens, or {@code null} when none are stored
     * @param client the server-to-server app's client credentials, or {@code null}
     * @param version moves on with every change of tokens or state
     * @param authorizedAt when last authorized, or {@code null}
     * @param revokedAt when revoked, or {@code null}
     * @param reason why revoked, or {@code null}
     */
    record LinkRecord(TenantId tenant, MeetingLinkState state, MeetingLink.Kind kind, String accountId,
                      String userId, Tokens tokens, Credentials client, long version, Instant authorizedAt,
                      Instant revokedAt, String reason) {
        /** Validates. */
        public LinkRecord {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(state, "state");
        }

        /** The link as the host app sees it (no tokens). */
        public MeetingLink view() {
            return new MeetingLink(tenant, state, kind, accountId, userId, authorizedAt, revokedAt, reason);
        }
    }

    /**
     * A completed authorization.
     *
     * @param tenant the tenant
     * @param kind how it was authorized
     * @param accountId provider account
     * @param userId authorizing user, or {@code null}
     * @param tokens the tokens
     * @param client the server-to-server app's client credentials, or {@code null}
     */
    record Grant(TenantId tenant, MeetingLink.Kind kind, String accountId, String userId, Tokens tokens,
                 Credentials client) {
        /** Validates. */
        public Grant {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(tokens, "tokens");
        }
    }

    /**
     * An authorization waiting for its callback.
     *
     * @param stateHash SHA-256 of the state (the state itself is not stored)
     * @param tenant the tenant it is bound to
     * @param verifier the PKCE code verifier
     * @param redirectUri the redirect URI the authorization used
     * @param expiresAt when it stops being accepted
     */
    record PendingAuthorization(String stateHash, TenantId tenant, Secret verifier, URI redirectUri,
                                Instant expiresAt) {
        /** Validates. */
        public PendingAuthorization {
            Objects.requireNonNull(stateHash, "stateHash");
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * Where a slot's meeting stands.
     *
     * @param tenant the tenant
     * @param slotId the slot
     * @param phase the phase
     * @param marker the correlation marker of the current or last create, or {@code null}
     * @param meetingId the provider's meeting id, or {@code null} when there is none
     * @param hostUserId the host (of the meeting, or of the create in flight), or {@code null}
     * @param joinUrl the join URL, or {@code null}
     * @param password the passcode, or {@code null}
     * @param start start, or {@code null}
     * @param duration length, or {@code null}
     * @param timeZone zone, or {@code null}
     * @param topic topic, or {@code null}
     */
    record SlotMeeting(TenantId tenant, String slotId, Phase phase, String marker, String meetingId,
                       String hostUserId, URI joinUrl, Secret password, Instant start, Duration duration,
                       ZoneId timeZone, String topic) {
        /** Validates. */
        public SlotMeeting {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(slotId, "slotId");
            Objects.requireNonNull(phase, "phase");
        }

        /** A slot without a meeting. */
        public static SlotMeeting none(TenantId tenant, String slotId) {
            return new SlotMeeting(tenant, slotId, Phase.NONE, null, null, null, null, null, null, null, null, null);
        }
    }

    /** Phases of a slot's meeting. */
    enum Phase {
        /** No meeting. */
        NONE,
        /** A create was sent (its intent recorded first); its outcome may be unknown. */
        CREATING,
        /** The meeting exists. */
        ACTIVE
    }
}
