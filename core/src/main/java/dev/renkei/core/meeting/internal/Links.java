package dev.renkei.core.meeting.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.meeting.MeetingSettings;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MeetingConnector;
import dev.renkei.core.spi.MeetingConnectorProvider;
import dev.renkei.core.spi.TokenSource;
import dev.renkei.core.store.MeetingStore;
import dev.renkei.core.store.MeetingStore.LinkRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the meeting service's parts share: the store, the provider and the context connectors are created with,
 * the settings, clock and sleeper, and one in-process lock per tenant for token refreshes. Not API.
 */
public final class Links {
    private static final System.Logger LOG = System.getLogger(Links.class.getName());

    final MeetingStore store;
    final MeetingConnectorProvider provider;
    final ConnectorContext base;
    final MeetingSettings settings;
    final Clock clock;
    final Sleeper sleeper;
    private final Map<TenantId, ReentrantLock> refreshLocks = new ConcurrentHashMap<>();

    /**
     * The shared parts.
     *
     * @param store the meeting store
     * @param provider the meeting provider
     * @param base the context connectors start from (executor, clock, sleeper, settings, webhook secret)
     * @param settings the settings
     */
    public Links(MeetingStore store, MeetingConnectorProvider provider, ConnectorContext base,
                 MeetingSettings settings) {
        this.store = store;
        this.provider = provider;
        this.base = base;
        this.settings = settings;
        this.clock = base.clock();
        this.sleeper = base.sleeper();
    }

    /** The store. */
    public MeetingStore store() {
        return store;
    }

    /** The settings. */
    public MeetingSettings settings() {
        return settings;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** What the link is called in messages, e.g. "zoom link of tenant t1". */
    String where(TenantId tenant) {
        return settings.connectorId() + " link of tenant " + tenant;
    }

    /**
     * The tenant's authorized link with tokens.
     *
     * @throws ConnectorException {@code MEETING_LINK_REVOKED} when the tenant is not linked or the link was revoked
     */
    public LinkRecord requireAuthorized(TenantId tenant) {
        LinkRecord l = store.link(tenant).orElse(null);
        if (l == null || l.state() != MeetingLinkState.AUTHORIZED || l.tokens() == null) {
            String state = l == null ? "not linked" : l.state() == MeetingLinkState.REVOKED
                    ? "revoked" + (l.reason() == null ? "" : " (" + l.reason() + ")") : "waiting for authorization";
            throw new ConnectorException(ErrorCode.MEETING_LINK_REVOKED, "The " + where(tenant) + " is " + state
                    + ": an administrator must link the account again", settings.connectorId(), null);
        }
        return l;
    }

    /** A connector without a linked account, for the OAuth client (authorization, refresh, revoke, webhooks). */
    public MeetingConnector appConnector(Credentials client) {
        return provider.create(base.withCredentials(client));
    }

    /** A connector for the OAuth client over another executor (e.g. one with a short deadline). */
    public MeetingConnector appConnector(Credentials client, HttpExecutor http) {
        return provider.create(new ConnectorContext(http, base.clock(), base.sleeper(), base.config(), base.secrets(),
                base.logger(), client, null));
    }

    /** A connector that calls with one given access token (right after it was granted, before it is stored). */
    public MeetingConnector connectorWithToken(Credentials client, Secret accessToken) {
        return provider.create(base.withCredentials(client).withTokens(new TokenSource() {
            @Override
            public Secret accessToken() {
                return accessToken;
            }

            @Override
            public Secret renewAfterRejection(Secret rejected) {
                throw new ConnectorException(ErrorCode.MEETING_LINK_REVOKED, "the provider refused the token it "
                        + "had just granted: link the account again", settings.connectorId(), null);
            }
        }));
    }

    /** The client credentials a link refreshes with: its own (server-to-server) or the app's. */
    Credentials clientOf(LinkRecord link) {
        if (link.kind() == MeetingLink.Kind.SERVER_TO_SERVER && link.client() != null) {
            return link.client();
        }
        return requireAppClient();
    }

    /** The OAuth app's client credentials. @throws IllegalStateException when none are configured */
    public Credentials requireAppClient() {
        if (settings.client() == null) {
            throw new IllegalStateException("MeetingSettings has no OAuth client: set client(...) to link accounts");
        }
        return settings.client();
    }

    /** A connector acting for the tenant's link, its tokens renewed as needed. */
    public MeetingConnector connector(TenantId tenant) {
        LinkRecord link = requireAuthorized(tenant);
        return provider.create(base.withCredentials(clientOf(link)).withTokens(new LinkTokens(this, tenant)));
    }

    /** The in-process refresh lock of a tenant. */
    ReentrantLock refreshLock(TenantId tenant) {
        return refreshLocks.computeIfAbsent(tenant, t -> new ReentrantLock());
    }

    /** Waits one poll interval; false when the caller already waited {@code limit} polls' worth. */
    boolean pollOnce(int polls, Duration limit, String what) {
        if (settings.poll().multipliedBy(polls).compareTo(limit) >= 0) {
            return false;
        }
        try {
            sleeper.sleep(settings.poll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "interrupted while waiting for " + what, e);
        }
        return true;
    }

    /** Tells the listener a link was revoked; a throwing listener is logged. */
    public void revoked(LinkRecord link) {
        try {
            settings.listener().linkRevoked(link.view());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the meeting listener failed on a revoked link; ignored", e);
        }
    }

    /** Tells the listener a link was authorized; a throwing listener is logged. */
    public void authorized(LinkRecord link) {
        try {
            settings.listener().linkAuthorized(link.view());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the meeting listener failed on an authorized link; ignored", e);
        }
    }
}
