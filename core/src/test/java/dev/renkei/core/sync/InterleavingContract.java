package dev.renkei.core.sync;

import dev.renkei.core.sync.internal.Checkpoint;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.sync.RobotScheduler;
import dev.renkei.core.store.LedgerEntry;
import dev.renkei.core.store.LedgerKey;
import dev.renkei.core.store.OutboxMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly once between the steps: two slots on one board account, two executors of one run after a takeover, a
 * listener that throws everywhere, a run killed half-way — on every store (subclasses supply it, on the test's
 * clock, so a lease can be made to lapse).
 */
public abstract class InterleavingContract extends EngineTestBase {

    private LedgerKey key(String app) {
        return new LedgerKey(tenant, "json-ats:main", "doda", "EMP-A", app);
    }

    private void assertEachPostedOnce(int n) {
        for (int i = 1; i <= n; i++) {
            atsWm.verify(exactly(1), postRequestedFor(urlEqualTo("/candidates"))
                    .withHeader("Idempotency-Key", equalTo(key("A-" + i).idempotencyKey())));
            assertThat(store.ledger().find(key("A-" + i))).get().extracting(LedgerEntry::state)
                    .isEqualTo(LedgerEntry.State.COMPLETED);
        }
        assertThat(creates()).isEqualTo(n);
        assertThat(ATS_STATE.candidates()).isEqualTo(n);
    }

    private void seed(int n) {
        for (int i = 1; i <= n; i++) {
            board.application("EMP-A", "A-" + i, minutesAgo(60 - i), "応募者" + i, "a" + i + "@example.jp");
        }
    }

    @Test
    void twoSlotsOnOneBoardAccountReadItOnceAndImportEachApplicationOnce() throws Exception {
        // two login ids of one employer account: both sessions report EMP-A
        board.account("a2@example.jp", PASSWORD_A, "EMP-A");
        seed(20);
        RobotId robot = newRobot("a@example.jp");
        robots.addSlot(tenant, robot, "doda", dev.renkei.core.model.Credentials.of("a2@example.jp", PASSWORD_A));

        SyncRun run = engine().runNow(tenant, robot);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.result().errors()).isEmpty();
        assertThat(run.result().imported()).isEqualTo(20);
        assertEachPostedOnce(20);
        List<SlotResult> slots = run.result().slots();
        SlotResult reader = slots.stream().filter(s -> s.sharedWith() == null).findFirst().orElseThrow();
        SlotResult sharer = slots.stream().filter(s -> s.sharedWith() != null).findFirst().orElseThrow();
        assertThat(sharer.sharedWith()).isEqualTo(reader.slot());
        assertThat(sharer.fetched()).isZero();
        assertThat(sharer.errors()).isEmpty();
        assertThat(reader.fetched()).isEqualTo(20);
        // the stored result keeps it, and the mail says it as information, not as an error
        assertThat(store.runs().find(run.id()).orElseThrow().result().slots()).contains(sharer);
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).contains("成功");
        assertThat(text(mail)).contains(sharer.slot().value() + ": " + reader.slot().value() + " と同じ媒体アカウント");
    }

    @Test
    void aSecondRunLoadsNoDetailPageAndNoResume() {
        seed(10);
        RobotId robot = newRobot("a@example.jp");
        SyncEngine engine = engine();
        assertThat(engine.runNow(tenant, robot).result().imported()).isEqualTo(10);
        assertThat(board.detailLoads()).isEqualTo(10);
        assertThat(board.resumeDownloads()).isEqualTo(10);

        clock.advance(Duration.ofMinutes(1));
        SyncRun second = engine.runNow(tenant, robot);

        assertThat(second.result().fetched()).isEqualTo(10); // within the overlap: listed again ...
        assertThat(second.result().alreadyImported()).isEqualTo(10);
        assertThat(board.detailLoads()).as("... but not loaded again").isEqualTo(10);
        assertThat(board.resumeDownloads()).isEqualTo(10);
        assertEachPostedOnce(10);
    }

    @Test
    void aRunKilledHalfWayReloadsOnlyWhatItHadNotImported() throws Exception {
        seed(10);
        RobotId robot = newRobot("a@example.jp");
        AtomicInteger completes = new AtomicInteger();
        SyncEngine dying = track(engineBuilder().checkpoints((cp, detail) -> {
            if (cp == Checkpoint.AFTER_COMPLETE && completes.incrementAndGet() == 5) {
                throw new SyncEngineContract.Crash(cp);
            }
        }).build());
        assertThatThrownBy(() -> dying.runNow(tenant, robot)).isInstanceOf(SyncEngineContract.Crash.class);
        assertThat(board.detailLoads()).as("imported as read, not after reading everything").isEqualTo(5);

        clock.advance(Duration.ofMinutes(1));
        SyncRun recovery = track(engineBuilder().staleAfter(Duration.ZERO).build()).runNow(tenant, robot);

        assertThat(recovery.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(recovery.result().imported()).isEqualTo(5);
        assertThat(recovery.result().alreadyImported()).isEqualTo(5);
        assertThat(board.detailLoads()).as("only the other half is loaded again").isEqualTo(10);
        assertEachPostedOnce(10);
    }

    @Test
    void aListenerThatThrowsEverywhereChangesNothing() {
        seed(4);
        RobotId robot = newRobot("a@example.jp");
        SyncListener hostile = new SyncListener() {
            @Override public void runStarted(SyncRun run) { throw new IllegalStateException("runStarted"); }
            @Override public void slotStarted(SyncRun run, SlotId slot) { throw new IllegalStateException("slot"); }
            @Override public void applicationImported(SyncRun run, SlotId slot, String id, String atsId) {
                throw new IllegalStateException("imported"); }
            @Override public void applicationSkipped(SyncRun run, SlotId slot, String id, SkipReason reason) {
                throw new IllegalStateException("skipped"); }
            @Override public void applicationFailed(SyncRun run, SlotId slot, String id, SyncError error) {
                throw new IllegalStateException("failed"); }
            @Override public void slotFinished(SyncRun run, SlotResult result) {
                throw new IllegalStateException("slotFinished"); }
            @Override public void runFinished(SyncRun run) { throw new IllegalStateException("runFinished"); }
        };
        SyncEngine engine = track(engineBuilder().listener(hostile).build());

        SyncRun first = engine.runNow(tenant, robot);
        clock.advance(Duration.ofMinutes(1));
        SyncRun second = engine.runNow(tenant, robot);

        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.result().imported()).isEqualTo(4);
        assertThat(first.result().failed()).isZero();
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.result().alreadyImported()).isEqualTo(4);
        assertEachPostedOnce(4);
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    /**
     * Executor A is paused at {@code pausePoint} past the dead-run limit; scheduler B takes the run over and is
     * paused before its finish; A wakes up and must write nothing; then B finishes. Zero duplicates, B's result
     * stored, one mail.
     */
    @ParameterizedTest
    @EnumSource(value = Checkpoint.class, names = {"AFTER_RESERVE", "AFTER_LOAD", "AFTER_ATS_IMPORT", "AFTER_COMPLETE",
            "BEFORE_FINISH"})
    void anExecutorPausedPastItsLeaseWritesNothingAfterATakeover(Checkpoint pausePoint) throws Exception {
        seed(6);
        RobotId robot = newRobot("a@example.jp");
        CountDownLatch aPaused = new CountDownLatch(1);
        CountDownLatch aGo = new CountDownLatch(1);
        AtomicInteger hits = new AtomicInteger();
        SyncEngine a = track(engineBuilder().owner("node-a").checkpoints((cp, detail) -> {
            if (cp == pausePoint && hits.incrementAndGet() == (cp == Checkpoint.BEFORE_FINISH ? 1 : 3)) {
                aPaused.countDown();
                await(aGo);
            }
        }).build());
        CountDownLatch bPaused = new CountDownLatch(1);
        CountDownLatch bGo = new CountDownLatch(1);
        SyncEngine b = track(engineBuilder().owner("node-b").checkpoints((cp, detail) -> {
            if (cp == Checkpoint.BEFORE_FINISH) {
                bPaused.countDown();
                await(bGo);
            }
        }).build());
        RobotScheduler schedulerB = RobotScheduler.builder().store(store).engine(b).deadAfter(Duration.ofMinutes(5))
                .build();

        CompletableFuture<SyncRun> runA = CompletableFuture.supplyAsync(() -> a.runNow(tenant, robot));
        assertThat(aPaused.await(30, TimeUnit.SECONDS)).isTrue();
        SyncRun held = store.runs().list(tenant, robot, 1).get(0);

        clock.advance(Duration.ofMinutes(6)); // A's lease lapses (its heartbeat is paused with it)
        assertThat(schedulerB.tick()).extracting(SyncRun::id).containsExactly(held.id());
        assertThat(bPaused.await(30, TimeUnit.SECONDS)).isTrue();

        aGo.countDown(); // A wakes up while B holds the run
        SyncRun seenByA = runA.get(30, TimeUnit.SECONDS);
        assertThat(seenByA.status()).as("A finished nothing").isEqualTo(RunStatus.RUNNING);
        assertThat(seenByA.owner()).isEqualTo("node-b");
        assertThat(store.outbox().find("run:" + held.id() + ":result")).as("A wrote no mail").isEmpty();

        bGo.countDown();
        assertThat(schedulerB.awaitIdle(Duration.ofSeconds(30))).isTrue();
        schedulerB.close();
        SyncRun stored = store.runs().find(held.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(stored.owner()).isEqualTo("node-b");
        assertThat(stored.result().imported() + stored.result().alreadyImported()).isEqualTo(6);
        assertEachPostedOnce(6);
        assertThat(store.outbox().list(OutboxMail.Status.SENT)).filteredOn(m -> m.tenant().equals(tenant))
                .extracting(OutboxMail::id).containsExactly("run:" + held.id() + ":result");
    }

    @Test
    void aRunHandedBackWhileItsThreadWorksMakesNoFurtherAtsCall() throws Exception {
        seed(6);
        RobotId robot = newRobot("a@example.jp");
        CountDownLatch handedBack = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        SyncEngine engine = track(engineBuilder().owner("node-a").heartbeatInterval(Duration.ofMillis(20))
                .checkpoints((cp, detail) -> {
                    if (cp == Checkpoint.AFTER_LOAD && loads.incrementAndGet() == 3) {
                        // the run is handed back (e.g. close() gave up on it) while this thread still works
                        SyncRun run = store.runs().list(tenant, robot, 1).get(0);
                        store.runs().release(run.id(), "node-a");
                        handedBack.countDown();
                    }
                }).build());

        SyncRun seen = engine.runNow(tenant, robot);

        assertThat(handedBack.getCount()).isZero();
        assertThat(seen.status()).as("handed back, not finished").isEqualTo(RunStatus.RUNNING);
        assertThat(creates()).as("no ATS call after the hand-back").isEqualTo(2);
        assertThat(store.outbox().find("run:" + seen.id() + ":result")).isEmpty();
        // the next execution finishes the run without doubling anything
        clock.advance(Duration.ofMinutes(1));
        RobotScheduler next = RobotScheduler.builder().store(store).engine(engine()).deadAfter(Duration.ofMinutes(5))
                .build();
        assertThat(next.tick()).extracting(SyncRun::id).containsExactly(seen.id());
        assertThat(next.awaitIdle(Duration.ofSeconds(30))).isTrue();
        next.close();
        assertThat(store.runs().find(seen.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertEachPostedOnce(6);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
