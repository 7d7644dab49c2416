package dev.renkei.core.store.internal;

import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.MeetingConnector.Tokens;
import dev.renkei.core.store.MeetingStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Meeting links, authorizations, slot meetings, host usage and webhook deliveries in memory. Not API. */
public final class InMemoryMeetings extends InMemoryRepository implements MeetingStore {
    private final Map<TenantId, LinkRecord> links = new HashMap<>();
    private final Map<TenantId, Lease> refreshLeases = new HashMap<>();
    private final Map<String, PendingAuthorization> authorizations = new HashMap<>();
    private final Map<List<Object>, SlotMeeting> slots = new HashMap<>();
    private final Map<List<Object>, Lease> slotClaims = new HashMap<>();
    private final Map<List<Object>, Integer> hostUsage = new HashMap<>();
    private final Set<String> deliveries = new HashSet<>();

    private record Lease(String owner, Instant until) {}

    /** The meeting data of a store, guarded by {@code lock}. */
    public InMemoryMeetings(Object lock, Clock clock) {
        super(lock, clock);
    }

    @Override
    public Optional<LinkRecord> link(TenantId tenant) {
        synchronized (lock) {
            return Optional.ofNullable(links.get(tenant));
        }
    }

    @Override
    public List<LinkRecord> linksOfAccount(String accountId) {
        synchronized (lock) {
            return links.values().stream().filter(l -> accountId.equals(l.accountId())).toList();
        }
    }

    @Override
    public void markPending(TenantId tenant) {
        synchronized (lock) {
            LinkRecord l = links.get(tenant);
            if (l == null) {
                links.put(tenant, new LinkRecord(tenant, MeetingLinkState.PENDING_AUTHORIZATION, null, null, null,
                        null, null, 1, null, null, null));
            } else if (l.state() == MeetingLinkState.REVOKED) {
                links.put(tenant, new LinkRecord(tenant, MeetingLinkState.PENDING_AUTHORIZATION, l.kind(),
                        l.accountId(), l.userId(), null, null, l.version() + 1, l.authorizedAt(), l.revokedAt(),
                        l.reason()));
            }
        }
    }

    @Override
    public LinkRecord authorize(Grant g) {
        synchronized (lock) {
            LinkRecord old = links.get(g.tenant());
            LinkRecord l = new LinkRecord(g.tenant(), MeetingLinkState.AUTHORIZED, g.kind(), g.accountId(),
                    g.userId(), g.tokens(), g.client(), old == null ? 1 : old.version() + 1, clock.instant(), null,
                    null);
            links.put(g.tenant(), l);
            refreshLeases.remove(g.tenant());
            return l;
        }
    }

    @Override
    public boolean acquireRefreshLease(TenantId tenant, String owner, Duration lease) {
        synchronized (lock) {
            if (!links.containsKey(tenant)) {
                return false;
            }
            return claim(refreshLeases, tenant, owner, lease);
        }
    }

    @Override
    public void releaseRefreshLease(TenantId tenant, String owner) {
        synchronized (lock) {
            release(refreshLeases, tenant, owner);
        }
    }

    @Override
    public boolean replaceTokens(TenantId tenant, long expectedVersion, String owner, Tokens tokens) {
        synchronized (lock) {
            LinkRecord l = links.get(tenant);
            Lease lease = refreshLeases.get(tenant);
            if (l == null || l.state() != MeetingLinkState.AUTHORIZED || l.version() != expectedVersion
                    || lease == null || !lease.owner().equals(owner)) {
                return false;
            }
            links.put(tenant, new LinkRecord(tenant, l.state(), l.kind(), l.accountId(), l.userId(), tokens,
                    l.client(), l.version() + 1, l.authorizedAt(), null, null));
            refreshLeases.remove(tenant);
            return true;
        }
    }

    @Override
    public Optional<LinkRecord> revoke(TenantId tenant, long expectedVersion, String reason, boolean dropMeetings) {
        synchronized (lock) {
            LinkRecord l = links.get(tenant);
            if (l == null || (expectedVersion >= 0 && l.version() != expectedVersion)) {
                return Optional.empty();
            }
            LinkRecord r = new LinkRecord(tenant, MeetingLinkState.REVOKED, l.kind(), l.accountId(), l.userId(),
                    null, null, l.version() + 1, l.authorizedAt(), clock.instant(), reason);
            links.put(tenant, r);
            refreshLeases.remove(tenant);
            if (dropMeetings) {
                slots.keySet().removeIf(k -> k.get(0).equals(tenant));
            }
            return Optional.of(r);
        }
    }

    @Override
    public void saveAuthorization(PendingAuthorization pending) {
        synchronized (lock) {
            Instant now = clock.instant();
            authorizations.values().removeIf(p -> p.expiresAt().isBefore(now));
            authorizations.put(pending.stateHash(), pending);
        }
    }

    @Override
    public Optional<PendingAuthorization> takeAuthorization(String stateHash) {
        synchronized (lock) {
            return Optional.ofNullable(authorizations.remove(stateHash));
        }
    }

    @Override
    public Optional<SlotMeeting> slotMeeting(TenantId tenant, String slotId) {
        synchronized (lock) {
            return Optional.ofNullable(slots.get(List.of(tenant, slotId)));
        }
    }

    @Override
    public boolean claimSlot(TenantId tenant, String slotId, String owner, Duration lease) {
        synchronized (lock) {
            List<Object> key = List.of(tenant, slotId);
            slots.putIfAbsent(key, SlotMeeting.none(tenant, slotId));
            return claim(slotClaims, key, owner, lease);
        }
    }

    @Override
    public boolean saveSlot(SlotMeeting state, String owner) {
        synchronized (lock) {
            List<Object> key = List.of(state.tenant(), state.slotId());
            Lease l = slotClaims.get(key);
            if (l == null || !l.owner().equals(owner) || !slots.containsKey(key)) {
                return false;
            }
            slots.put(key, state);
            return true;
        }
    }

    @Override
    public void releaseSlot(TenantId tenant, String slotId, String owner) {
        synchronized (lock) {
            release(slotClaims, List.of(tenant, slotId), owner);
        }
    }

    @Override
    public boolean countHostCall(TenantId tenant, String hostUserId, LocalDate day, int limit) {
        synchronized (lock) {
            List<Object> key = List.of(tenant, hostUserId, day);
            int used = hostUsage.getOrDefault(key, 0);
            if (used >= limit) {
                return false;
            }
            hostUsage.put(key, used + 1);
            return true;
        }
    }

    @Override
    public void exhaustHost(TenantId tenant, String hostUserId, LocalDate day, int limit) {
        synchronized (lock) {
            hostUsage.merge(List.of(tenant, hostUserId, day), limit, Math::max);
        }
    }

    @Override
    public int hostCalls(TenantId tenant, String hostUserId, LocalDate day) {
        synchronized (lock) {
            return hostUsage.getOrDefault(List.of(tenant, hostUserId, day), 0);
        }
    }

    @Override
    public boolean firstDelivery(String key) {
        synchronized (lock) {
            return deliveries.add(key);
        }
    }

    private <K> boolean claim(Map<K, Lease> leases, K key, String owner, Duration lease) {
        Instant now = clock.instant();
        Lease held = leases.get(key);
        if (held != null && !held.owner().equals(owner) && held.until().isAfter(now)) {
            return false;
        }
        leases.put(key, new Lease(owner, now.plus(lease)));
        return true;
    }

    private static <K> void release(Map<K, Lease> leases, K key, String owner) {
        Lease held = leases.get(key);
        if (held != null && held.owner().equals(owner)) {
            leases.remove(key);
        }
    }
}
