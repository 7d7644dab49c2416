package dev.renkei.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.MeetingConnector.Tokens;
import dev.renkei.core.store.MeetingStore.Grant;
import dev.renkei.core.store.MeetingStore.LinkRecord;
import dev.renkei.core.store.MeetingStore.PendingAuthorization;
import dev.renkei.core.store.MeetingStore.Phase;
import dev.renkei.core.store.MeetingStore.SlotMeeting;
import dev.renkei.core.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MeetingStore} must do, on the in-memory store and the JDBC store on H2 and PostgreSQL: link
 * state changes, leases that exclude until they expire (store clock), token compare-and-set, single-use
 * authorizations, slot writes only under a claim, per-host counts and webhook deliveries seen once.
 */
abstract class MeetingStoreContract {
    static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
    final MutableClock clock = new MutableClock(T0);
    MeetingStore store;
    TenantId tenant;

    /** A store whose clock is {@code clock}. */
    abstract MeetingStore createStore(MutableClock clock);

    @BeforeEach
    void open() {
        store = createStore(clock);
        tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static Tokens tokens(String n) {
        return new Tokens(Secret.of("A" + n), Secret.of("R" + n), T0.plus(Duration.ofHours(1)), "meeting:write");
    }

    LinkRecord authorized() {
        store.markPending(tenant);
        return store.authorize(new Grant(tenant, MeetingLink.Kind.OAUTH, "ACC-1", "U-1", tokens("1"), null));
    }

    @Test
    void aLinkGoesFromPendingToAuthorizedToRevokedAndBackToPending() {
        store.markPending(tenant);
        assertThat(store.link(tenant)).map(LinkRecord::state).contains(MeetingLinkState.PENDING_AUTHORIZATION);
        LinkRecord l = store.authorize(new Grant(tenant, MeetingLink.Kind.SERVER_TO_SERVER, "ACC-1", "U-1",
                tokens("1"), Credentials.of("own-client", "own-secret")));
        assertThat(l.state()).isEqualTo(MeetingLinkState.AUTHORIZED);
        assertThat(l.client().secret().reveal()).isEqualTo("own-secret");
        assertThat(store.linksOfAccount("ACC-1")).extracting(LinkRecord::tenant).contains(tenant);
        store.markPending(tenant);
        assertThat(store.link(tenant).orElseThrow().state()).as("authorized stays").isEqualTo(MeetingLinkState.AUTHORIZED);

        LinkRecord r = store.revoke(tenant, -1, "removed", false).orElseThrow();
        assertThat(r.state()).isEqualTo(MeetingLinkState.REVOKED);
        assertThat(r.tokens()).isNull();
        assertThat(r.client()).isNull();
        store.markPending(tenant);
        assertThat(store.link(tenant).orElseThrow().state()).isEqualTo(MeetingLinkState.PENDING_AUTHORIZATION);
    }

    @Test
    void tokensAreReplacedOnlyFromTheExpectedVersionByTheLeaseHolder() {
        LinkRecord l = authorized();
        assertThat(store.acquireRefreshLease(tenant, "a", Duration.ofSeconds(30))).isTrue();
        assertThat(store.acquireRefreshLease(tenant, "b", Duration.ofSeconds(30))).as("held by a").isFalse();
        assertThat(store.replaceTokens(tenant, l.version(), "b", tokens("2"))).as("not the holder").isFalse();

        clock.advance(Duration.ofSeconds(31));
        assertThat(store.acquireRefreshLease(tenant, "b", Duration.ofSeconds(30))).as("a's lease ran out").isTrue();
        assertThat(store.replaceTokens(tenant, l.version(), "b", tokens("3"))).isTrue();
        assertThat(store.replaceTokens(tenant, l.version(), "a", tokens("2"))).as("stale version and lease").isFalse();

        LinkRecord now = store.link(tenant).orElseThrow();
        assertThat(now.tokens().refreshToken().reveal()).isEqualTo("R3");
        assertThat(now.version()).isGreaterThan(l.version());
        assertThat(store.acquireRefreshLease(tenant, "c", Duration.ofSeconds(30))).as("released by the CAS").isTrue();
    }

    @Test
    void aRevokeFromAStaleVersionChangesNothingAndARevokeCanDropTheMeetings() {
        LinkRecord l = authorized();
        assertThat(store.claimSlot(tenant, "s1", "o", Duration.ofMinutes(2))).isTrue();
        store.saveSlot(active("s1"), "o");
        store.acquireRefreshLease(tenant, "a", Duration.ofSeconds(30));
        store.replaceTokens(tenant, l.version(), "a", tokens("2"));

        assertThat(store.revoke(tenant, l.version(), "stale", true)).isEmpty();
        assertThat(store.slotMeeting(tenant, "s1")).isPresent();
        assertThat(store.revoke(tenant, -1, "removed", true)).isPresent();
        assertThat(store.slotMeeting(tenant, "s1")).isEmpty();
    }

    @Test
    void anAuthorizationIsTakenOnce() {
        String hash = UUID.randomUUID().toString().replace("-", "");
        store.saveAuthorization(new PendingAuthorization(hash, tenant, Secret.of("verifier"),
                URI.create("https://hr.example.com/cb"), T0.plus(Duration.ofMinutes(10))));

        PendingAuthorization p = store.takeAuthorization(hash).orElseThrow();
        assertThat(p.tenant()).isEqualTo(tenant);
        assertThat(p.verifier().reveal()).isEqualTo("verifier");
        assertThat(store.takeAuthorization(hash)).isEmpty();
    }

    @Test
    void aSlotIsWrittenOnlyUnderItsClaim() {
        assertThat(store.claimSlot(tenant, "s1", "a", Duration.ofMinutes(2))).isTrue();
        assertThat(store.claimSlot(tenant, "s1", "b", Duration.ofMinutes(2))).isFalse();
        assertThat(store.saveSlot(active("s1"), "b")).isFalse();
        assertThat(store.saveSlot(active("s1"), "a")).isTrue();
        assertThat(store.slotMeeting(tenant, "s1").orElseThrow().meetingId()).isEqualTo("85746065432");
        assertThat(store.slotMeeting(tenant, "s1").orElseThrow().password().reveal()).isEqualTo("pw");

        clock.advance(Duration.ofMinutes(3));
        assertThat(store.claimSlot(tenant, "s1", "b", Duration.ofMinutes(2))).as("a's claim ran out").isTrue();
        assertThat(store.saveSlot(SlotMeeting.none(tenant, "s1"), "a")).as("a lost it").isFalse();
        store.releaseSlot(tenant, "s1", "b");
        assertThat(store.claimSlot(tenant, "s1", "c", Duration.ofMinutes(2))).isTrue();
    }

    @Test
    void hostCallsStopAtTheLimitPerDayAndDeliveriesAreSeenOnce() {
        LocalDate day = LocalDate.of(2026, 12, 1);
        assertThat(store.countHostCall(tenant, "h", day, 2)).isTrue();
        assertThat(store.countHostCall(tenant, "h", day, 2)).isTrue();
        assertThat(store.countHostCall(tenant, "h", day, 2)).isFalse();
        assertThat(store.countHostCall(tenant, "h", day.plusDays(1), 2)).isTrue();
        store.exhaustHost(tenant, "other", day, 100);
        assertThat(store.hostCalls(tenant, "other", day)).isEqualTo(100);
        assertThat(store.countHostCall(tenant, "other", day, 100)).isFalse();

        String key = "zoom:app_deauthorized:" + tenant;
        assertThat(store.firstDelivery(key)).isTrue();
        assertThat(store.firstDelivery(key)).isFalse();
    }

    private SlotMeeting active(String slot) {
        return new SlotMeeting(tenant, slot, Phase.ACTIVE, "renkei-m", "85746065432", "host",
                URI.create("https://zoom.example/j/85746065432"), Secret.of("pw"), T0, Duration.ofMinutes(30),
                ZoneId.of("Asia/Tokyo"), "面接");
    }
}
