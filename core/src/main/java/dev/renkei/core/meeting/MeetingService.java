package dev.renkei.core.meeting;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.ValidationException;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.meeting.internal.Links;
import dev.renkei.core.meeting.internal.Pkce;
import dev.renkei.core.meeting.internal.SlotSync;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MeetingConnector;
import dev.renkei.core.spi.MeetingConnector.HostUser;
import dev.renkei.core.spi.MeetingConnector.Tokens;
import dev.renkei.core.spi.MeetingConnector.WebhookEvent;
import dev.renkei.core.spi.MeetingConnectorProvider;
import dev.renkei.core.store.MeetingStore;
import dev.renkei.core.store.MeetingStore.Grant;
import dev.renkei.core.store.MeetingStore.LinkRecord;
import dev.renkei.core.store.MeetingStore.PendingAuthorization;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Interview meetings for every tenant: linking the tenant's meeting-service account (OAuth with PKCE, or the
 * company's own server-to-server app), listing its host users, making each interview slot's meeting follow the
 * slot ({@link #sync}), fresh start URLs, and the provider's webhooks. Reached through {@code Renkei.meetings()}.
 *
 * <pre>{@code
 * AuthorizationStart start = meetings.startAuthorization(tenant, URI.create("https://hr.example.com/zoom/callback"));
 * // redirect the admin's browser to start.url(); on the callback:
 * meetings.completeAuthorization(code, state);
 * List<HostUser> hosts = meetings.hosts(tenant);                  // the "Zoom user" choice per event
 * MeetingSyncResult r = meetings.sync(tenant, slot);               // whenever the slot changes
 * r.meeting().map(InterviewMeeting::joinUrl);                      // for the candidate
 * }</pre>
 *
 * <p>A tenant that is not linked, or whose link was revoked, gets {@link ConnectorException}
 * {@code MEETING_LINK_REVOKED} (action required) from every call that needs the link, never {@code null}. Vendor
 * failures keep their codes: {@code MEETING_HOST_NOT_FOUND} (action required), {@code RATE_LIMITED},
 * {@code UNAVAILABLE}, {@code TIMEOUT} (no action needed; sync again later). Thread-safe; several instances may share
 * one database.
 */
public final class MeetingService {
    private static final System.Logger LOG = System.getLogger(MeetingService.class.getName());
    private static final Duration WEBHOOK_REVOKE_DEADLINE = Duration.ofSeconds(1);

    private final Links links;
    private final SlotSync slots;
    private final HttpExecutor http;

    private MeetingService(Builder b) {
        MeetingSettings s = Objects.requireNonNull(b.settings, "settings");
        MeetingConnectorProvider provider = Objects.requireNonNull(b.provider, "provider");
        if (!provider.id().equals(s.connectorId())) {
            throw new IllegalArgumentException("the meeting provider is '" + provider.id() + "' but the settings name '"
                    + s.connectorId() + "'");
        }
        this.http = Objects.requireNonNull(b.http, "http");
        Map<String, Secret> secrets = new HashMap<>();
        if (s.webhookSecret() != null) {
            secrets.put(MeetingConnector.WEBHOOK_SECRET, s.webhookSecret());
        }
        ConnectorContext base = new ConnectorContext(http, b.clock, b.sleeper, s.connectorSettings(), secrets,
                System.getLogger("dev.renkei.meeting." + s.connectorId()));
        this.links = new Links(Objects.requireNonNull(b.store, "store"), provider, base, s);
        this.slots = new SlotSync(links);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- link lifecycle ---------------------------------------------------------------------------------------

    /**
     * Starts linking a tenant: records a single-use state bound to the tenant (valid for
     * {@link MeetingSettings#stateLifetime()}) with a PKCE verifier, and marks the link
     * {@link MeetingLinkState#PENDING_AUTHORIZATION} (an authorized link stays usable until the new one completes).
     *
     * @param tenant the tenant
     * @param redirectUri the callback registered with the provider's app
     * @return where to send the administrator's browser
     */
    public AuthorizationStart startAuthorization(TenantId tenant, URI redirectUri) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(redirectUri, "redirectUri");
        if (!redirectUri.isAbsolute()) {
            throw new IllegalArgumentException("redirectUri must be absolute: " + redirectUri);
        }
        MeetingConnector app = links.appConnector(links.requireAppClient());
        String state = Pkce.random();
        String verifier = Pkce.random();
        Instant expires = links.clock().instant().plus(links.settings().stateLifetime());
        links.store().saveAuthorization(new PendingAuthorization(Pkce.hash(state), tenant, Secret.of(verifier),
                redirectUri, expires));
        links.store().markPending(tenant);
        return new AuthorizationStart(app.authorizationUrl(state, Pkce.challenge(verifier), redirectUri), state,
                expires);
    }

    /**
     * Completes linking from the provider's callback: checks the state (known, unexpired, unused — it is used up
     * by this call either way), exchanges the code with the PKCE verifier, reads the authorizing user's account and
     * stores the tokens sealed.
     *
     * @param code the {@code code} of the callback
     * @param state the {@code state} of the callback
     * @return the authorized link
     * @throws ValidationException when the state is unknown, expired or already used (nothing changes)
     * @throws ConnectorException when the provider refuses the code ({@code MEETING_LINK_REVOKED}) or fails
     */
    public MeetingLink completeAuthorization(String code, String state) {
        if (Objects.requireNonNull(code, "code").isBlank() || Objects.requireNonNull(state, "state").isBlank()) {
            throw new ValidationException("the authorization callback has no code or state");
        }
        PendingAuthorization p = links.store().takeAuthorization(Pkce.hash(state))
                .orElseThrow(() -> new ValidationException("the authorization state is unknown or was already used: "
                        + "start linking again"));
        if (!p.expiresAt().isAfter(links.clock().instant())) {
            throw new ValidationException("the authorization state expired at " + p.expiresAt()
                    + ": start linking again");
        }
        MeetingConnector app = links.appConnector(links.requireAppClient());
        Tokens tokens = app.exchangeCode(code, p.verifier().reveal(), p.redirectUri());
        HostUser me = links.connectorWithToken(links.requireAppClient(), tokens.accessToken()).me();
        LinkRecord l = links.store().authorize(new Grant(p.tenant(), MeetingLink.Kind.OAUTH, me.accountId(), me.id(),
                tokens, null));
        links.authorized(l);
        return l.view();
    }

    /**
     * Links a tenant through the company's own server-to-server app ({@code account_credentials}): obtains a token
     * to prove the credentials, reads the account, and stores the app's credentials sealed. Tokens are obtained
     * again on expiry (there is no refresh token).
     *
     * @param tenant the tenant
     * @param accountId the company's account id
     * @param client the company app's client id ({@code loginId}) and secret
     * @return the authorized link
     */
    public MeetingLink linkServerToServer(TenantId tenant, String accountId, Credentials client) {
        Objects.requireNonNull(tenant, "tenant");
        if (Objects.requireNonNull(accountId, "accountId").isBlank()) {
            throw new IllegalArgumentException("accountId must not be blank");
        }
        Objects.requireNonNull(client, "client");
        MeetingConnector app = links.appConnector(client);
        Tokens tokens = app.serverToServer(accountId);
        HostUser me = links.connectorWithToken(client, tokens.accessToken()).me();
        LinkRecord l = links.store().authorize(new Grant(tenant, MeetingLink.Kind.SERVER_TO_SERVER,
                me.accountId() == null ? accountId : me.accountId(), me.id(), tokens, client));
        links.authorized(l);
        return l.view();
    }

    /**
     * Unlinks a tenant from the host app: revokes the token at the provider, deletes the stored tokens, and marks
     * the link {@link MeetingLinkState#REVOKED}. The meetings already issued stay where they are.
     *
     * @param tenant the tenant
     * @return the revoked link
     * @throws NotFoundException when the tenant never linked
     */
    public MeetingLink unlink(TenantId tenant) {
        LinkRecord l = links.store().link(Objects.requireNonNull(tenant, "tenant"))
                .orElseThrow(() -> new NotFoundException("tenant " + tenant + " has no meeting link"));
        if (l.tokens() != null && l.kind() == MeetingLink.Kind.OAUTH) {
            links.appConnector(links.requireAppClient()).revoke(l.tokens().accessToken());
        }
        LinkRecord r = links.store().revoke(tenant, -1, "unlinked by an administrator", false).orElseThrow();
        links.revoked(r);
        return r.view();
    }

    /**
     * A tenant's link.
     *
     * @param tenant the tenant
     * @return the link, or empty when the tenant never started one
     */
    public Optional<MeetingLink> link(TenantId tenant) {
        return links.store().link(Objects.requireNonNull(tenant, "tenant")).map(LinkRecord::view);
    }

    /**
     * Proves the tenant's link works with a cheap call (renewing tokens if due).
     *
     * @param tenant the tenant
     * @throws ConnectorException {@code MEETING_LINK_REVOKED} and the vendor codes
     */
    public void checkLink(TenantId tenant) {
        links.connector(Objects.requireNonNull(tenant, "tenant")).checkLogin();
    }

    // ---- hosts and meetings -----------------------------------------------------------------------------------

    /**
     * The account's active users, all pages, for a "host user" choice per event.
     *
     * @param tenant the tenant
     * @return the users
     */
    public List<HostUser> hosts(TenantId tenant) {
        return links.connector(Objects.requireNonNull(tenant, "tenant")).hosts();
    }

    /**
     * Makes the slot's meeting follow the slot; call it whenever the slot changes. Visible without a meeting →
     * create; time, length, zone or topic changed → update; host changed → delete and create; hidden or deleted →
     * delete. Idempotent per slot id, also across instances.
     *
     * @param tenant the tenant
     * @param slot the slot as it is now
     * @return what was done and the meeting
     */
    public MeetingSyncResult sync(TenantId tenant, InterviewSlot slot) {
        return slots.sync(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(slot, "slot"));
    }

    /**
     * The stored meeting of a slot.
     *
     * @param tenant the tenant
     * @param slotId the slot
     * @return the meeting, or empty when the slot has none
     */
    public Optional<InterviewMeeting> meeting(TenantId tenant, String slotId) {
        return links.store().slotMeeting(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(slotId))
                .flatMap(SlotSync::view);
    }

    /**
     * A fresh start URL for the slot's host (the provider's expire within hours: fetch one when the host clicks).
     *
     * @param tenant the tenant
     * @param slotId the slot
     * @return the start URL
     * @throws ConnectorException {@code MEETING_LINK_REVOKED} when the tenant is not linked
     * @throws NotFoundException when the slot has no meeting or it no longer exists at the provider
     */
    public URI startUrl(TenantId tenant, String slotId) {
        links.requireAuthorized(Objects.requireNonNull(tenant, "tenant"));
        InterviewMeeting m = meeting(tenant, slotId)
                .orElseThrow(() -> new NotFoundException("slot " + slotId + " has no meeting"));
        return links.connector(tenant).get(m.meetingId()).map(MeetingConnector.Meeting::startUrl)
                .orElseThrow(() -> new NotFoundException("the meeting of slot " + slotId
                        + " no longer exists at the provider; sync the slot again"));
    }

    /**
     * How many meeting creates and updates a host used today (UTC), against {@link MeetingSettings#hostDailyLimit()}.
     *
     * @param tenant the tenant
     * @param hostUserId the host
     * @return the count
     */
    public int hostCallsToday(TenantId tenant, String hostUserId) {
        return links.store().hostCalls(tenant, hostUserId,
                java.time.LocalDate.ofInstant(links.clock().instant(), java.time.ZoneOffset.UTC));
    }

    // ---- webhooks ---------------------------------------------------------------------------------------------

    /**
     * Handles one webhook delivery, framework-neutral: pass the raw body bytes and the headers, answer with the
     * returned status and JSON body. Verifies the signature and timestamp (401 and no effect otherwise), answers
     * validation challenges, and on deauthorization revokes every link of the account: tokens and stored meetings
     * deleted, state {@link MeetingLinkState#REVOKED}, {@link MeetingListener#linkRevoked} told. A repeated delivery
     * has no further effect. Fast: store writes and at most one best-effort token revocation with a 1 s deadline.
     *
     * @param rawBody the body exactly as received
     * @param headers the request headers (any case)
     * @return what to answer
     */
    public WebhookResponse handleWebhook(byte[] rawBody, Map<String, String> headers) {
        Objects.requireNonNull(rawBody, "rawBody");
        Objects.requireNonNull(headers, "headers");
        MeetingConnector app = links.appConnector(links.settings().client());
        WebhookEvent e = app.readWebhook(rawBody, headers);
        switch (e.kind()) {
            case REJECTED:
                LOG.log(System.Logger.Level.WARNING, "refused a webhook delivery: {0}", e.reason());
                return new WebhookResponse(401, "{\"error\":\"invalid signature or timestamp\"}");
            case CHALLENGE:
                return new WebhookResponse(200, e.reply());
            case DEAUTHORIZED:
                deauthorize(e);
                boolean first = e.key() == null || links.store().firstDelivery(e.key());
                return new WebhookResponse(200, first ? "{\"status\":\"ok\"}" : "{\"status\":\"duplicate\"}");
            default:
                return new WebhookResponse(200, "{\"status\":\"ignored\"}");
        }
    }

    private void deauthorize(WebhookEvent e) {
        if (e.accountId() == null) {
            return;
        }
        for (LinkRecord l : links.store().linksOfAccount(e.accountId())) {
            if (l.state() == MeetingLinkState.REVOKED
                    || (e.at() != null && l.authorizedAt() != null && l.authorizedAt().isAfter(e.at()))) {
                continue; // already ended, or linked again after this deauthorization
            }
            Optional<LinkRecord> r = links.store().revoke(l.tenant(), l.version(),
                    "the app was removed from the account at the provider", true);
            if (r.isEmpty()) {
                continue; // changed meanwhile (a duplicate delivery won): its effect stands
            }
            links.revoked(r.get());
            if (l.tokens() != null && l.kind() == MeetingLink.Kind.OAUTH) {
                revokeQuietly(l.tokens().accessToken());
            }
        }
    }

    private void revokeQuietly(Secret token) {
        try {
            HttpExecutor quick = http.newBuilder().deadline(WEBHOOK_REVOKE_DEADLINE).retry(RetryPolicy.NONE).build();
            links.appConnector(links.requireAppClient(), quick).revoke(token);
        } catch (RenkeiException | IllegalStateException ex) {
            LOG.log(System.Logger.Level.INFO, "revoking the token of a deauthorized link failed (it is deleted "
                    + "here either way): " + ex.getMessage());
        }
    }

    /** Builds a {@link MeetingService}. */
    public static final class Builder {
        private MeetingStore store;
        private MeetingConnectorProvider provider;
        private MeetingSettings settings;
        private HttpExecutor http;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {}

        /** The store (required). */
        public Builder store(MeetingStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The meeting provider (required; its id must be the settings' connector id). */
        public Builder provider(MeetingConnectorProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The settings (required). */
        public Builder settings(MeetingSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The HTTP executor (required). */
        public Builder http(HttpExecutor http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** The clock of token expiry and state lifetimes (default UTC system clock); leases use the store's. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The sleeper used while waiting for another instance's refresh or sync (default real sleeping). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Builds the service; no I/O.
         *
         * @throws NullPointerException when the store, provider, settings or executor is missing
         * @throws IllegalArgumentException when the provider's id is not the settings' connector id
         */
        public MeetingService build() {
            return new MeetingService(this);
        }
    }
}
