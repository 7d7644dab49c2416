package dev.renkei.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ConflictException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link RenkeiStore} must show. One store per test class; every test works in its own fresh
 * tenant, so tests do not see each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RenkeiStoreContract {
    /** The store under test; called once per test class. */
    protected abstract RenkeiStore createStore();

    protected RenkeiStore store;
    protected TenantId tenant;
    protected TenantId otherTenant;
    protected Instant t0;
    private ExecutorService pool;

    @BeforeAll
    void createStoreOnce() {
        store = createStore();
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterAll
    void stopPool() {
        pool.shutdownNow();
    }

    @BeforeEach
    void freshTenant() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        tenant = TenantId.of("tenant-a-" + suffix);
        otherTenant = TenantId.of("tenant-b-" + suffix);
        t0 = store.now().truncatedTo(ChronoUnit.SECONDS);
    }

    // --- fixtures ----------------------------------------------------------------------------------------------

    protected Robot newRobot(TenantId t, String id, AccountSlot... slots) {
        return new Robot(t, RobotId.of(id), "Robot " + id, true,
                new AtsAccount("webhook", "acct-1", Map.of("baseUrl", "https://ats.example.com/api"),
                        new Credentials("api-user", Secret.of("ats-api-key-" + id), Map.of("region", "jp"))),
                List.of(slots),
                new NotificationSettings(List.of("hr@example.com"), List.of("boss@example.com"), Locale.JAPANESE),
                Schedule.of(ZoneId.of("Asia/Tokyo"), LocalTime.of(9, 0), LocalTime.of(13, 30)), 0);
    }

    protected static AccountSlot slot(String medium, int number, String login) {
        return new AccountSlot(new SlotId(medium, number),
                new Credentials(login, Secret.of("pw-" + login), Map.of("companyCode", "C" + number)), false, null);
    }

    protected static SyncResult resultWithErrors() {
        return new SyncResult(List.of(
                new SlotResult(new SlotId("doda", 1), "board-account-1", 5, 3, 1, 1,
                        List.of(new SyncError(ErrorCode.DATA_REJECTED, "doda_001", "app-9", "rejected by the ATS",
                                "HTTP 422 from /candidates")), false),
                new SlotResult(new SlotId("green", 1), "board-account-2", 2, 2, 0, 0, List.of(), true)),
                List.of(new SyncError(ErrorCode.UNAVAILABLE, SyncError.ATS, null, "ATS unavailable", null)));
    }

    protected OutboxMail mail(String id, Instant due) {
        return new OutboxMail(id, tenant, "robot@example.com", List.of("hr@example.com"), List.of("cc@example.com"),
                "連携結果 " + id, "本文 " + id, "<p>" + id + "</p>", OutboxMail.Status.PENDING, 0, due, null, t0);
    }

    protected LedgerKey ledgerKey(String applicationId) {
        return new LedgerKey(tenant, "webhook:acct-1", "doda", "board-account-1", applicationId);
    }

    private SyncRun queued(String robot, Instant window) {
        return SyncRun.queued(tenant, RobotId.of(robot), RunTrigger.SCHEDULED, window);
    }

    // --- robots ------------------------------------------------------------------------------------------------

    @Test
    void insertReturnsVersionOneAndFindReadsEverythingBack() {
        AccountSlot withVerdict = slot("green", 1, "bob").withVerdict(
                LoginVerdict.failed("green_001", ErrorCode.LOGIN_FAILED, "password refused", t0));
        Robot saved = store.robots().insert(newRobot(tenant, "r1", slot("doda", 1, "alice"), withVerdict));

        assertThat(saved.version()).isEqualTo(1);
        Robot read = store.robots().find(tenant, RobotId.of("r1")).orElseThrow();
        assertThat(read).isEqualTo(saved);
        assertThat(read.slots()).extracting(s -> s.id().value()).containsExactly("doda_001", "green_001");
        assertThat(read.slots().get(0).credentials().secret().reveal()).isEqualTo("pw-alice");
        assertThat(read.slots().get(0).credentials().extras()).containsEntry("companyCode", "C1");
        assertThat(read.ats().credentials().secret().reveal()).isEqualTo("ats-api-key-r1");
        assertThat(read.slots().get(1).verdict()).contains(
                LoginVerdict.failed("green_001", ErrorCode.LOGIN_FAILED, "password refused", t0));
    }

    @Test
    void insertRejectsATakenIdAndANonZeroVersion() {
        store.robots().insert(newRobot(tenant, "r1"));

        assertThatThrownBy(() -> store.robots().insert(newRobot(tenant, "r1", slot("doda", 1, "x"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");
        Robot versioned = store.robots().insert(newRobot(tenant, "r2"));
        assertThatThrownBy(() -> store.robots().insert(versioned)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 0");
        assertThat(store.robots().find(tenant, RobotId.of("r1")).orElseThrow().slots()).isEmpty();
        // the same id in another tenant is another robot
        assertThat(store.robots().insert(newRobot(otherTenant, "r1")).version()).isEqualTo(1);
    }

    @Test
    void updateIncrementsTheVersionAndReplacesTheFields() {
        Robot v1 = store.robots().insert(newRobot(tenant, "r1", slot("doda", 1, "alice")));
        Robot changed = new Robot(tenant, v1.id(), "Renamed", false,
                new AtsAccount("greenhouse", "acct-2", Map.of(), null),
                List.of(v1.slots().get(0).withCredentials(Credentials.of("alice2", "new-pw")), slot("doda", 2, "carol")),
                NotificationSettings.to("ops@example.com"), Schedule.manualOnly(ZoneId.of("UTC")), v1.version());

        Robot v2 = store.robots().update(changed);

        assertThat(v2.version()).isEqualTo(2);
        Robot read = store.robots().find(tenant, v1.id()).orElseThrow();
        assertThat(read).isEqualTo(v2);
        assertThat(read.name()).isEqualTo("Renamed");
        assertThat(read.linkageEnabled()).isFalse();
        assertThat(read.ats().credentials()).isNull();
        assertThat(read.schedule().times()).isEmpty();
        assertThat(read.slots().get(0).credentials().loginId()).isEqualTo("alice2");
        assertThat(read.slots().get(0).credentials().secret().reveal()).isEqualTo("new-pw");
    }

    @Test
    void updateWithAStaleVersionFailsAndChangesNothing() {
        Robot v1 = store.robots().insert(newRobot(tenant, "r1"));
        Robot v2 = store.robots().update(v1.withName("first writer"));

        assertThatThrownBy(() -> store.robots().update(v1.withName("second writer")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("version");
        assertThat(store.robots().find(tenant, v1.id()).orElseThrow()).isEqualTo(v2);
    }

    @Test
    void updateOfAMissingRobotIsNotFound() {
        Robot never = newRobot(tenant, "ghost");
        assertThatThrownBy(() -> store.robots().update(never)).isInstanceOf(NotFoundException.class);
        assertThat(store.robots().find(tenant, never.id())).isEmpty();
    }

    @Test
    void anotherTenantCanNeitherReadNorChangeARobot() {
        Robot mine = store.robots().insert(newRobot(tenant, "r1", slot("doda", 1, "alice")));
        Robot forged = new Robot(otherTenant, mine.id(), "stolen", false, mine.ats(), List.of(), mine.notifications(),
                mine.schedule(), mine.version());

        assertThat(store.robots().find(otherTenant, mine.id())).isEmpty();
        assertThat(store.robots().list(otherTenant)).isEmpty();
        assertThatThrownBy(() -> store.robots().update(forged)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.robots().saveVerdict(otherTenant, mine.id(), new SlotId("doda", 1),
                LoginVerdict.ok("doda_001", t0))).isInstanceOf(NotFoundException.class);
        assertThat(store.robots().find(tenant, mine.id()).orElseThrow()).isEqualTo(mine);
    }

    @Test
    void slotsAreNeverDeletedAndATombstoneIsNeverUndone() {
        Robot v1 = store.robots().insert(newRobot(tenant, "r1", slot("doda", 1, "a"), slot("doda", 2, "b")));
        Robot tombstoned = store.robots().update(v1.withSlots(List.of(v1.slots().get(0).tombstone(),
                v1.slots().get(1))));

        // a writer that drops a slot and resurrects the tombstoned one
        Robot v3 = store.robots().update(tombstoned.withSlots(List.of(slot("doda", 1, "a"))));

        Robot read = store.robots().find(tenant, v1.id()).orElseThrow();
        assertThat(read).isEqualTo(v3);
        assertThat(read.slots()).extracting(s -> s.id().value()).containsExactly("doda_001", "doda_002");
        assertThat(read.slots().get(0).tombstoned()).isTrue();
        assertThat(read.activeSlots()).extracting(s -> s.id().value()).containsExactly("doda_002");
    }

    @Test
    void saveVerdictKeepsTheVersionAndNeedsAnExistingSlot() {
        Robot v1 = store.robots().insert(newRobot(tenant, "r1", slot("doda", 1, "a")));
        LoginVerdict verdict = LoginVerdict.failed("doda_001", ErrorCode.ACCOUNT_LOCKED, "locked", t0);

        store.robots().saveVerdict(tenant, v1.id(), new SlotId("doda", 1), verdict);

        Robot read = store.robots().find(tenant, v1.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.slots().get(0).verdict()).contains(verdict);
        assertThatThrownBy(() -> store.robots().saveVerdict(tenant, v1.id(), new SlotId("doda", 9), verdict))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("doda_009");
        assertThatThrownBy(() -> store.robots().saveVerdict(tenant, RobotId.of("ghost"), new SlotId("doda", 1),
                verdict)).isInstanceOf(NotFoundException.class).hasMessageContaining("ghost");
        // an update that changes nothing else keeps the verdict
        assertThat(store.robots().update(read).slots().get(0).verdict()).contains(verdict);
    }

    @Test
    void listIsScopedAndSortedAndListAllSeesEveryTenant() {
        store.robots().insert(newRobot(tenant, "r2", slot("doda", 1, "x")));
        store.robots().insert(newRobot(tenant, "r1"));
        store.robots().insert(newRobot(otherTenant, "r3", slot("green", 1, "y")));

        assertThat(store.robots().list(tenant)).extracting(r -> r.id().value()).containsExactly("r1", "r2");
        assertThat(store.robots().list(tenant).get(1).slots()).hasSize(1);
        List<Robot> all = store.robots().listAll().stream()
                .filter(r -> r.tenant().equals(tenant) || r.tenant().equals(otherTenant)).toList();
        assertThat(all).extracting(r -> r.tenant().value() + "/" + r.id().value())
                .containsExactly(tenant + "/r1", tenant + "/r2", otherTenant + "/r3");
        assertThat(all.get(2).slots()).extracting(s -> s.credentials().loginId()).containsExactly("y");
    }

    @Test
    void listTimesAnswersWhatListAllSaysOfEveryRobotsLinkageAndSchedule() {
        Robot daily = store.robots().insert(newRobot(tenant, "daily", slot("doda", 1, "x")));
        store.robots().update(daily.withLinkage(false).withSchedule(Schedule.of(ZoneId.of("Asia/Tokyo"),
                LocalTime.of(9, 0), LocalTime.of(13, 30))));
        store.robots().insert(newRobot(otherTenant, "manual"));

        List<RobotStore.RobotTimes> times = store.robots().listTimes().stream()
                .filter(r -> r.tenant().equals(tenant) || r.tenant().equals(otherTenant)).toList();

        assertThat(times).containsExactlyInAnyOrderElementsOf(store.robots().listAll().stream()
                .filter(r -> r.tenant().equals(tenant) || r.tenant().equals(otherTenant))
                .map(r -> new RobotStore.RobotTimes(r.tenant(), r.id(), r.linkageEnabled(), r.schedule())).toList());
        assertThat(times).anySatisfy(t -> {
            assertThat(t.robot().value()).isEqualTo("daily");
            assertThat(t.linkageEnabled()).isFalse();
            assertThat(t.schedule().times()).containsExactly(LocalTime.of(9, 0), LocalTime.of(13, 30));
        });
    }

    // --- runs --------------------------------------------------------------------------------------------------

    @Test
    void claimedWindowsAnswersTheKeysOfListByWindow() {
        Instant nine = t0.plus(Duration.ofHours(1));
        assertThat(store.runs().claim(queued("r1", nine))).isTrue();
        assertThat(store.runs().claim(queued("r2", nine))).isTrue();
        assertThat(store.runs().claim(queued("r1", nine.plus(Duration.ofHours(4))))).isTrue();
        assertThat(store.runs().claim(queued("r1", nine.plus(Duration.ofDays(3))))).isTrue();

        Instant from = nine.minusSeconds(1);
        Instant to = nine.plus(Duration.ofDays(1));
        List<RunStore.ClaimedWindow> windows = store.runs().claimedWindows(from, to);

        assertThat(windows).hasSize(3).containsExactlyInAnyOrderElementsOf(store.runs().listByWindow(from, to)
                .stream().map(r -> new RunStore.ClaimedWindow(r.tenant(), r.robot(), r.windowStart())).toList());
    }

    @Test
    void aWindowIsClaimedOnlyOnce() {
        Instant window = t0.plus(Duration.ofHours(1));
        SyncRun first = queued("r1", window);
        SyncRun second = queued("r1", window);

        assertThat(store.runs().claim(first)).isTrue();
        assertThat(store.runs().claim(second)).isFalse();
        assertThat(store.runs().claim(first)).isFalse();
        assertThat(store.runs().find(second.id())).isEmpty();
        assertThat(store.runs().find(first.id())).get().usingRecursiveComparison().ignoringFields("heartbeatAt")
                .isEqualTo(first);
        assertThat(store.runs().claim(queued("r1", window.plus(Duration.ofMinutes(30))))).isTrue();
        assertThat(store.runs().claim(queued("r2", window))).isTrue();
        assertThat(store.runs().claim(SyncRun.queued(otherTenant, RobotId.of("r1"), RunTrigger.SCHEDULED, window)))
                .isTrue();
    }

    @Test
    void concurrentClaimsOfOneWindowHaveOneWinner() throws Exception {
        Instant window = t0.plus(Duration.ofDays(1));
        List<SyncRun> runs = IntStream.range(0, 8).mapToObj(i -> queued("r1", window)).toList();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (SyncRun r : runs) {
            results.add(pool.submit(() -> {
                go.await();
                return store.runs().claim(r);
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> f : results) {
            winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
        assertThat(store.runs().list(tenant, RobotId.of("r1"), 10)).hasSize(1);
    }

    @Test
    void startHeartbeatAndFinishWriteTheRunAndItsMailsOnce() {
        SyncRun run = queued("r1", t0);
        store.runs().claim(run);
        Instant before = store.now();

        String execution = store.runs().start(run.id(), "node-1");

        Instant after = store.now();
        SyncRun running = store.runs().find(run.id()).orElseThrow();
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.owner()).isEqualTo("node-1");
        assertThat(running.startedAt()).isBetween(before, after);
        assertThat(running.heartbeatAt()).isBetween(before, after);
        assertThat(store.runs().heartbeat(run.id(), execution)).isTrue();
        assertThat(store.runs().heartbeat(run.id(), "ex-someone-else")).isFalse();
        assertThat(store.runs().isLive(run.id(), execution, null)).isTrue();
        assertThat(store.runs().isLive(run.id(), "ex-someone-else", null)).isFalse();
        assertThat(store.runs().find(run.id()).orElseThrow().heartbeatAt()).isAfterOrEqualTo(running.heartbeatAt());

        SyncRun finished = running.finished(RunStatus.FAILED, t0.plusSeconds(90), resultWithErrors());
        OutboxMail report = mail("run:" + run.id() + ":result", t0);
        assertThat(store.runs().finish(finished, List.of(report), "ex-someone-else")).isFalse();
        assertThat(store.runs().finish(finished, List.of(report))).as("an executed run needs its execution").isFalse();
        assertThat(store.runs().finish(finished, List.of(report), execution)).isTrue();

        SyncRun read = store.runs().find(run.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(RunStatus.FAILED);
        assertThat(read.finishedAt()).isEqualTo(t0.plusSeconds(90));
        assertThat(read.result()).isEqualTo(resultWithErrors());
        assertThat(read.result().errors()).hasSize(2);
        assertThat(store.outbox().find(report.id())).contains(report);
        assertThat(store.runs().heartbeat(run.id(), execution)).isFalse();
        assertThat(store.runs().isLive(run.id(), execution, null)).isFalse();

        // a second finish (e.g. a crashed instance's replay) changes nothing and adds no mail
        SyncRun again = running.finished(RunStatus.SUCCEEDED, t0.plusSeconds(200), SyncResult.empty());
        assertThat(store.runs().finish(again, List.of(report, mail("run:" + run.id() + ":second", t0)), execution))
                .isFalse();
        assertThat(store.runs().find(run.id()).orElseThrow()).isEqualTo(read);
        assertThat(tenantMails(OutboxMail.Status.PENDING)).extracting(OutboxMail::id).containsExactly(report.id());
        assertThatThrownBy(() -> store.runs().start(run.id(), "node-3"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aTakeoverFencesTheOldExecutionOut() {
        SyncRun run = queued("r1", t0);
        store.runs().claim(run);
        String first = store.runs().start(run.id(), "node-1");
        assertThatThrownBy(() -> store.runs().start(run.id(), "node-1"))
                .as("a run held by an execution cannot start twice").isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store.runs().start(run.id(), "node-2"))
                .isInstanceOf(ConflictException.class);

        // as if its heartbeat had stopped a while ago: everything older than a minute from now counts as dead
        Instant deadBefore = store.now().plus(Duration.ofMinutes(1));
        SyncRun stale = store.runs().listStale(deadBefore).stream()
                .filter(r -> r.id().equals(run.id())).findFirst().orElseThrow();
        assertThat(store.runs().takeOver(stale, "node-2", deadBefore)).isTrue();
        // from the takeover on, the old execution's heartbeat and finish are refused
        assertThat(store.runs().heartbeat(run.id(), first)).isFalse();
        assertThat(store.runs().isLive(run.id(), first, null)).isFalse();
        assertThatThrownBy(() -> store.runs().start(run.id(), "node-1"))
                .as("only the instance that took it over starts it").isInstanceOf(ConflictException.class);
        String second = store.runs().start(run.id(), "node-2");
        assertThat(second).isNotEqualTo(first);
        assertThat(store.runs().heartbeat(run.id(), first)).isFalse();
        assertThat(store.runs().heartbeat(run.id(), second)).isTrue();
        SyncRun running = store.runs().find(run.id()).orElseThrow();
        assertThat(store.runs().finish(running.finished(RunStatus.SUCCEEDED, store.now(), SyncResult.empty()),
                List.of(mail("run:" + run.id() + ":old", t0)), first)).isFalse();
        assertThat(store.outbox().find("run:" + run.id() + ":old")).isEmpty();
        assertThat(store.runs().finish(running.finished(RunStatus.FAILED, store.now(), resultWithErrors()),
                List.of(mail("run:" + run.id() + ":new", t0)), second)).isTrue();
        assertThat(store.runs().find(run.id()).orElseThrow().result()).isEqualTo(resultWithErrors());
    }

    @Test
    void aHandedBackRunFencesItsExecutionAndStartsAgain() {
        SyncRun run = queued("r1", t0);
        store.runs().claim(run);
        String first = store.runs().start(run.id(), "node-1");
        store.runs().release(run.id(), "node-2");
        assertThat(store.runs().heartbeat(run.id(), first)).as("only the owner hands back").isTrue();

        store.runs().release(run.id(), "node-1");

        assertThat(store.runs().heartbeat(run.id(), first)).isFalse();
        assertThat(store.runs().find(run.id()).orElseThrow().heartbeatAt()).isNull();
        String again = store.runs().start(run.id(), "node-1");
        Instant beat = store.runs().find(run.id()).orElseThrow().heartbeatAt();
        assertThat(store.runs().isLive(run.id(), again, beat)).isTrue();
        assertThat(store.runs().isLive(run.id(), again, beat.plusSeconds(1))).as("heartbeat too old").isFalse();
    }

    @Test
    void finishNeedsAFinalStatusAndAKnownRunOfTheTenant() {
        SyncRun run = queued("r1", t0);
        store.runs().claim(run);

        assertThatThrownBy(() -> store.runs().finish(run, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("final");
        SyncRun foreign = new SyncRun(run.id(), otherTenant, run.robot(), run.trigger(), run.windowStart(),
                RunStatus.SUCCEEDED, null, null, null, t0, SyncResult.empty());
        assertThatThrownBy(() -> store.runs().finish(foreign, List.of(mail("m-foreign", t0))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.runs().start(RunId.random(), "node-1")).isInstanceOf(NotFoundException.class);
        assertThat(store.runs().find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(store.outbox().find("m-foreign")).isEmpty();
        assertThat(store.runs().find(otherTenant, run.id())).isEmpty();
        assertThat(store.runs().find(tenant, run.id())).get().usingRecursiveComparison()
                .ignoringFields("heartbeatAt").isEqualTo(run);
    }

    @Test
    void listReturnsARobotsRunsNewestFirst() {
        SyncRun older = queued("r1", t0);
        SyncRun newer = queued("r1", t0.plus(Duration.ofHours(4)));
        SyncRun newest = queued("r1", t0.plus(Duration.ofHours(8)));
        store.runs().claim(newer);
        store.runs().claim(older);
        store.runs().claim(newest);
        store.runs().claim(queued("r2", t0));

        assertThat(store.runs().list(tenant, RobotId.of("r1"), 2)).extracting(SyncRun::id)
                .containsExactly(newest.id(), newer.id());
        assertThat(store.runs().list(tenant, RobotId.of("r1"), 10)).extracting(SyncRun::id)
                .containsExactly(newest.id(), newer.id(), older.id());
        assertThat(store.runs().list(otherTenant, RobotId.of("r1"), 10)).isEmpty();
    }

    // --- ledger ------------------------------------------------------------------------------------------------

    @Test
    void reserveCompleteAndFind() {
        LedgerKey key = ledgerKey("app-1");
        RunId run1 = RunId.random();
        RunId run2 = RunId.random();

        assertThat(store.ledger().reserve(key, run1, "ex-1")).isEmpty();
        LedgerEntry held = store.ledger().reserve(key, run2, "ex-2").orElseThrow();
        assertThat(held.state()).isEqualTo(LedgerEntry.State.RESERVED);
        assertThat(held.runId()).isEqualTo(run1);
        assertThat(held.execution()).isEqualTo("ex-1");
        assertThat(held.key()).isEqualTo(key);

        assertThat(store.ledger().complete(key, "ex-2", "ats-2")).isFalse();
        assertThat(store.ledger().find(key)).contains(held);
        assertThat(store.ledger().complete(key, "ex-1", "ats-1")).isTrue();

        LedgerEntry done = store.ledger().find(key).orElseThrow();
        assertThat(done.state()).isEqualTo(LedgerEntry.State.COMPLETED);
        assertThat(done.atsId()).isEqualTo("ats-1");
        assertThat(store.ledger().reserve(key, run2, "ex-2")).contains(done);
        assertThat(store.ledger().complete(key, "ex-1", "ats-other")).as("completed once").isFalse();
        assertThat(store.ledger().find(new LedgerKey(otherTenant, "webhook:acct-1", "doda", "board-account-1",
                "app-1"))).isEmpty();
    }

    @Test
    void onlyTheHoldingExecutionReleasesAReservation() {
        LedgerKey key = ledgerKey("app-2");
        RunId holder = RunId.random();
        store.ledger().reserve(key, holder, "ex-holder");

        assertThat(store.ledger().release(key, "ex-other")).isFalse();
        assertThat(store.ledger().find(key)).isPresent();

        assertThat(store.ledger().release(key, "ex-holder")).isTrue();
        assertThat(store.ledger().find(key)).isEmpty();
        assertThat(store.ledger().reserve(key, RunId.random(), "ex-3")).isEmpty();
    }

    @Test
    void takeOverMovesAReservationOnlyFromTheExecutionItWasSeenWith() {
        LedgerKey key = ledgerKey("app-3");
        RunId run = RunId.random();
        store.ledger().reserve(key, run, "ex-crashed");
        LedgerEntry seen = store.ledger().find(key).orElseThrow();

        assertThat(store.ledger().takeOver(seen, run, "ex-next")).isTrue();
        LedgerEntry moved = store.ledger().find(key).orElseThrow();
        assertThat(moved.execution()).isEqualTo("ex-next");
        assertThat(moved.runId()).isEqualTo(run);
        // a second taker that saw the old holder loses, and the old holder's writes are refused
        assertThat(store.ledger().takeOver(seen, RunId.random(), "ex-third")).isFalse();
        assertThat(store.ledger().complete(key, "ex-crashed", "ats-old")).isFalse();
        assertThat(store.ledger().release(key, "ex-crashed")).isFalse();

        assertThat(store.ledger().complete(key, "ex-next", "ats-3")).isTrue();
        assertThat(store.ledger().takeOver(store.ledger().find(key).orElseThrow(), run, "ex-4")).isFalse();
        assertThat(store.ledger().find(key).orElseThrow().atsId()).isEqualTo("ats-3");
    }

    @Test
    void concurrentTakeOversOfOneReservationHaveExactlyOneWinner() throws Exception {
        LedgerKey key = ledgerKey("app-race");
        store.ledger().reserve(key, RunId.random(), "ex-dead");
        LedgerEntry seen = store.ledger().find(key).orElseThrow();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String execution = "ex-taker-" + i;
            results.add(pool.submit(() -> {
                go.await();
                return store.ledger().takeOver(seen, RunId.random(), execution);
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> f : results) {
            winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void concurrentReserversOfOneKeyHaveExactlyOneWinner() throws Exception {
        int threads = 16;
        List<LedgerKey> keys = IntStream.range(0, 50).mapToObj(i -> ledgerKey("race-" + i)).toList();
        Map<LedgerKey, RunId> winners = new ConcurrentHashMap<>();
        AtomicInteger doubleWins = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            RunId run = RunId.random();
            String execution = "ex-" + t;
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                int lost = 0;
                for (LedgerKey key : keys) {
                    if (store.ledger().reserve(key, run, execution).isEmpty()) {
                        if (winners.putIfAbsent(key, run) != null) {
                            doubleWins.incrementAndGet();
                        }
                    } else {
                        lost++;
                    }
                }
                return lost;
            }));
        }
        ready.await(60, TimeUnit.SECONDS);
        go.countDown();
        int losses = 0;
        for (Future<Integer> f : futures) {
            losses += f.get(120, TimeUnit.SECONDS);
        }

        assertThat(doubleWins.get()).isZero();
        assertThat(winners).hasSize(keys.size());
        assertThat(losses).isEqualTo(keys.size() * (threads - 1));
        for (LedgerKey key : keys) {
            assertThat(store.ledger().find(key).orElseThrow().runId()).isEqualTo(winners.get(key));
        }
    }

    // --- watermarks --------------------------------------------------------------------------------------------

    @Test
    void aWatermarkNeverMovesBack() {
        WatermarkKey key = new WatermarkKey(tenant, "webhook:acct-1", "doda", "board-account-1");
        WatermarkKey other = new WatermarkKey(tenant, "webhook:acct-1", "doda", "board-account-2");
        assertThat(store.watermarks().get(key)).isEmpty();

        store.watermarks().advance(key, t0.plusSeconds(60));
        store.watermarks().advance(key, t0);
        assertThat(store.watermarks().get(key)).contains(t0.plusSeconds(60));

        store.watermarks().advance(key, t0.plusSeconds(120));
        assertThat(store.watermarks().get(key)).contains(t0.plusSeconds(120));
        assertThat(store.watermarks().get(other)).isEmpty();
        assertThat(store.watermarks().get(new WatermarkKey(otherTenant, "webhook:acct-1", "doda", "board-account-1")))
                .isEmpty();
    }

    // --- outbox ------------------------------------------------------------------------------------------------

    @Test
    void enqueueIsIdempotentById() {
        OutboxMail first = mail("m-" + tenant, t0);
        assertThat(store.outbox().enqueue(first)).isTrue();

        OutboxMail rewritten = new OutboxMail(first.id(), tenant, first.from(), first.to(), first.cc(), "other subject",
                "other text", null, OutboxMail.Status.PENDING, 0, t0, null, t0);
        assertThat(store.outbox().enqueue(rewritten)).isFalse();

        assertThat(store.outbox().find(first.id())).contains(first);
        assertThat(tenantMails(OutboxMail.Status.PENDING)).containsExactly(first);
    }

    // leases, fencing and the relay on a clock the test moves: OutboxContract

    @Test
    void claimsWhatIsDueByTheStoresOwnClockAndLeasesFromIt() {
        OutboxMail due = mail(tenant + "-due", t0);
        OutboxMail later = mail(tenant + "-later", store.now().plus(Duration.ofHours(1)));
        List.of(due, later).forEach(store.outbox()::enqueue);
        Duration lease = Duration.ofMinutes(5);

        Instant before = store.now();
        List<MailOutbox.LeasedMail> claimed = claimMine("relay-1", lease);
        Instant after = store.now();

        assertThat(claimed).extracting(MailOutbox.LeasedMail::mail).containsExactly(due);
        MailOutbox.LeasedMail leased = claimed.get(0);
        assertThat(leased.leasedUntil()).isBetween(before.plus(lease).minusMillis(1), after.plus(lease));
        assertThat(store.outbox().holdsLease(due.id(), leased.token())).isTrue();
        assertThat(claimMine("relay-2", lease)).isEmpty();
        assertThat(store.outbox().markSent(due.id(), leased.token())).isTrue();
        assertThat(store.outbox().find(due.id()).orElseThrow().status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(store.outbox().holdsLease(due.id(), leased.token())).isFalse();
    }

    @Test
    void concurrentRelaysNeverClaimTheSameMail() throws Exception {
        Set<String> mine = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 40; i++) {
            OutboxMail m = mail(tenant + "-race-" + i, t0);
            store.outbox().enqueue(m);
            mine.add(m.id());
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String relay = "relay-" + t;
            futures.add(pool.submit(() -> {
                go.await();
                return store.outbox().claimDue(1000, relay, Duration.ofMinutes(5)).stream()
                        .map(m -> m.mail().id()).filter(mine::contains).toList();
            }));
        }
        go.countDown();
        List<String> claimed = new ArrayList<>();
        for (Future<List<String>> f : futures) {
            claimed.addAll(f.get(60, TimeUnit.SECONDS));
        }

        assertThat(claimed).doesNotHaveDuplicates();
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(mine);
    }

    // --- clock -------------------------------------------------------------------------------------------------

    @Test
    void nowIsThePresent() {
        Instant local = Instant.now();
        assertThat(store.now()).isBetween(local.minus(Duration.ofMinutes(2)), local.plus(Duration.ofMinutes(2)));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    protected List<OutboxMail> tenantMails(OutboxMail.Status status) {
        return store.outbox().list(status).stream().filter(m -> m.tenant().equals(tenant)).toList();
    }

    private List<MailOutbox.LeasedMail> claimMine(String relay, Duration lease) {
        return store.outbox().claimDue(1000, relay, lease).stream().filter(m -> m.mail().tenant().equals(tenant))
                .toList();
    }

    // --- scheduler support ---------------------------------------------------------------------------------------

    @Test
    void aFreshClaimGetsAHeartbeatSoItNeverLooksAbandoned() {
        SyncRun run = queued("sched-1", t0.plusSeconds(3600));
        assertThat(store.runs().claim(run)).isTrue();
        SyncRun stored = store.runs().find(run.id()).orElseThrow();
        assertThat(stored.heartbeatAt()).isNotNull();
        assertThat(store.runs().listStale(stored.heartbeatAt())).extracting(SyncRun::id).doesNotContain(run.id());
    }

    @Test
    void listByWindowReturnsTheRunsOfEveryTenantInTheRange() {
        Instant w = t0.plus(java.time.Duration.ofDays(400));
        SyncRun a = queued("win-a", w);
        SyncRun b = SyncRun.queued(otherTenant, RobotId.of("win-b"), RunTrigger.SCHEDULED, w.plusSeconds(1800));
        SyncRun outside = queued("win-c", w.plusSeconds(7200));
        store.runs().claim(a);
        store.runs().claim(b);
        store.runs().claim(outside);
        assertThat(store.runs().listByWindow(w, w.plusSeconds(3600))).extracting(SyncRun::id)
                .containsExactly(a.id(), b.id());
    }

    @Test
    void aRunWhoseHeartbeatStoppedIsTakenOverByExactlyOneInstance() throws Exception {
        SyncRun run = queued("stale-1", t0.plusSeconds(60));
        store.runs().claim(run);
        store.runs().start(run.id(), "node-a");
        SyncRun running = store.runs().find(run.id()).orElseThrow();
        Instant beat = running.heartbeatAt();
        // not stale yet for a limit that ends before the heartbeat
        assertThat(store.runs().takeOver(running, "node-b", beat)).isFalse();
        Instant limit = beat.plusSeconds(1);
        SyncRun stale = store.runs().listStale(limit).stream().filter(r -> r.id().equals(run.id())).findFirst()
                .orElseThrow();

        List<java.util.concurrent.Future<Boolean>> racers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 8; i++) {
            String owner = "node-" + i;
            racers.add(pool.submit(() -> {
                go.await();
                return store.runs().takeOver(stale, owner, limit);
            }));
        }
        go.countDown();
        int winners = 0;
        for (var f : racers) {
            winners += f.get() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
        SyncRun taken = store.runs().find(run.id()).orElseThrow();
        assertThat(taken.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(taken.owner()).startsWith("node-").isNotEqualTo("node-a");
        assertThat(store.runs().heartbeat(run.id(), "node-a")).isFalse();
    }

    @Test
    void aReleasedRunIsStaleAtOnceAndOnlyItsOwnerCanReleaseIt() {
        SyncRun run = queued("release-1", t0.plusSeconds(120));
        store.runs().claim(run);
        store.runs().start(run.id(), "node-a");
        store.runs().release(run.id(), "node-b");
        assertThat(store.runs().find(run.id()).orElseThrow().heartbeatAt()).isNotNull();
        store.runs().release(run.id(), "node-a");
        SyncRun released = store.runs().find(run.id()).orElseThrow();
        assertThat(released.heartbeatAt()).isNull();
        assertThat(store.runs().listStale(t0.minusSeconds(3600))).extracting(SyncRun::id).contains(run.id());
        assertThat(store.runs().takeOver(released, "node-b", t0.minusSeconds(3600))).isTrue();
    }

    @Test
    void aScheduleCountsFromWhenItWasFirstSeenOrLastChanged() {
        RobotId robot = RobotId.of("sched-state");
        Instant first = t0;
        assertThat(store.schedules().observe(tenant, robot, "Asia/Tokyo|[09:00]", first)).isEqualTo(first);
        assertThat(store.schedules().observe(tenant, robot, "Asia/Tokyo|[09:00]", first.plusSeconds(600)))
                .isEqualTo(first);
        assertThat(store.schedules().observe(tenant, robot, "Asia/Tokyo|[10:00]", first.plusSeconds(900)))
                .isEqualTo(first.plusSeconds(900));
        assertThat(store.schedules().observe(otherTenant, robot, "Asia/Tokyo|[09:00]", first.plusSeconds(1200)))
                .isEqualTo(first.plusSeconds(1200));
    }

    @Test
    void recordedSchedulesAreWhatObserveKeptPerTenantAndRobot() {
        RobotId robot = RobotId.of("sched-all");
        Instant first = t0;
        store.schedules().observe(tenant, robot, "Asia/Tokyo|[09:00]", first);
        store.schedules().observe(tenant, robot, "Asia/Tokyo|[10:00]", first.plusSeconds(900));
        store.schedules().observe(otherTenant, robot, "Asia/Tokyo|[09:00]", first.plusSeconds(1200));

        var recorded = store.schedules().recorded();

        assertThat(recorded.get(tenant)).containsEntry(robot,
                new ScheduleStore.Recorded("Asia/Tokyo|[10:00]", first.plusSeconds(900)));
        assertThat(recorded.get(otherTenant)).containsEntry(robot,
                new ScheduleStore.Recorded("Asia/Tokyo|[09:00]", first.plusSeconds(1200)));
    }

    @Test
    void theFenceBeforeAnAtsCallHoldsOnlyForTheRunningExecutionThatReservedTheKey() {
        SyncRun run = queued("r1", t0);
        store.runs().claim(run);
        String execution = store.runs().start(run.id(), "node-1");
        LedgerKey key = ledgerKey("A-fence");
        LedgerKey other = ledgerKey("A-other");
        assertThat(store.ledger().reserve(key, run.id(), execution)).isEmpty();
        assertThat(store.ledger().reserve(other, run.id(), "another-execution")).isEmpty();

        assertThat(store.holdsReservation(run.id(), execution, key)).isTrue();
        assertThat(store.holdsReservation(run.id(), execution, other)).as("reserved by another execution").isFalse();
        assertThat(store.holdsReservation(run.id(), "stale-execution", key)).as("not the run's execution").isFalse();
        assertThat(store.holdsReservation(run.id(), execution, ledgerKey("A-none"))).as("never reserved").isFalse();

        assertThat(store.ledger().complete(key, execution, "ats-1")).isTrue();
        assertThat(store.holdsReservation(run.id(), execution, key)).as("completed, no longer reserved").isFalse();

        LedgerKey third = ledgerKey("A-third");
        assertThat(store.ledger().reserve(third, run.id(), execution)).isEmpty();
        assertThat(store.holdsReservation(run.id(), execution, third)).isTrue();
        store.runs().release(run.id(), "node-1");
        assertThat(store.holdsReservation(run.id(), execution, third)).as("the run was handed back").isFalse();
    }

    @Test
    void reservingWhileHoldingTheRunReservesOnlyForTheRunningExecution() {
        SyncRun run = queued("r1", t0);
        store.runs().claim(run);
        String execution = store.runs().start(run.id(), "node-1");
        LedgerKey key = ledgerKey("A-holding");

        assertThat(store.reserveHolding(key, run.id(), execution)).isEqualTo(Reservation.reserved());
        assertThat(store.ledger().find(key)).get().extracting(LedgerEntry::state, LedgerEntry::execution)
                .containsExactly(LedgerEntry.State.RESERVED, execution);

        Reservation again = store.reserveHolding(key, run.id(), execution);
        assertThat(again.outcome()).isEqualTo(Reservation.Outcome.TAKEN);
        assertThat(again.entry().execution()).isEqualTo(execution);
        assertThat(store.ledger().complete(key, execution, "ats-1")).isTrue();
        assertThat(store.reserveHolding(key, run.id(), execution).entry().state())
                .isEqualTo(LedgerEntry.State.COMPLETED);

        LedgerKey fresh = ledgerKey("A-after-hand-back");
        assertThat(store.reserveHolding(fresh, run.id(), "stale-execution")).as("not the run's execution")
                .isEqualTo(Reservation.lost());
        store.runs().release(run.id(), "node-1");
        assertThat(store.reserveHolding(fresh, run.id(), execution)).as("the run was handed back")
                .isEqualTo(Reservation.lost());
        assertThat(store.ledger().find(fresh)).as("a lost execution leaves nothing reserved").isEmpty();
    }

    @Test
    void twoExecutionsReservingOneKeyWhileHoldingTheirRunsHaveExactlyOneWinner() throws Exception {
        int threads = 8;
        List<LedgerKey> keys = IntStream.range(0, 40).mapToObj(i -> ledgerKey("holding-race-" + i)).toList();
        List<RunId> runs = new ArrayList<>();
        List<String> executions = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SyncRun run = queued("race-" + t, t0);
            store.runs().claim(run);
            runs.add(run.id());
            executions.add(store.runs().start(run.id(), "node-" + t));
        }
        Map<LedgerKey, String> winners = new ConcurrentHashMap<>();
        AtomicInteger doubleWins = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            RunId run = runs.get(t);
            String execution = executions.get(t);
            futures.add(pool.submit(() -> {
                go.await();
                for (LedgerKey key : keys) {
                    Reservation r = store.reserveHolding(key, run, execution);
                    if (r.outcome() == Reservation.Outcome.RESERVED && winners.putIfAbsent(key, execution) != null) {
                        doubleWins.incrementAndGet();
                    }
                    assertThat(r.outcome()).isNotEqualTo(Reservation.Outcome.LOST);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(doubleWins).hasValue(0);
        assertThat(winners).hasSize(keys.size());
        Map<LedgerKey, LedgerEntry> stored = store.ledger().findAll(keys);
        assertThat(stored).hasSize(keys.size());
        keys.forEach(k -> assertThat(stored.get(k).execution()).isEqualTo(winners.get(k)));
    }

    @Test
    void findAllReadsTheEntriesOfManyKeysAcrossBoardAccounts() {
        RunId run = RunId.random();
        List<LedgerKey> keys = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            keys.add(new LedgerKey(tenant, "webhook:acct-1", "doda", "board-account-" + (i % 2), "A-" + i));
        }
        for (int i = 0; i < keys.size(); i += 3) {
            store.ledger().reserve(keys.get(i), run, "ex-1");
        }
        store.ledger().complete(keys.get(3), "ex-1", "ats-3");
        LedgerKey otherTenant = new LedgerKey(TenantId.of("someone-else"), "webhook:acct-1", "doda",
                "board-account-0", "A-1");
        store.ledger().reserve(otherTenant, run, "ex-1");

        Map<LedgerKey, LedgerEntry> found = store.ledger().findAll(keys);

        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, keys.size()).filter(i -> i % 3 == 0).mapToObj(keys::get).toList());
        assertThat(found.get(keys.get(3)).state()).isEqualTo(LedgerEntry.State.COMPLETED);
        assertThat(found.get(keys.get(3)).atsId()).isEqualTo("ats-3");
        assertThat(found.get(keys.get(0)).key()).isEqualTo(keys.get(0));
        assertThat(store.ledger().findAll(List.of())).isEmpty();
    }

    @Test
    void startAndReadAnswersTheRunAsStoredAndItsExecution() {
        SyncRun run = queued("r-start", t0);
        store.runs().claim(run);

        RunStore.Started started = store.runs().startAndRead(run.id(), "node-1");

        assertThat(started.run()).isEqualTo(store.runs().find(run.id()).orElseThrow());
        assertThat(started.run().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(started.run().owner()).isEqualTo("node-1");
        assertThat(started.run().startedAt()).isNotNull();
        assertThat(store.runs().heartbeat(run.id(), started.execution())).isTrue();
        assertThatThrownBy(() -> store.runs().startAndRead(run.id(), "node-1"))
                .isInstanceOf(dev.renkei.core.ConflictException.class);
        assertThatThrownBy(() -> store.runs().startAndRead(RunId.random(), "node-1"))
                .isInstanceOf(dev.renkei.core.NotFoundException.class);
    }

    @Test
    void startRunStartsTheRunAndReadsItsRobotWithItsSlots() {
        Robot robot = store.robots().insert(newRobot(tenant, "r-run-start", slot("doda", 1, "a"), slot("doda", 2, "b")));
        LoginVerdict verdict = LoginVerdict.ok("doda_002", t0);
        store.robots().saveVerdict(tenant, robot.id(), new SlotId("doda", 2), verdict);
        SyncRun run = queued("r-run-start", t0);
        store.runs().claim(run);

        RenkeiStore.RunStart started = store.startRun(run, "node-1");

        assertThat(started.run()).isEqualTo(store.runs().find(run.id()).orElseThrow());
        assertThat(started.run().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(started.run().owner()).isEqualTo("node-1");
        assertThat(started.robot()).contains(store.robots().find(tenant, robot.id()).orElseThrow());
        assertThat(started.robot().orElseThrow().slots()).extracting(s -> s.credentials().loginId())
                .containsExactly("a", "b");
        assertThat(started.robot().orElseThrow().slots().get(1).verdict()).contains(verdict);
        assertThat(store.runs().heartbeat(run.id(), started.execution())).isTrue();
        assertThatThrownBy(() -> store.startRun(run, "node-2")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("node-1");
        assertThatThrownBy(() -> store.startRun(queued("r-run-start", t0.plusSeconds(60)), "node-1"))
                .as("never claimed").isInstanceOf(NotFoundException.class);
        SyncRun done = started.run().finished(RunStatus.SUCCEEDED, t0.plusSeconds(1), SyncResult.empty());
        store.runs().finish(done, List.of(), started.execution());
        assertThatThrownBy(() -> store.startRun(run, "node-1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already SUCCEEDED");
    }

    @Test
    void startRunOfARobotWithoutSlotsOrOfARobotThatIsGoneStillStartsTheRun() {
        store.robots().insert(newRobot(tenant, "r-no-slots"));
        SyncRun bare = queued("r-no-slots", t0);
        SyncRun ghost = queued("r-ghost", t0);
        store.runs().claim(bare);
        store.runs().claim(ghost);

        assertThat(store.startRun(bare, "node-1").robot().orElseThrow().slots()).isEmpty();
        RenkeiStore.RunStart gone = store.startRun(ghost, "node-1");

        assertThat(gone.robot()).isEmpty();
        assertThat(gone.run().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void recordLoginStoresTheVerdictAndAnswersTheWatermarkOfTheAccountReached() {
        Robot robot = store.robots().insert(newRobot(tenant, "r-login", slot("doda", 1, "a")));
        WatermarkKey account = new WatermarkKey(tenant, robot.ats().ledgerName(), "doda", "employer-7");
        WatermarkKey otherAccount = new WatermarkKey(tenant, robot.ats().ledgerName(), "doda", "employer-8");
        store.watermarks().advance(otherAccount, t0.plusSeconds(30));
        LoginVerdict first = LoginVerdict.ok("doda_001", t0);

        assertThat(store.recordLogin(tenant, robot.id(), new SlotId("doda", 1), first, account)).isEmpty();
        assertThat(store.robots().find(tenant, robot.id()).orElseThrow().slots().get(0).verdict()).contains(first);

        store.watermarks().advance(account, t0.plusSeconds(10));
        LoginVerdict second = LoginVerdict.ok("doda_001", t0.plusSeconds(60));
        assertThat(store.recordLogin(tenant, robot.id(), new SlotId("doda", 1), second, account))
                .contains(t0.plusSeconds(10));
        assertThat(store.robots().find(tenant, robot.id()).orElseThrow().slots().get(0).verdict()).contains(second);
        assertThat(store.robots().find(tenant, robot.id()).orElseThrow().version()).isEqualTo(1);

        assertThatThrownBy(() -> store.recordLogin(tenant, robot.id(), new SlotId("doda", 9), second, account))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("doda_009");
        assertThatThrownBy(() -> store.recordLogin(tenant, RobotId.of("ghost"), new SlotId("doda", 1), second,
                account)).isInstanceOf(NotFoundException.class).hasMessageContaining("ghost");
        assertThatThrownBy(() -> store.recordLogin(otherTenant, robot.id(), new SlotId("doda", 1), second,
                account)).as("another tenant's robot").isInstanceOf(NotFoundException.class);
    }

    @Test
    void claimIfIdleClaimsAWindowOnlyWhileNoOtherRunOfTheRobotIsUnfinished() {
        Instant nine = t0.plusSeconds(3600);
        Instant ten = t0.plusSeconds(7200);
        SyncRun first = queued("r-idle", nine);
        assertThat(store.runs().claimIfIdle(first)).isEqualTo(RunStore.ClaimOutcome.CLAIMED);
        assertThat(store.runs().claimIfIdle(queued("r-idle", nine))).as("the same window again")
                .isEqualTo(RunStore.ClaimOutcome.WINDOW_TAKEN);
        assertThat(store.runs().claimIfIdle(queued("r-idle", ten))).as("the 09:00 run is queued")
                .isEqualTo(RunStore.ClaimOutcome.ROBOT_BUSY);
        String execution = store.runs().start(first.id(), "node-1");
        assertThat(store.runs().claimIfIdle(queued("r-idle", ten))).as("the 09:00 run is running")
                .isEqualTo(RunStore.ClaimOutcome.ROBOT_BUSY);
        assertThat(store.runs().list(tenant, RobotId.of("r-idle"), 10)).hasSize(1);

        store.runs().finish(store.runs().find(first.id()).orElseThrow().finished(RunStatus.SUCCEEDED, t0.plusSeconds(3700),
                SyncResult.empty()), List.of(), execution);
        assertThat(store.runs().claimIfIdle(queued("r-idle", ten))).isEqualTo(RunStore.ClaimOutcome.CLAIMED);
        assertThat(store.runs().claimIfIdle(queued("r-other", ten))).as("another robot").isEqualTo(
                RunStore.ClaimOutcome.CLAIMED);
    }

    @Test
    void instancesClaimingOneWindowIfIdleAtOnceHaveExactlyOneWinner() throws Exception {
        int threads = 8;
        List<String> robots = IntStream.range(0, 30).mapToObj(i -> "idle-race-" + i).toList();
        Map<String, Integer> wins = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                go.await();
                for (String robot : robots) {
                    if (store.runs().claimIfIdle(queued(robot, t0)) == RunStore.ClaimOutcome.CLAIMED) {
                        wins.merge(robot, 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(wins).hasSize(robots.size()).allSatisfy((robot, n) -> assertThat(n).as(robot).isEqualTo(1));
        assertThat(store.runs().listByWindow(t0, t0)).filteredOn(r -> r.tenant().equals(tenant))
                .filteredOn(r -> r.robot().value().startsWith("idle-race-")).hasSize(robots.size());
    }
}
