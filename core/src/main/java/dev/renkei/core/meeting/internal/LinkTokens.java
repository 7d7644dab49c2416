package dev.renkei.core.meeting.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.MeetingConnector;
import dev.renkei.core.spi.MeetingConnector.Tokens;
import dev.renkei.core.spi.TokenSource;
import dev.renkei.core.store.MeetingStore.LinkRecord;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The token source of one tenant's link. Access tokens are renewed {@code refreshMargin} before they expire, and
 * because the provider rotates refresh tokens (the old one dies on use) a renewal is single-flight: one per link in
 * this process (a lock), one across instances (a lease in the store, claimed with the store's clock), the link
 * re-read after claiming (another instance may have renewed), the new pair stored by compare-and-set on the link's
 * version and the lease before it is used. A refused refresh token re-reads the link once: changed means a sibling
 * rotated it and its token is used; unchanged means the link needs authorizing again — it is revoked and the call
 * fails with {@code MEETING_LINK_REVOKED}. Not API.
 */
final class LinkTokens implements TokenSource {
    private final Links links;
    private final TenantId tenant;

    LinkTokens(Links links, TenantId tenant) {
        this.links = links;
        this.tenant = tenant;
    }

    @Override
    public Secret accessToken() {
        LinkRecord l = links.requireAuthorized(tenant);
        return usable(l, null) ? l.tokens().accessToken() : renew(null);
    }

    @Override
    public Secret renewAfterRejection(Secret rejected) {
        return renew(rejected);
    }

    private boolean usable(LinkRecord l, Secret rejected) {
        Tokens t = l.tokens();
        return t.expiresAt().isAfter(links.clock.instant().plus(links.settings.refreshMargin()))
                && (rejected == null || !t.accessToken().equals(rejected));
    }

    private Secret renew(Secret rejected) {
        ReentrantLock lock = links.refreshLock(tenant);
        lock.lock();
        try {
            for (int polls = 0; ; polls++) {
                LinkRecord l = links.requireAuthorized(tenant);
                if (usable(l, rejected)) {
                    return l.tokens().accessToken();
                }
                String owner = UUID.randomUUID().toString();
                if (links.store.acquireRefreshLease(tenant, owner, links.settings.refreshLease())) {
                    try {
                        return refreshHolding(owner, rejected);
                    } finally {
                        links.store.releaseRefreshLease(tenant, owner);
                    }
                }
                if (!links.pollOnce(polls, links.settings.refreshLease().multipliedBy(2), "a token refresh")) {
                    throw new ConnectorException(ErrorCode.UNAVAILABLE, "Another instance has been renewing the "
                            + "tokens of the " + links.where(tenant) + " for too long; try again later",
                            links.settings.connectorId(), null);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Secret refreshHolding(String owner, Secret rejected) {
        LinkRecord l = links.requireAuthorized(tenant); // re-read: another instance may have renewed meanwhile
        if (usable(l, rejected)) {
            return l.tokens().accessToken();
        }
        MeetingConnector app = links.appConnector(links.clientOf(l));
        Tokens fresh;
        try {
            if (l.kind() == MeetingLink.Kind.SERVER_TO_SERVER) {
                fresh = app.serverToServer(l.accountId());
            } else if (l.tokens().refreshToken() == null) {
                throw new ConnectorException(ErrorCode.MEETING_LINK_REVOKED, "no refresh token is stored",
                        links.settings.connectorId(), null);
            } else {
                fresh = app.refresh(l.tokens().refreshToken());
            }
        } catch (ConnectorException e) {
            if (e.code() != ErrorCode.MEETING_LINK_REVOKED) {
                throw e;
            }
            return afterRefusal(l, e);
        }
        if (links.store.replaceTokens(tenant, l.version(), owner, fresh)) {
            return fresh.accessToken();
        }
        // our lease ran out and someone else changed the link: never overwrite, use what is stored now
        Optional<LinkRecord> now = links.store.link(tenant).filter(x -> x.version() != l.version());
        if (now.isPresent() && now.get().state() == MeetingLinkState.AUTHORIZED && now.get().tokens() != null) {
            return now.get().tokens().accessToken();
        }
        return links.requireAuthorized(tenant).tokens().accessToken();
    }

    private Secret afterRefusal(LinkRecord seen, ConnectorException refusal) {
        Optional<LinkRecord> again = links.store.link(tenant);
        if (again.isPresent() && again.get().version() != seen.version()
                && again.get().state() == MeetingLinkState.AUTHORIZED && again.get().tokens() != null) {
            return again.get().tokens().accessToken(); // a sibling rotated the refresh token first
        }
        links.store.revoke(tenant, seen.version(), "the refresh token was refused; authorize the app again", false)
                .ifPresent(links::revoked);
        throw new ConnectorException(ErrorCode.MEETING_LINK_REVOKED, "The " + links.where(tenant)
                + " needs authorizing again: the provider refused its refresh token", refusal.detail(), refusal);
    }
}
