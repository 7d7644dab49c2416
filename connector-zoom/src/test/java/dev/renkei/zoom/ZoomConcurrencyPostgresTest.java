package dev.renkei.zoom;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.renkei.zoom.testing.MeetingHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.http.Sleeper;
import dev.renkei.core.meeting.InterviewMeeting;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.MeetingSyncResult;
import dev.renkei.core.meeting.MeetingSyncResult.Outcome;
import dev.renkei.core.store.MeetingStore;
import dev.renkei.core.testing.TestPostgres;
import dev.renkei.zoom.testing.HookedProvider;
import dev.renkei.zoom.testing.MeetingHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two meeting-service instances, each with its own JdbcStore, on one PostgreSQL database, driven by many threads
 * at once: token rotation is one refresh per expiry, a refresher paused past its lease never overwrites the newer
 * pair, and one slot synced from everywhere at once gets one meeting. Waiting callers really wait (a few ms per
 * poll): the point is real concurrency, while token expiry and leases follow the harness's clock.
 */
class ZoomConcurrencyPostgresTest {
    private static final Sleeper REAL = d -> Thread.sleep(Math.max(1, d.toMillis()));
    private static final UnaryOperator<dev.renkei.core.meeting.MeetingSettings.Builder> FAST_POLL =
            s -> s.poll(Duration.ofMillis(5));
    private static DataSource ds;

    private MeetingHarness h;
    private MeetingStore storeA;
    private MeetingStore storeB;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @BeforeAll
    static void database() {
        ds = TestPostgres.newDatabase();
    }

    @BeforeEach
    void start() {
        h = new MeetingHarness();
        storeA = h.jdbc(ds).meetings();
        storeB = h.jdbc(ds).meetings();
        PostgresSupport.truncate(ds);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        h.close();
    }

    @Test
    void manyThreadsOnTwoInstancesMakeExactlyOneRefreshPerExpiryAndNeverAnInvalidGrant() throws Exception {
        MeetingService a = h.service(storeA, REAL, FAST_POLL, h.sim.provider());
        MeetingService b = h.service(storeB, REAL, FAST_POLL, h.sim.provider());
        h.link(a);

        for (int expiry = 1; expiry <= 3; expiry++) {
            h.clock.advance(Duration.ofHours(1));
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                MeetingService s = i % 2 == 0 ? a : b;
                calls.add(() -> s.hosts(TENANT).size());
            }
            assertThat(runAtOnce(calls)).as("every caller got the hosts").containsOnly(3);
            assertThat(h.sim.refreshCalls()).as("refresh calls after expiry " + expiry).isEqualTo(expiry);
        }
        assertThat(h.sim.invalidGrants()).isZero();
        assertThat(storeB.link(TENANT).orElseThrow().tokens().refreshToken().reveal()).isEqualTo("R4");
    }

    @Test
    void aRefresherPausedPastItsLeaseAfterZoomAnsweredDoesNotOverwriteTheNewerPair() throws Exception {
        h.sim.lenientRefresh(true); // lets the stale refresher obtain a pair, so only compare-and-set can stop it
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        HookedProvider pausing = new HookedProvider(h.sim.provider()).on("refresh", new HookedProvider.Hook() {
            @Override
            public void after() throws InterruptedException {
                paused.countDown();
                resume.await(10, TimeUnit.SECONDS);
            }
        });
        MeetingService a = h.service(storeA, REAL, FAST_POLL, pausing);
        MeetingService b = h.service(storeB, REAL, FAST_POLL, h.sim.provider());
        h.link(b);
        h.clock.advance(Duration.ofHours(1));

        Future<Integer> stale = pool.submit(() -> a.hosts(TENANT).size()); // refreshes R1 -> R2, then pauses
        assertThat(paused.await(10, TimeUnit.SECONDS)).isTrue();
        h.clock.advance(Duration.ofSeconds(31)); // past A's 30 s lease
        assertThat(b.hosts(TENANT)).hasSize(3); // B takes over: R1 -> R3, stored
        resume.countDown();

        assertThat(stale.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        MeetingStore.LinkRecord link = storeA.link(TENANT).orElseThrow();
        assertThat(link.state()).isEqualTo(MeetingLinkState.AUTHORIZED);
        assertThat(link.tokens().refreshToken().reveal()).as("B's newer pair stands").isEqualTo("R3");
        assertThat(link.tokens().accessToken().reveal()).isEqualTo("A3");
        assertThat(h.sim.server().findAll(getRequestedFor(urlPathEqualTo("/v2/users"))).stream()
                .map(r -> r.getHeader("Authorization")).distinct()).as("A called with the stored token, not its own")
                .containsOnly("Bearer A3");
        assertThat(h.revokedEvents).isEmpty();
    }

    @Test
    void aRefresherPausedPastItsLeaseBeforeCallingZoomUsesTheSiblingsTokenAfterInvalidGrant() throws Exception {
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        HookedProvider pausing = new HookedProvider(h.sim.provider()).on("refresh", new HookedProvider.Hook() {
            @Override
            public void before() throws InterruptedException {
                paused.countDown();
                resume.await(10, TimeUnit.SECONDS);
            }
        });
        MeetingService a = h.service(storeA, REAL, FAST_POLL, pausing);
        MeetingService b = h.service(storeB, REAL, FAST_POLL, h.sim.provider());
        h.link(b);
        h.clock.advance(Duration.ofHours(1));

        Future<Integer> stale = pool.submit(() -> a.hosts(TENANT).size()); // holds the lease, has read R1
        assertThat(paused.await(10, TimeUnit.SECONDS)).isTrue();
        h.clock.advance(Duration.ofSeconds(31));
        assertThat(b.hosts(TENANT)).hasSize(3); // R1 -> R2; R1 is dead now
        resume.countDown();

        assertThat(stale.get(10, TimeUnit.SECONDS)).as("A re-read the link after invalid_grant").isEqualTo(3);
        assertThat(h.sim.invalidGrants()).isEqualTo(1);
        MeetingStore.LinkRecord link = storeA.link(TENANT).orElseThrow();
        assertThat(link.state()).isEqualTo(MeetingLinkState.AUTHORIZED);
        assertThat(link.tokens().refreshToken().reveal()).isEqualTo("R2");
        assertThat(h.revokedEvents).isEmpty();
    }

    @Test
    void oneSlotSyncedFromTwoInstancesAndManyThreadsAtOnceGetsOneMeeting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch contended = new CountDownLatch(20);
        AtomicBoolean first = new AtomicBoolean(true);
        HookedProvider heldCreate = new HookedProvider(h.sim.provider()).on("create", new HookedProvider.Hook() {
            @Override
            public void before() throws InterruptedException {
                if (first.getAndSet(false)) {
                    release.await(10, TimeUnit.SECONDS); // the first create stays in flight while the others arrive
                }
            }
        });
        Sleeper counting = d -> {
            contended.countDown(); // a caller waits for the slot's claim
            REAL.sleep(d);
        };
        MeetingService a = h.service(storeA, counting, FAST_POLL, heldCreate);
        MeetingService b = h.service(storeB, counting, FAST_POLL, heldCreate);
        h.link(a);

        CountDownLatch go = new CountDownLatch(1);
        List<Future<MeetingSyncResult>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            MeetingService s = i % 2 == 0 ? a : b;
            futures.add(pool.submit(() -> {
                go.await();
                return s.sync(TENANT, MeetingServiceContract.SLOT);
            }));
        }
        go.countDown();
        boolean met = contended.await(5, TimeUnit.SECONDS);
        release.countDown();
        List<MeetingSyncResult> results = new ArrayList<>();
        for (Future<MeetingSyncResult> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }

        assertThat(met).as("other callers waited for the slot while the create was in flight").isTrue();
        assertThat(h.sim.creates()).isEqualTo(1);
        assertThat(results).extracting(MeetingSyncResult::outcome).containsOnlyOnce(Outcome.CREATED)
                .containsOnly(Outcome.CREATED, Outcome.UNCHANGED);
        assertThat(results).extracting(r -> r.meeting().map(InterviewMeeting::meetingId).orElseThrow())
                .containsOnly(Long.toString(dev.renkei.zoom.testing.ZoomSimulator.FIRST_MEETING_ID));
    }

    private <T> List<T> runAtOnce(List<Callable<T>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> c : calls) {
            futures.add(pool.submit(() -> {
                go.await();
                return c.call();
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(30, TimeUnit.SECONDS));
        }
        return out;
    }
}
