package dev.renkei.core.sync;

import dev.renkei.core.sync.internal.Checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ErrorClassification;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.mail.ResultMailComposer;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.store.LedgerEntry;
import dev.renkei.core.store.LedgerKey;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.testing.InProcessAts;
import dev.renkei.core.testing.InProcessBoard;
import dev.renkei.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Engine behaviour between the steps, against an in-process board and ATS: a slot that throws where nothing
 * expects it, a run past its deadline, recovery through the import path, and memory bounded by concurrency.
 */
class EngineIsolationTest {
    private final TenantId tenant = TenantId.of("acme");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T03:00:00Z"));
    private final InMemoryStore store = new InMemoryStore(clock);
    private final InProcessBoard board = new InProcessBoard("mem");
    private final InProcessAts ats = new InProcessAts(board);
    private SyncEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private SyncEngine.Builder builder() {
        return SyncEngine.builder().store(store).clock(clock)
                .connectors(ConnectorRegistry.builder().register(board).register(ats).build())
                .mails(ResultMailComposer.builder().from("robot@renkei.test").operatorAddress("ops@renkei.test")
                        .clock(clock).build()::compose)
                .heartbeatInterval(Duration.ofHours(1));
    }

    private RobotId robot(String... logins) {
        RobotService robots = new RobotService(store.robots());
        RobotId id = RobotId.of("r1");
        robots.create(tenant, id, "ロボット", new AtsAccount(InProcessAts.ID, "main", Map.of(), null),
                NotificationSettings.to("hr@acme.example"), Schedule.manualOnly(ZoneId.of("Asia/Tokyo")));
        for (String login : logins) {
            robots.addSlot(tenant, id, "mem", Credentials.of(login, "pw"));
        }
        return id;
    }

    private LedgerKey key(String account, int n) {
        return new LedgerKey(tenant, InProcessAts.ID + ":main", "mem", account, account + "-" + n);
    }

    @Test
    void anExceptionNobodyExpectedFailsOnlyItsSlotAndTheRunStillFinishesWithAMail() {
        board.account("a", "ACC-A").applications(3).throwOnRow(2);
        board.account("b", "ACC-B").applications(4);
        RobotId robot = robot("a", "b");
        engine = builder().build();

        SyncRun run = engine.runNow(tenant, robot);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        SlotResult broken = run.result().slots().get(0);
        assertThat(broken.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e.classification()).isEqualTo(ErrorClassification.NO_ACTION_NEEDED);
            assertThat(e.where()).isEqualTo("mem_001");
            assertThat(e.detail()).contains("IllegalStateException");
        });
        assertThat(broken.imported()).isEqualTo(1);
        assertThat(run.result().slots().get(1).imported()).isEqualTo(4);
        assertThat(store.runs().find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
        assertThat(store.outbox().find("run:" + run.id() + ":result")).isPresent();
        assertThat(ats.creates()).isEqualTo(5);
    }

    @Test
    @Timeout(60) // without a deadline the hanging listing would block this test for ever
    void aRunPastItsDeadlineIsFinishedWithTimeoutErrorsAndTheNextRunGoesOn() {
        CountDownLatch never = new CountDownLatch(1);
        board.account("a", "ACC-A").applications(3).hangUntil(never);
        board.account("b", "ACC-B").applications(2);
        RobotId robot = robot("a", "b");
        engine = builder().runTimeout(Duration.ofMillis(500)).build();

        SyncRun run = engine.runNow(tenant, robot);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.result().slots().get(0).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.classification()).isEqualTo(ErrorClassification.NO_ACTION_NEEDED);
            assertThat(e.where()).isEqualTo("mem_001");
        });
        assertThat(run.result().slots().get(1).imported()).isEqualTo(2);
        assertThat(run.result().actionRequired()).isFalse();
        assertThat(store.outbox().find("run:" + run.id() + ":result")).isPresent();

        board.account("a", "ACC-A").hangUntil(null);
        clock.advance(Duration.ofMinutes(30));
        SyncRun next = engine.runNow(tenant, robot);
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(next.result().imported()).isEqualTo(3);
        assertThat(ats.creates()).isEqualTo(5);
    }

    @Test
    void aCrashBetweenCreateAndUploadIsSettledByTheImportPathSoTheResumeArrives() {
        board.account("a", "ACC-A").applications(3);
        RobotId robot = robot("a");
        String victim = key("ACC-A", 2).idempotencyKey();
        ats.dieAfterCreate = r -> r.idempotencyKey().equals(victim) ? new Error("process died after the create")
                : null;
        engine = builder().build();
        assertThatThrownBy(() -> engine.runNow(tenant, robot)).hasMessageContaining("process died");
        assertThat(ats.record(victim)).get().satisfies(r -> assertThat(r.files).isEmpty());
        assertThat(store.ledger().find(key("ACC-A", 2)).orElseThrow().state()).isEqualTo(LedgerEntry.State.RESERVED);

        ats.dieAfterCreate = r -> null;
        clock.advance(Duration.ofMinutes(10)); // the dead run's lease lapsed
        engine.close();
        engine = builder().build();
        SyncRun recovery = engine.runNow(tenant, robot);

        assertThat(recovery.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(ats.record(victim)).get().satisfies(r -> assertThat(r.files).containsExactly("resume-2.pdf"));
        assertThat(ats.records()).isEqualTo(3);
        assertThat(ats.creates()).isEqualTo(3);
        assertThat(ats.finds()).as("never settled by a lookup alone").isZero();
        assertThat(store.ledger().find(key("ACC-A", 2)).orElseThrow().state()).isEqualTo(LedgerEntry.State.COMPLETED);
        // A-1 was completed, A-2 recovered (found and filled, not created again), A-3 imported now
        assertThat(recovery.result().alreadyImported()).isEqualTo(2);
        assertThat(recovery.result().imported()).isEqualTo(1);
    }

    @Test
    void anInheritedReservationIsNotReleasedWhenTheAtsRefusesForAWhile() {
        board.account("a", "ACC-A").applications(2);
        RobotId robot = robot("a");
        AtomicInteger reserved = new AtomicInteger();
        SyncEngine dying = builder().checkpoints((cp, d) -> {
            if (cp == Checkpoint.AFTER_RESERVE && reserved.incrementAndGet() == 1) {
                throw new Error("process died after reserving");
            }
        }).build();
        assertThatThrownBy(() -> dying.runNow(tenant, robot)).hasMessageContaining("died");
        dying.close();

        clock.advance(Duration.ofMinutes(10));
        ats.failImport = r -> InProcessAts.rateLimited();
        engine = builder().build();
        SyncRun limited = engine.runNow(tenant, robot);
        assertThat(limited.result().errors()).extracting(e -> e.code()).containsExactly(ErrorCode.RATE_LIMITED);
        // the dead run may have created it: the reservation stays for the import path of the next run
        assertThat(store.ledger().find(key("ACC-A", 1))).get().extracting(LedgerEntry::state)
                .isEqualTo(LedgerEntry.State.RESERVED);

        ats.failImport = r -> null;
        clock.advance(Duration.ofMinutes(10));
        SyncRun next = engine.runNow(tenant, robot);
        assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(ats.records()).isEqualTo(2);
        assertThat(ats.creates()).isEqualTo(2);
    }

    @Test
    void anExecutorPausedPastItsLeaseDoesNotImportAKeyAnotherRunTookOver() throws Exception {
        board.account("a", "ACC-A").applications(3);
        RobotId robot = robot("a");
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        // paused with the second application's detail page loaded, right before the store call that reserves the
        // key and checks the run in one (the last store call before the ATS import)
        SyncEngine a = builder().owner("node-a").checkpoints((cp, d) -> {
            if (cp == Checkpoint.AFTER_LOAD && loads.incrementAndGet() == 2) {
                paused.countDown();
                try {
                    go.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build();
        CompletableFuture<SyncRun> runA = CompletableFuture.supplyAsync(() -> a.runNow(tenant, robot));
        assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMinutes(10)); // A's heartbeat is paused with it: its reservation looks dead
        engine = builder().owner("node-b").build();
        SyncRun runB = engine.runNow(tenant, robot); // a second run of the robot, e.g. started on another instance
        go.countDown();
        SyncRun runOfA = runA.get(30, TimeUnit.SECONDS);
        a.close();

        String victim = key("ACC-A", 2).idempotencyKey();
        assertThat(ats.imports()).filteredOn(victim::equals).as("imported by B only").hasSize(1);
        assertThat(ats.creates()).isEqualTo(3);
        assertThat(runB.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runB.result().imported()).isEqualTo(2);
        // A still held its own run and finishes it: its reservation found the keys B settled imported already
        assertThat(runOfA.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runOfA.result().imported()).isEqualTo(1);
        assertThat(runOfA.result().alreadyImported()).isEqualTo(2);
    }

    @Test
    @Timeout(60)
    void aRefusedHeartbeatInterruptsTheSlotsOfTheExecution() throws Exception {
        board.account("a", "ACC-A").applications(3);
        RobotId robot = robot("a");
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        SyncEngine a = builder().owner("node-a").heartbeatInterval(Duration.ofMillis(20)).checkpoints((cp, d) -> {
            if (cp == Checkpoint.AFTER_RESERVE && blocked.getCount() > 0) {
                blocked.countDown();
                try {
                    new CountDownLatch(1).await(); // stuck until something interrupts this slot
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    Thread.currentThread().interrupt();
                }
            }
        }).build();
        CompletableFuture<SyncRun> run = CompletableFuture.supplyAsync(() -> a.runNow(tenant, robot));
        assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();

        // another instance handed the run back (or took it over): only the heartbeat can tell the stuck slot
        SyncRun held = store.runs().list(tenant, robot, 1).get(0);
        store.runs().release(held.id(), "node-a");

        assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("the refused heartbeat stopped the slot").isTrue();
        SyncRun seen = run.get(30, TimeUnit.SECONDS);
        a.close();
        assertThat(seen.status()).as("handed back, not finished by the fenced execution").isEqualTo(RunStatus.RUNNING);
        assertThat(ats.imports()).isEmpty();
        assertThat(store.outbox().list(OutboxMail.Status.PENDING)).isEmpty();
    }

    @Test
    void twentyThousandApplicationsWithLargeResumesKeepAtMostOneLoadedApplicantPerSlot() {
        int n = 20_000;
        board.account("a", "ACC-A").applications(n).resumeBytes(100 * 1024);
        RobotId robot = robot("a");
        engine = builder().initialLookback(Duration.ofDays(30)).build();

        SyncRun run = engine.runNow(tenant, robot);

        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.result().imported()).isEqualTo(n);
        assertThat(board.loads()).isEqualTo(n);
        assertThat(ats.uploads()).isEqualTo(n);
        // loaded applicants alive at once: one slot reads one at a time (the old engine held all 20,000)
        assertThat(board.maxLive()).isEqualTo(1);
        assertThat(store.outbox().list(OutboxMail.Status.PENDING)).hasSize(1);
    }
}
