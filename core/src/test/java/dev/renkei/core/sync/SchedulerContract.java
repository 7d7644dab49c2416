package dev.renkei.core.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.core.store.LedgerKey;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.sync.internal.Checkpoint;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.RobotHarness;
import dev.renkei.core.testing.StatefulAts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduler with several instances on one store. The store's clock stands for the database clock all
 * instances share; each instance's own clock may be skewed. Subclasses supply the stores.
 */
public abstract class SchedulerContract {
    static final StatefulAts ATS_STATE = new StatefulAts();
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final TenantId BIG = TenantId.of("big-co");
    static final TenantId SMALL = TenantId.of("small-co");

    @RegisterExtension
    static WireMockExtension boardWm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static WireMockExtension atsWm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(ATS_STATE)).build();

    /** The database clock: Friday 2026-11-20 08:00 in Tokyo. */
    protected final MutableClock dbClock = new MutableClock(Instant.parse("2026-11-19T23:00:00Z"));
    protected RobotHarness harness;
    private final List<RobotScheduler> schedulers = new ArrayList<>();
    private final List<SyncEngine> engines = new ArrayList<>();

    /** Prepares a fresh shared database for one test. */
    protected abstract void newDatabase(MutableClock dbClock);

    /** A store for one more instance over the test's shared database (its own connection pool for JDBC). */
    protected abstract RenkeiStore instanceStore();

    @BeforeEach
    void setUpHarness() {
        newDatabase(dbClock);
        harness = new RobotHarness(boardWm, atsWm, ATS_STATE);
    }

    @AfterEach
    void closeAll() {
        schedulers.forEach(RobotScheduler::close);
        engines.forEach(SyncEngine::close);
    }

    protected RobotScheduler instance(String name, Duration skew, SyncEngine.Builder engineOptions,
                                      RobotScheduler.Builder options) {
        RenkeiStore store = instanceStore();
        Clock instanceClock = Clock.offset(dbClock, skew);
        SyncEngine engine = (engineOptions != null ? engineOptions : harness.engine(store, instanceClock))
                .store(store).clock(instanceClock).owner(name).build();
        engines.add(engine);
        RobotScheduler s = (options != null ? options : RobotScheduler.builder().maxConcurrentRuns(3))
                .store(store).engine(engine).deadAfter(Duration.ofMinutes(5)).build();
        schedulers.add(s);
        return s;
    }

    /** An engine (for {@link #instance}) that counts {@code finished} down at the end of each run. */
    private SyncEngine.Builder countingFinishes(CountDownLatch finished) {
        return harness.engine(instanceStore(), dbClock).listener(new SyncListener() {
            @Override
            public void runFinished(SyncRun run) {
                finished.countDown();
            }
        });
    }

    protected RobotScheduler instance(String name, Duration skew) {
        return instance(name, skew, null, null);
    }

    /** Every instance ticks at once (real threads), then waits until all are idle. */
    protected List<SyncRun> tickAll(List<RobotScheduler> instances) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<List<SyncRun>>> ticks = new ArrayList<>();
            for (RobotScheduler s : instances) {
                ticks.add(() -> {
                    go.await();
                    return s.tick();
                });
            }
            var futures = ticks.stream().map(pool::submit).toList();
            go.countDown();
            List<SyncRun> started = new ArrayList<>();
            for (var f : futures) {
                started.addAll(f.get(60, TimeUnit.SECONDS));
            }
            for (RobotScheduler s : instances) {
                assertThat(s.awaitIdle(Duration.ofSeconds(60))).isTrue();
            }
            return started;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyWindowOfEveryRobotRunsExactlyOnceAcrossInstancesWithSkewedClocks() throws Exception {
        RenkeiStore setup = instanceStore();
        Map<RobotId, TenantId> robots = new HashMap<>();
        for (int i = 1; i <= 5; i++) {
            String login = "big" + i + "@example.jp";
            harness.board().account(login, "pw-" + login, "EMP-BIG-" + i);
            robots.put(harness.robot(setup, BIG, "r" + i, Schedule.of(TOKYO, LocalTime.of(9, 0), LocalTime.of(17, 30)),
                    login), BIG);
        }
        harness.board().account("small@example.jp", "pw-small@example.jp", "EMP-SMALL");
        robots.put(harness.robot(setup, SMALL, "late", Schedule.of(TOKYO, LocalTime.of(23, 30)), "small@example.jp"),
                SMALL);
        List<RobotScheduler> instances = List.of(instance("node-a", Duration.ZERO),
                instance("node-b", Duration.ofMinutes(5)), instance("node-c", Duration.ofMinutes(-5)),
                instance("node-d", Duration.ofHours(1)));

        Instant start = dbClock.instant();
        int applications = 0;
        Random random = new Random(42);
        // three days in 30-minute steps; every instance polls at every step
        for (int step = 1; step <= 3 * 48; step++) {
            dbClock.set(start.plus(Duration.ofMinutes(30L * step)).plusSeconds(random.nextInt(600)));
            if (step % 5 == 0 && step <= 2 * 48) {
                int n = 1 + random.nextInt(5);
                String key = n == 6 ? "EMP-SMALL" : "EMP-BIG-" + n;
                harness.board().application(key, "app-" + step, dbClock.instant().minusSeconds(30), "応募者" + step,
                        "a" + step + "@example.jp");
                applications++;
            }
            tickAll(instances);
        }

        Instant end = dbClock.instant();
        for (Map.Entry<RobotId, TenantId> robot : robots.entrySet()) {
            Schedule schedule = setup.robots().find(robot.getValue(), robot.getKey()).orElseThrow().schedule();
            List<Instant> expected = schedule.windows(start, end);
            List<SyncRun> runs = setup.runs().list(robot.getValue(), robot.getKey(), 1000);
            assertThat(runs).allSatisfy(r -> {
                assertThat(r.trigger()).isEqualTo(RunTrigger.SCHEDULED);
                assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            });
            assertThat(runs.stream().map(SyncRun::windowStart).sorted().toList())
                    .as("windows of %s", robot.getKey()).isEqualTo(expected);
        }
        // every instance did some of the work, and no application reached the ATS twice
        Map<String, Long> perOwner = robots.entrySet().stream()
                .flatMap(r -> setup.runs().list(r.getValue(), r.getKey(), 1000).stream())
                .collect(Collectors.groupingBy(SyncRun::owner, Collectors.counting()));
        assertThat(perOwner.keySet()).hasSizeGreaterThan(1);
        assertThat(ATS_STATE.candidates()).isEqualTo(applications);
        assertThat(atsWm.findAll(postRequestedFor(urlEqualTo("/candidates")))).hasSize(applications);
        System.out.printf("[figures] scheduler: %d robots, %d instances, %d runs, owners %s, doubles 0%n",
                robots.size(), instances.size(), perOwner.values().stream().mapToLong(Long::longValue).sum(), perOwner);
    }

    @Test
    void aRunWhoseInstanceDiedIsTakenOverAfterTheLimitAndImportsEachApplicationOnce() throws Exception {
        RenkeiStore setup = instanceStore();
        harness.board().account("a@example.jp", "pw-a@example.jp", "EMP-A");
        RobotId robot = harness.robot(setup, BIG, "r1", Schedule.of(TOKYO, LocalTime.of(9, 0)), "a@example.jp");
        for (int i = 1; i <= 6; i++) {
            harness.board().application("EMP-A", "A-" + i, dbClock.instant().minusSeconds(600 - i), "応募者" + i,
                    "a" + i + "@example.jp");
        }
        // node-a dies after its third ATS create: the run stays RUNNING and stops heartbeating
        int[] creates = {0};
        SyncEngine.Builder dying = harness.engine(instanceStore(), dbClock).checkpoints((cp, detail) -> {
            if (cp == Checkpoint.AFTER_ATS_IMPORT && ++creates[0] == 3) {
                throw new ThreadDeath();
            }
        });
        RobotScheduler nodeA = instance("node-a", Duration.ZERO, dying, null);
        RobotScheduler nodeB = instance("node-b", Duration.ofMinutes(5));
        nodeA.tick(); // 08:00: the robot's schedule is seen

        dbClock.set(Instant.parse("2026-11-20T00:01:00Z")); // 09:01 Tokyo
        List<SyncRun> startedByA = nodeA.tick();
        assertThat(startedByA).hasSize(1);
        assertThat(nodeA.awaitIdle(Duration.ofSeconds(30))).isTrue();
        SyncRun orphan = setup.runs().find(startedByA.get(0).id()).orElseThrow();
        assertThat(orphan.status()).isEqualTo(RunStatus.RUNNING);

        // within the limit nobody touches it
        dbClock.advance(Duration.ofMinutes(4));
        assertThat(nodeB.tick()).isEmpty();
        // past the limit node-b takes it over
        dbClock.advance(Duration.ofMinutes(2));
        Instant takeoverAt = dbClock.instant();
        List<SyncRun> takenOver = nodeB.tick();
        assertThat(takenOver).extracting(SyncRun::id).containsExactly(orphan.id());
        assertThat(nodeB.awaitIdle(Duration.ofSeconds(30))).isTrue();

        SyncRun finished = setup.runs().find(orphan.id()).orElseThrow();
        assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(finished.owner()).isEqualTo("node-b");
        assertThat(setup.runs().list(BIG, robot, 10)).hasSize(1);
        assertThat(ATS_STATE.candidates()).isEqualTo(6);
        for (int i = 1; i <= 6; i++) {
            String key = new LedgerKey(BIG, "json-ats:main", "doda", "EMP-A", "A-" + i).idempotencyKey();
            atsWm.verify(exactly(1), postRequestedFor(urlEqualTo("/candidates")).withHeader("Idempotency-Key", equalTo(key)));
        }
        System.out.printf("[figures] takeover: dead run taken over %s after its last heartbeat (limit 5m)%n",
                Duration.between(orphan.heartbeatAt(), takeoverAt));
    }

    @Test
    void aTenantWithOneRobotIsNotStarvedByATenantWithMany() throws Exception {
        RenkeiStore setup = instanceStore();
        Schedule nine = Schedule.of(TOKYO, LocalTime.of(9, 0));
        for (int i = 1; i <= 30; i++) {
            String login = "big" + i + "@example.jp";
            harness.board().account(login, "pw-" + login, "EMP-BIG-" + i);
            harness.robot(setup, BIG, "r" + String.format("%02d", i), nine, login);
        }
        harness.board().account("small@example.jp", "pw-small@example.jp", "EMP-SMALL");
        RobotId small = harness.robot(setup, SMALL, "only", nine, "small@example.jp");
        RobotScheduler node = instance("node-a", Duration.ZERO, null, RobotScheduler.builder().maxConcurrentRuns(2));
        node.tick(); // 08:00: schedules seen

        dbClock.set(Instant.parse("2026-11-20T00:00:30Z"));
        List<SyncRun> order = new ArrayList<>();
        while (order.size() < 31) {
            List<SyncRun> started = node.tick();
            if (order.isEmpty()) {
                assertThat(node.queueLength()).isEqualTo(29);
            }
            order.addAll(started);
            assertThat(node.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
        int position = order.stream().map(SyncRun::robot).toList().indexOf(small);
        assertThat(position).isLessThan(2);
        assertThat(node.recentStartDelays()).hasSize(31).allSatisfy(d -> assertThat(d.isNegative()).isFalse());
        System.out.printf("[figures] fairness: single-robot tenant started at position %d of 31 (capacity 2)%n",
                position + 1);
    }

    @Test
    void aScheduleChangedBetweenWindowsOnlyAffectsLaterWindows() throws Exception {
        RenkeiStore setup = instanceStore();
        harness.board().account("a@example.jp", "pw-a@example.jp", "EMP-A");
        RobotId robot = harness.robot(setup, BIG, "r1", Schedule.of(TOKYO, LocalTime.of(10, 0)), "a@example.jp");
        RobotScheduler node = instance("node-a", Duration.ZERO);

        dbClock.set(Instant.parse("2026-11-20T00:20:00Z")); // 09:20 Tokyo: seen with 10:00
        assertThat(node.tick()).isEmpty();
        dbClock.set(Instant.parse("2026-11-20T00:30:00Z")); // 09:30: changed to 09:00 and 18:00
        new RobotService(setup.robots()).setSchedule(BIG, robot,
                Schedule.of(TOKYO, LocalTime.of(9, 0), LocalTime.of(18, 0)));
        List<Instant> ran = new ArrayList<>();
        for (Instant t = dbClock.instant(); t.isBefore(Instant.parse("2026-11-21T10:00:00Z"));
                t = t.plus(Duration.ofMinutes(30))) {
            dbClock.set(t.plusSeconds(45));
            node.tick().forEach(r -> ran.add(r.windowStart()));
            assertThat(node.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
        // today's 09:00 (before the change) and the old 10:00 never run; 18:00 today and 09:00/18:00 tomorrow do
        assertThat(ran).containsExactly(Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-21T00:00:00Z"),
                Instant.parse("2026-11-21T09:00:00Z"));
    }

    @Test
    void aWindowMissedWhileEveryInstanceWasDownRunsWithinCatchUpElseIsRecordedMissed() throws Exception {
        RenkeiStore setup = instanceStore();
        harness.board().account("a@example.jp", "pw-a@example.jp", "EMP-A");
        RobotId robot = harness.robot(setup, BIG, "r1", Schedule.of(TOKYO, LocalTime.of(9, 0), LocalTime.of(12, 0)),
                "a@example.jp");
        RobotScheduler node = instance("node-a", Duration.ZERO, null,
                RobotScheduler.builder().catchUp(Duration.ofMinutes(45)));
        dbClock.set(Instant.parse("2026-11-19T23:30:00Z")); // 08:30 Tokyo: the scheduler sees the robot
        node.tick();

        // everything was down from 08:30 until 12:20: 09:00 is past catch-up, 12:00 is within it
        dbClock.set(Instant.parse("2026-11-20T03:20:00Z"));
        List<SyncRun> started = node.tick();
        assertThat(node.awaitIdle(Duration.ofSeconds(30))).isTrue();

        assertThat(started).extracting(SyncRun::windowStart).containsExactly(Instant.parse("2026-11-20T03:00:00Z"));
        assertThat(setup.runs().list(BIG, robot, 10)).extracting(SyncRun::windowStart, SyncRun::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-11-20T03:00:00Z"), RunStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-11-20T00:00:00Z"), RunStatus.MISSED));
        node.tick();
        assertThat(setup.runs().list(BIG, robot, 10)).hasSize(2);
    }

    @Test
    void aWaitingRunStartsWhenAWorkerFreesNotAtTheNextPoll() throws Exception {
        RenkeiStore setup = instanceStore();
        harness.board().account("a@example.jp", "pw-a@example.jp", "EMP-A");
        harness.board().account("b@example.jp", "pw-b@example.jp", "EMP-B");
        RobotId first = harness.robot(setup, BIG, "r1", Schedule.manualOnly(TOKYO), "a@example.jp");
        RobotId second = harness.robot(setup, BIG, "r2", Schedule.manualOnly(TOKYO), "b@example.jp");
        // one worker, and no poll for an hour: the second run can only start because the first one freed the worker
        RobotScheduler node = instance("node-a", Duration.ZERO, null,
                RobotScheduler.builder().maxConcurrentRuns(1).pollInterval(Duration.ofHours(1)));
        var one = node.runNow(BIG, first);
        var two = node.runNow(BIG, second);
        node.start();

        assertThat(one.get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(two.get(30, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void scheduledWindowsLeftWaitingForAWorkerStartWhenOneFreesNotAtTheNextPoll() throws Exception {
        RenkeiStore setup = instanceStore();
        for (int i = 1; i <= 3; i++) {
            String login = "w" + i + "@example.jp";
            harness.board().account(login, "pw-" + login, "EMP-W" + i);
            harness.robot(setup, BIG, "w" + i, Schedule.of(TOKYO, LocalTime.of(9, 0)), login);
        }
        CountDownLatch finished = new CountDownLatch(3);
        SyncEngine.Builder counting = countingFinishes(finished);
        RobotScheduler node = instance("node-a", Duration.ZERO, counting,
                RobotScheduler.builder().maxConcurrentRuns(1).pollInterval(Duration.ofHours(1)));
        node.tick(); // 08:00: the schedules are seen
        dbClock.set(Instant.parse("2026-11-20T00:01:00Z")); // 09:01 Tokyo: three windows due, one worker

        node.start();

        assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
        List<SyncRun> runs = setup.runs().listByWindow(Instant.parse("2026-11-19T23:59:00Z"),
                Instant.parse("2026-11-20T00:01:00Z"));
        assertThat(runs).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED));
    }

    @Test
    void aWindowThatOpensBetweenTwoPollsStartsWhenItOpensNotAtTheNextPoll() throws Exception {
        RenkeiStore setup = instanceStore();
        harness.board().account("punctual@example.jp", "pw-punctual@example.jp", "EMP-PUNCTUAL");
        harness.robot(setup, BIG, "punctual", Schedule.of(TOKYO, LocalTime.of(9, 0)), "punctual@example.jp");
        CountDownLatch finished = new CountDownLatch(1);
        SyncEngine.Builder counting = countingFinishes(finished);
        RobotScheduler node = instance("node-a", Duration.ZERO, counting,
                RobotScheduler.builder().pollInterval(Duration.ofHours(1)));
        node.tick(); // 08:00: the schedule is seen
        dbClock.set(Instant.parse("2026-11-19T23:59:59.700Z")); // 08:59:59.7 Tokyo, and time goes on
        dbClock.ticking();

        node.start(); // its first poll finds nothing due, and the next one is an hour away

        assertThat(finished.await(30, TimeUnit.SECONDS)).as("the run started when its window opened").isTrue();
        Instant nine = Instant.parse("2026-11-20T00:00:00Z");
        SyncRun run = setup.runs().listByWindow(nine, nine).get(0);
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.startDelay().orElseThrow()).isLessThan(Duration.ofSeconds(5));
        assertThat(run.startDelay().orElseThrow().isNegative()).as("not before the window").isFalse();
    }

    @Test
    void aManualRunIsQueuedLikeAnyOtherAndNeverOverlapsARunOfTheSameRobot() throws Exception {
        RenkeiStore setup = instanceStore();
        harness.board().account("a@example.jp", "pw-a@example.jp", "EMP-A");
        harness.board().application("EMP-A", "A-1", dbClock.instant().minusSeconds(60), "山田 太郎", "t@example.jp");
        RobotId robot = harness.robot(setup, BIG, "r1", Schedule.of(TOKYO, LocalTime.of(9, 0)), "a@example.jp");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SyncEngine.Builder blocking = harness.engine(instanceStore(), dbClock).checkpoints((cp, detail) -> {
            if (cp == Checkpoint.AFTER_LOGIN) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        RobotScheduler nodeA = instance("node-a", Duration.ZERO, blocking, null);
        RobotScheduler nodeB = instance("node-b", Duration.ZERO);
        nodeA.tick(); // nothing due yet at 08:00
        dbClock.set(Instant.parse("2026-11-20T00:00:10Z"));
        assertThat(nodeA.tick()).hasSize(1);
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        var manual = nodeB.runNow(BIG, robot);
        assertThat(nodeB.tick()).isEmpty(); // the scheduled run of the same robot is still going on node-a
        release.countDown();
        assertThat(nodeA.awaitIdle(Duration.ofSeconds(30))).isTrue();
        dbClock.advance(Duration.ofSeconds(5));
        List<SyncRun> started = nodeB.tick();
        assertThat(started).extracting(SyncRun::trigger).containsExactly(RunTrigger.MANUAL);
        SyncRun done = manual.get(30, TimeUnit.SECONDS);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(done.result().alreadyImported()).isEqualTo(1);
        List<SyncRun> runs = setup.runs().list(BIG, robot, 10);
        assertThat(runs).hasSize(2);
        SyncRun scheduled = runs.stream().filter(r -> r.trigger() == RunTrigger.SCHEDULED).findFirst().orElseThrow();
        assertThat(done.startedAt()).isAfterOrEqualTo(scheduled.finishedAt());
    }

    @Test
    void closeHandsBackARunItCouldNotFinishSoAnotherInstanceTakesItOverAtOnce() throws Exception {
        RenkeiStore setup = instanceStore();
        harness.board().account("a@example.jp", "pw-a@example.jp", "EMP-A");
        harness.board().application("EMP-A", "A-1", dbClock.instant().minusSeconds(60), "山田 太郎", "t@example.jp");
        RobotId robot = harness.robot(setup, BIG, "r1", Schedule.of(TOKYO, LocalTime.of(9, 0)), "a@example.jp");
        CountDownLatch inside = new CountDownLatch(1);
        SyncEngine.Builder hanging = harness.engine(instanceStore(), dbClock).checkpoints((cp, detail) -> {
            if (cp == Checkpoint.AFTER_LOGIN) {
                inside.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted by shutdown", e);
                }
            }
        });
        RobotScheduler nodeA = instance("node-a", Duration.ZERO, hanging,
                RobotScheduler.builder().shutdownWait(Duration.ofMillis(200)));
        RobotScheduler nodeB = instance("node-b", Duration.ZERO);
        nodeA.tick();
        dbClock.set(Instant.parse("2026-11-20T00:00:10Z"));
        SyncRun run = nodeA.tick().get(0);
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        nodeA.close();
        assertThat(setup.runs().find(run.id()).orElseThrow().heartbeatAt()).isNull();
        // no need to wait for the dead-instance limit: node-b takes the handed-back run over at once
        assertThat(nodeB.tick()).extracting(SyncRun::id).containsExactly(run.id());
        assertThat(nodeB.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(setup.runs().find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(ATS_STATE.candidates()).isEqualTo(1);
        assertThat(Collections.frequency(setup.runs().list(BIG, robot, 10).stream().map(SyncRun::status).toList(),
                RunStatus.SUCCEEDED)).isEqualTo(1);
    }
}
