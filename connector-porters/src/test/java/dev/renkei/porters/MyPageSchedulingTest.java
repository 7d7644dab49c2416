package dev.renkei.porters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.Renkei;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.store.MyPageStore;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.testing.TestPostgres;
import dev.renkei.porters.testing.GatedProvider;
import dev.renkei.porters.testing.MyPageHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One batch per window across instances, takeover of a dead batch, and fencing of the executor that lost it: two
 * actors on one key at one moment, an executor paused past its lease, a batch killed half-way.
 */
class MyPageSchedulingTest {
    private static final Duration DEAD_AFTER = MyPageService.DEFAULT_DEAD_AFTER;
    private static DataSource db;
    private MyPageHarness h;

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase();
    }

    @BeforeEach
    void setUp() {
        h = new MyPageHarness(db);
        h.sim.addMany(1, 6);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private List<OutboxMail> invites() {
        return h.mails().stream().filter(m -> m.id().contains(":invite:")).toList();
    }

    @Test
    void twoInstancesTickingAtOneMomentRunTheWindowOnce() throws Exception {
        h.clock.set(Instant.parse("2026-09-01T00:00:10Z")); // 09:00:10 in Tokyo
        Renkei a = h.renkei("a");
        Renkei b = h.renkei("b");
        a.mypage().saveSettings(h.tenant, h.settings().batchTime(LocalTime.of(9, 0), ZoneId.of("Asia/Tokyo")).build());
        CyclicBarrier together = new CyclicBarrier(2);

        CompletableFuture<List<MyPageRun>> ra = CompletableFuture.supplyAsync(() -> tickAfter(together, a));
        CompletableFuture<List<MyPageRun>> rb = CompletableFuture.supplyAsync(() -> tickAfter(together, b));
        List<MyPageRun> ran = new ArrayList<>(mine(ra.get(60, TimeUnit.SECONDS)));
        ran.addAll(mine(rb.get(60, TimeUnit.SECONDS)));

        assertThat(ran).singleElement().satisfies(r -> {
            assertThat(r.trigger()).isEqualTo(RunTrigger.SCHEDULED);
            assertThat(r.windowStart()).isEqualTo(Instant.parse("2026-09-01T00:00:00Z"));
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        });
        assertThat(a.mypage().batches(h.tenant, 10)).hasSize(1);
        assertThat(invites()).hasSize(6);

        h.clock.advance(Duration.ofMinutes(30));
        assertThat(mine(a.mypage().tick())).as("the window is claimed for good").isEmpty();
        assertThat(mine(b.mypage().tick())).isEmpty();
        h.clock.advance(Duration.ofDays(1));
        assertThat(mine(b.mypage().tick())).as("the next day's window").hasSize(1);
    }

    /** The runs of this test's tenant (a tick also takes over stale batches other tests on the database left). */
    private List<MyPageRun> mine(List<MyPageRun> runs) {
        return runs.stream().filter(r -> r.tenant().equals(h.tenant)).toList();
    }

    private static List<MyPageRun> tickAfter(CyclicBarrier barrier, Renkei r) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return r.mypage().tick();
    }

    @Test
    void anExecutorPausedPastItsLeaseWritesNothingAfterTheTakeover() throws Exception {
        Renkei a = h.renkei("a");
        Renkei b = h.renkei("b");
        a.mypage().saveSettings(h.tenant, h.settings().source(GatedProvider.ID, h.sim.settings(),
                h.settings().build().credentials()).build());
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        h.gated.hook(i -> {
            if (i == 2 && Thread.currentThread().getName().startsWith("paused")) {
                paused.countDown();
                await(release);
            }
        });
        CompletableFuture<MyPageRun> first = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                first.complete(a.mypage().runNow(h.tenant));
            } catch (Throwable e) {
                first.completeExceptionally(e);
            }
        }, "paused-executor");
        t.start();
        assertThat(paused.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(invites()).as("two seekers handled before the pause").hasSize(2);

        h.clock.advance(DEAD_AFTER.plusSeconds(1));
        List<MyPageRun> takenOver = mine(b.mypage().tick());
        assertThat(takenOver).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.counts().targets()).isEqualTo(6);
        });
        release.countDown();
        MyPageRun seenByA = first.get(60, TimeUnit.SECONDS);

        assertThat(seenByA.counts()).as("the paused executor's finish was refused: the result is B's")
                .isEqualTo(takenOver.get(0).counts());
        assertThat(invites()).hasSize(6);
        assertThat(invites()).extracting(m -> m.to().get(0)).doesNotHaveDuplicates();
        assertThat(h.mails()).filteredOn(m -> m.id().endsWith(":result")).hasSize(1);
    }

    @Test
    void aBatchKilledHalfWayAndRunAgainDoublesNoAccountAndNoMail() {
        Renkei a = h.renkei("a");
        Renkei b = h.renkei("b");
        a.mypage().saveSettings(h.tenant, h.settings().source(GatedProvider.ID, h.sim.settings(),
                h.settings().build().credentials()).build());
        h.gated.hook(i -> {
            if (i == 3) {
                throw new GatedProvider.Killed();
            }
        });

        assertThatThrownBy(() -> a.mypage().runNow(h.tenant)).isInstanceOf(GatedProvider.Killed.class);
        assertThat(invites()).hasSize(3);
        h.gated.hook(i -> { });
        assertThat(mine(b.mypage().tick())).as("not dead yet").isEmpty();

        h.clock.advance(DEAD_AFTER.plusSeconds(1));
        List<MyPageRun> recovered = mine(b.mypage().tick());
        MyPageRun again = a.mypage().runNow(h.tenant);

        assertThat(recovered).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED));
        assertThat(again.counts().created()).isZero();
        assertThat(again.counts().mailsSent()).isZero();
        assertThat(invites()).hasSize(6);
        assertThat(invites()).extracting(m -> m.to().get(0)).doesNotHaveDuplicates();
        for (int i = 1; i <= 6; i++) {
            assertThat(h.store.myPage().accounts().findByEmail(h.tenant, "js" + i + "@example.com")).isPresent();
        }
    }

    @Test
    void everyWriteOfAnExecutionThatLostItsBatchIsRefused() {
        MyPageStore s = h.store.myPage();
        h.renkei("a").mypage().saveSettings(h.tenant, h.settings().build());
        MyPageRun q = new MyPageRun("mp-fence-" + h.tenant.value(), h.tenant, RunTrigger.MANUAL, h.clock.instant(),
                RunStatus.QUEUED, null, null, null, null);
        assertThat(s.claimBatch(q)).isTrue();
        assertThat(s.claimBatch(new MyPageRun(q.id() + "-2", h.tenant, RunTrigger.MANUAL, h.clock.instant(),
                RunStatus.QUEUED, null, null, null, null))).as("one claim per window").isFalse();
        String old = s.startBatch(q.id(), "a").orElseThrow();
        assertThat(s.startBatch(q.id(), "b")).as("a started batch cannot start again").isEmpty();
        assertThat(s.takeOver(q.id(), "b", h.clock.instant().minus(DEAD_AFTER))).as("a live batch").isEmpty();
        h.clock.advance(DEAD_AFTER.plusSeconds(1));
        String fresh = s.takeOver(q.id(), "b", h.clock.instant().minus(DEAD_AFTER)).orElseThrow();
        MyPageStore.Fence stale = new MyPageStore.Fence(q.id(), old);
        var account = s.accounts().createProvisional(h.tenant, "f@example.com");
        MyPageStore.Person person = new MyPageStore.Person(h.tenant, "77", account.id(), "f@example.com", "F",
                List.of(), List.of());
        OutboxMail mail = OutboxMail.pending("fence-mail-" + h.tenant.value(), h.tenant, "x@example.com",
                List.of("f@example.com"), List.of(), "s", "t", null, h.clock.instant());
        MyPageStore.SetupToken token = new MyPageStore.SetupToken("h-" + h.tenant.value(), h.tenant, account.id(),
                h.clock.instant(), h.clock.instant().plusSeconds(60), null, false);

        assertThat(s.heartbeat(q.id(), old)).isFalse();
        assertThat(s.linkPerson(stale, person)).isFalse();
        assertThat(s.enqueue(stale, mail)).isFalse();
        assertThat(s.invite(stale, h.tenant, account.id(), 0, token, mail)).isFalse();
        assertThat(s.finishBatch(q, List.of(mail), old)).isFalse();
        assertThat(s.person(h.tenant, "77")).isEmpty();
        assertThat(s.invitation(h.tenant, account.id())).isEmpty();
        assertThat(s.token(token.hash())).isEmpty();
        assertThat(h.store.outbox().find(mail.id())).isEmpty();

        MyPageStore.Fence current = new MyPageStore.Fence(q.id(), fresh);
        assertThat(s.linkPerson(current, person)).isTrue();
        assertThat(s.invite(current, h.tenant, account.id(), 0, token, mail)).isTrue();
        assertThat(h.store.outbox().find(mail.id())).isPresent();
        assertThat(s.finishBatch(new MyPageRun(q.id(), h.tenant, RunTrigger.MANUAL, q.windowStart(),
                RunStatus.SUCCEEDED, null, null, null, null), List.of(), fresh)).isTrue();
    }

    private static void await(CountDownLatch l) {
        try {
            if (!l.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
