package dev.renkei.core.sync;

import dev.renkei.core.sync.internal.Checkpoint;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.renkei.core.ErrorClassification;
import dev.renkei.core.ErrorCode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.renkei.core.mail.OutboxRelay;
import dev.renkei.core.mail.ResultMailComposer;
import dev.renkei.core.mail.SmtpMailSender;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;
import dev.renkei.core.store.LedgerEntry;
import dev.renkei.core.store.LedgerKey;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.testing.JsonAtsProvider;
import dev.renkei.core.testing.JsonBoard;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.RobotHarness;
import dev.renkei.core.testing.StatefulAts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The robot engine against a WireMock board and a stateful WireMock ATS over real HTTP, on every store
 * implementation (subclasses supply the store).
 */
public abstract class SyncEngineContract extends EngineTestBase {
    @Test
    void firstRunImportsEveryApplicationOnceAndSecondRunImportsNone() throws Exception {
        board.application("EMP-A", "A-1", minutesAgo(30), "山田 太郎", "taro@example.jp")
                .application("EMP-A", "A-2", minutesAgo(20), "佐藤 花子", "hanako@example.jp")
                .application("EMP-A", "A-3", minutesAgo(10), "鈴木 一郎", "ichiro@example.jp")
                .application("EMP-B", "B-1", minutesAgo(25), "高橋 次郎", "jiro@example.jp")
                .application("EMP-B", "B-2", minutesAgo(5), "田中 三郎", "saburo@example.jp");
        RobotId robot = newRobot("a@example.jp", "b@example.jp");
        SyncEngine engine = engine();

        SyncRun first = engine.runNow(tenant, robot);
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.result().imported()).isEqualTo(5);
        assertThat(first.result().slots()).extracting(s -> s.slot().value()).containsExactly("doda_001", "doda_002");

        clock.advance(Duration.ofMinutes(5));
        SyncRun second = engine.runNow(tenant, robot);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.result().imported()).isZero();
        assertThat(second.result().alreadyImported()).isEqualTo(5);

        assertThat(creates()).isEqualTo(5);
        assertThat(ATS_STATE.candidates()).isEqualTo(5);
        for (String app : List.of("A-1", "A-2", "A-3")) {
            String key = new LedgerKey(tenant, "json-ats:main", "doda", "EMP-A", app).idempotencyKey();
            atsWm.verify(exactly(1), postRequestedFor(urlEqualTo("/candidates")).withHeader("Idempotency-Key", equalTo(key)));
            assertThat(store.ledger().find(new LedgerKey(tenant, "json-ats:main", "doda", "EMP-A", app)))
                    .get().extracting(LedgerEntry::state).isEqualTo(LedgerEntry.State.COMPLETED);
        }
        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(mails).hasSize(2);
        assertThat(mails[0].getSubject()).contains("成功");
        assertThat(text(mails[0])).contains("doda_001").contains("doda_002");
    }

    @Test
    void aRunStoresEachSlotsLoginVerdictAndImportsOnWhenTheVerdictCannotBeStored() {
        board.application("EMP-A", "A-1", minutesAgo(30), "山田 太郎", "taro@example.jp");
        RobotId robot = newRobot("a@example.jp");

        SyncRun first = engine().runNow(tenant, robot);

        assertThat(first.result().imported()).isEqualTo(1);
        LoginVerdict stored = robots.get(tenant, robot).activeSlots().get(0).verdict().orElseThrow();
        assertThat(stored.ok()).isTrue();
        assertThat(stored.account()).isEqualTo("doda_001");

        // a store that cannot record a login: the verdict is lost, the slot reads its watermark on its own
        board.application("EMP-A", "A-2", minutesAgo(5), "佐藤 花子", "hanako@example.jp");
        clock.advance(Duration.ofMinutes(1));
        RenkeiStore real = store;
        RenkeiStore failing = new RenkeiStore() {
            @Override public dev.renkei.core.store.RobotStore robots() { return real.robots(); }
            @Override public dev.renkei.core.store.RunStore runs() { return real.runs(); }
            @Override public dev.renkei.core.store.ImportLedger ledger() { return real.ledger(); }
            @Override public dev.renkei.core.store.WatermarkStore watermarks() { return real.watermarks(); }
            @Override public dev.renkei.core.store.MailOutbox outbox() { return real.outbox(); }
            @Override public dev.renkei.core.store.ScheduleStore schedules() { return real.schedules(); }
            @Override public dev.renkei.core.store.MeetingStore meetings() { return real.meetings(); }
            @Override public RunStart startRun(SyncRun claimed, String owner) { return real.startRun(claimed, owner); }
            @Override public dev.renkei.core.store.Reservation reserveHolding(LedgerKey key,
                    dev.renkei.core.model.RunId run, String execution) {
                return real.reserveHolding(key, run, execution);
            }
            @Override public Instant now() { return real.now(); }
            @Override public java.util.Optional<Instant> recordLogin(TenantId t, RobotId r, SlotId slot,
                    LoginVerdict verdict, dev.renkei.core.store.WatermarkKey account) {
                throw new dev.renkei.core.StoreException("recording a login failed", null);
            }
        };

        SyncRun second = track(harness.engine(failing, clock).build()).runNow(tenant, robot);

        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.result().imported()).isEqualTo(1);
        assertThat(robots.get(tenant, robot).activeSlots().get(0).verdict()).contains(stored);
        assertThat(ATS_STATE.candidates()).isEqualTo(2);
    }

    @Test
    void swappedCredentialsAndReaddedAccountsImportNothingTwice() {
        board.application("EMP-A", "A-1", minutesAgo(30), "山田 太郎", "taro@example.jp")
                .application("EMP-B", "B-1", minutesAgo(25), "高橋 次郎", "jiro@example.jp");
        RobotId robot = newRobot("a@example.jp", "b@example.jp");
        SyncEngine engine = engine();
        assertThat(engine.runNow(tenant, robot).result().imported()).isEqualTo(2);

        // swap the accounts of doda_001 and doda_002
        robots.changeCredentials(tenant, robot, SlotId.parse("doda_001"), Credentials.of("b@example.jp", "pw-B"));
        robots.changeCredentials(tenant, robot, SlotId.parse("doda_002"), Credentials.of("a@example.jp", PASSWORD_A));
        clock.advance(Duration.ofMinutes(1));
        SyncRun afterSwap = engine.runNow(tenant, robot);
        assertThat(afterSwap.result().imported()).isZero();
        assertThat(afterSwap.result().alreadyImported()).isEqualTo(2);

        // delete doda_001 (now account B) and add account B again: it becomes doda_003
        robots.deleteSlot(tenant, robot, SlotId.parse("doda_001"));
        SlotId readded = robots.addSlot(tenant, robot, "doda", Credentials.of("b@example.jp", "pw-B"));
        assertThat(readded.value()).isEqualTo("doda_003");
        board.application("EMP-B", "B-2", minutesAgo(1), "田中 三郎", "saburo@example.jp");
        clock.advance(Duration.ofMinutes(1));
        SyncRun afterReadd = engine.runNow(tenant, robot);
        assertThat(afterReadd.result().imported()).isEqualTo(1);
        assertThat(afterReadd.result().slots()).extracting(s -> s.slot().value()).containsExactly("doda_002", "doda_003");

        assertThat(creates()).isEqualTo(3);
        assertThat(ATS_STATE.candidates()).isEqualTo(3);
    }

    /** Thrown by the checkpoint hook: the process "dies" right there. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash(Checkpoint at) {
            super("simulated crash at " + at);
        }
    }

    @ParameterizedTest
    @EnumSource(Checkpoint.class)
    void aCrashAtAnyStepIsFinishedByTheNextRunWithoutDuplicatesOrLostMail(Checkpoint crashPoint)
            throws InterruptedException {
        for (int i = 1; i <= 4; i++) {
            board.application("EMP-A", "A-" + i, minutesAgo(40 - i), "応募者" + i, "a" + i + "@example.jp");
        }
        RobotId robot = newRobot("a@example.jp");
        // a first, clean run leaves one mail, so "before mail send" has an earlier mail in flight too
        engine().runNow(tenant, robot);
        for (int i = 5; i <= 8; i++) {
            board.application("EMP-A", "A-" + i, minutesAgo(20 - i), "応募者" + i, "a" + i + "@example.jp");
        }
        clock.advance(Duration.ofMinutes(1));

        ExecutorService crashedWorkers = Executors.newCachedThreadPool();
        AtomicInteger hits = new AtomicInteger();
        SyncEngine crashing = track(engineBuilder().executor(crashedWorkers).checkpoints((cp, detail) -> {
            // crash at the second hit of the point, so some work of the run is already done
            if (cp == crashPoint && hits.incrementAndGet() == (cp.ordinal() <= Checkpoint.AFTER_LISTING.ordinal()
                    || cp.ordinal() >= Checkpoint.BEFORE_FINISH.ordinal() ? 1 : 2)) {
                throw new Crash(cp);
            }
        }).build());
        assertThatThrownBy(() -> crashing.runNow(tenant, robot)).isInstanceOf(Crash.class);
        crashedWorkers.shutdown();
        assertThat(crashedWorkers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMinutes(1));
        SyncEngine restarted = track(engineBuilder().staleAfter(Duration.ZERO).build());
        SyncRun recovery = restarted.runNow(tenant, robot);
        assertThat(recovery.status()).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(ATS_STATE.candidates()).isEqualTo(8);
        for (int i = 1; i <= 8; i++) {
            LedgerKey key = new LedgerKey(tenant, "json-ats:main", "doda", "EMP-A", "A-" + i);
            atsWm.verify(exactly(1), postRequestedFor(urlEqualTo("/candidates"))
                    .withHeader("Idempotency-Key", equalTo(key.idempotencyKey())));
            assertThat(store.ledger().find(key)).get().extracting(LedgerEntry::state)
                    .isEqualTo(LedgerEntry.State.COMPLETED);
        }
        // every finished run has exactly one result mail, each received exactly once by the SMTP server
        List<SyncRun> finished = store.runs().list(tenant, robot, 10).stream()
                .filter(r -> r.status().isFinal()).toList();
        // a crash before the mail send happens after the run was committed: that run counts as finished
        assertThat(finished).hasSize(crashPoint == Checkpoint.BEFORE_MAIL_SEND ? 3 : 2);
        assertThat(store.outbox().list(OutboxMail.Status.PENDING)).filteredOn(m -> m.tenant().equals(tenant)).isEmpty();
        assertThat(store.outbox().list(OutboxMail.Status.SENT)).filteredOn(m -> m.tenant().equals(tenant))
                .extracting(OutboxMail::id)
                .containsExactlyInAnyOrderElementsOf(finished.stream().map(r -> "run:" + r.id() + ":result").toList());
        Map<String, Integer> received = receivedByMessageId();
        assertThat(received).hasSize(finished.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void aBoardFailureOnOneSlotIsNoActionNeededAndTheNextRunImportsWhatWasMissed() throws Exception {
        board.application("EMP-A", "A-1", minutesAgo(30), "山田 太郎", "taro@example.jp")
                .application("EMP-B", "B-1", minutesAgo(25), "高橋 次郎", "jiro@example.jp")
                .failListing("EMP-A", 500);
        RobotId robot = newRobot("a@example.jp", "b@example.jp");
        SyncEngine engine = engine();

        SyncRun first = engine.runNow(tenant, robot);
        assertThat(first.status()).isEqualTo(RunStatus.FAILED);
        assertThat(first.result().imported()).isEqualTo(1);
        assertThat(first.result().errors()).singleElement().satisfies(e -> {
            assertThat(e.where()).isEqualTo("doda_001");
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.classification()).isEqualTo(ErrorClassification.NO_ACTION_NEEDED);
        });
        assertThat(first.result().actionRequired()).isFalse();
        assertThat(greenMail.getReceivedMessages()).extracting(MimeMessage::getSubject)
                .anySatisfy(subject -> assertThat(subject).contains("対応不要"));
        assertThat(greenMail.getReceivedMessagesForDomain("renkei.test")).singleElement()
                .satisfies(m -> assertThat(text(m)).contains("doda_001").contains("ConnectorException"));

        // hours later the board is back: the failed slot kept its watermark and re-reads from it
        board.heal("EMP-A");
        clock.advance(Duration.ofHours(6));
        SyncRun second = engine.runNow(tenant, robot);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.result().imported()).isEqualTo(1);
        assertThat(ATS_STATE.candidates()).isEqualTo(2);
        assertThat(creates()).isEqualTo(2);
    }

    @Test
    void wrongPasswordAndInterstitialScreensAreActionRequiredWithTheirRemedy() throws Exception {
        board.interstitial("c@example.jp", "pw-C", "パスワードの有効期限が切れました。新しいパスワードを設定してください。");
        RobotId robot = newRobot("b@example.jp");
        robots.addSlot(tenant, robot, "doda", Credentials.of("a@example.jp", "wrong-password-canary"));
        robots.addSlot(tenant, robot, "doda", Credentials.of("c@example.jp", "pw-C"));

        SyncRun run = engine().runNow(tenant, robot);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.result().actionRequired()).isTrue();
        List<SyncError> errors = run.result().errors();
        assertThat(errors).extracting(SyncError::where, SyncError::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("doda_002", ErrorCode.LOGIN_FAILED),
                org.assertj.core.groups.Tuple.tuple("doda_003", ErrorCode.UNEXPECTED_SCREEN));
        SyncError login = errors.stream().filter(e -> e.code() == ErrorCode.LOGIN_FAILED).findFirst().orElseThrow();
        assertThat(login.remedy(java.util.Locale.JAPANESE)).contains("doda_002").contains("パスワード");
        assertThat(login.remedy(java.util.Locale.ENGLISH)).contains("doda_002").contains("password");
        SyncError screen = errors.stream().filter(e -> e.code() == ErrorCode.UNEXPECTED_SCREEN).findFirst().orElseThrow();
        assertThat(screen.message()).contains("パスワードの有効期限が切れました");
        assertThat(errors.toString()).doesNotContain("wrong-password-canary");
        // the result mail is marked action required and explains, after the detail line, what to fix
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).contains("要対応");
        String body = text(mail);
        assertThat(body).contains("****エラー詳細****");
        String details = body.substring(body.indexOf("****エラー詳細****"));
        assertThat(details).contains("doda_002").contains(login.remedy(java.util.Locale.JAPANESE))
                .contains("doda_003").contains("パスワードの有効期限が切れました");
        assertThat(body).doesNotContain("wrong-password-canary");
        // the verdicts of the failed slots are stored
        Robot stored = robots.get(tenant, robot);
        assertThat(stored.activeSlot(SlotId.parse("doda_002")).orElseThrow().verdict()).get()
                .extracting(LoginVerdict::code).isEqualTo(ErrorCode.LOGIN_FAILED);
    }

    @Test
    void anApplicationTheAtsRejectsIsAPerApplicationErrorAndIsRetriedOnceFixed() {
        board.application("EMP-A", "A-1", minutesAgo(30), "山田 太郎", "taro@example.jp")
                .application("EMP-A", "A-2", minutesAgo(20), "不正 データ", "bad@example.jp")
                .application("EMP-A", "A-3", minutesAgo(10), "鈴木 一郎", "ichiro@example.jp");
        ATS_STATE.rejectEmails.add("bad@example.jp");
        RobotId robot = newRobot("a@example.jp");
        SyncEngine engine = engine();

        SyncRun first = engine.runNow(tenant, robot);
        assertThat(first.result().imported()).isEqualTo(2);
        assertThat(first.result().failed()).isEqualTo(1);
        assertThat(first.result().errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATA_REJECTED);
            assertThat(e.boardApplicationId()).isEqualTo("A-2");
        });
        // the rejected one was released, not left reserved
        assertThat(store.ledger().find(new LedgerKey(tenant, "json-ats:main", "doda", "EMP-A", "A-2"))).isEmpty();

        ATS_STATE.rejectEmails.clear();
        clock.advance(Duration.ofDays(1));
        SyncRun second = engine.runNow(tenant, robot);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.result().imported()).isEqualTo(1);
        assertThat(ATS_STATE.candidates()).isEqualTo(3);
    }

    @Test
    void atsLoginFailureStopsTheRunBeforeTouchingTheBoards() {
        board.application("EMP-A", "A-1", minutesAgo(30), "山田 太郎", "taro@example.jp");
        RobotId robot = newRobot("a@example.jp");
        robots.setAts(tenant, robot, new AtsAccount("json-ats", "main", Map.of("baseUrl", atsWm.baseUrl()),
                Credentials.of("api", "revoked-key")));

        SyncRun run = engine().runNow(tenant, robot);

        assertThat(run.result().errors()).singleElement().satisfies(e -> {
            assertThat(e.where()).isEqualTo(SyncError.ATS);
            assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED);
        });
        boardWm.verify(0, postRequestedFor(urlEqualTo("/login")));
        assertThat(creates()).isZero();
    }

    @Test
    void linkageOffSkipsTheRunAndChecksNothing() {
        board.application("EMP-A", "A-1", minutesAgo(30), "山田 太郎", "taro@example.jp");
        RobotId robot = newRobot("a@example.jp");
        robots.setLinkage(tenant, robot, false);
        SyncEngine engine = engine();

        SyncRun run = engine.runNow(tenant, robot);
        List<LoginVerdict> verdicts = engine.checkLogins(tenant, robot);

        assertThat(run.status()).isEqualTo(RunStatus.SKIPPED);
        assertThat(verdicts).isEmpty();
        boardWm.verify(0, postRequestedFor(urlEqualTo("/login")));
        atsWm.verify(0, getRequestedFor(urlEqualTo("/me")));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void unexpectedExceptionsBecomeInternalNoActionErrorsWithTheCauseKept() {
        MediaConnectorProvider broken = new MediaConnectorProvider() {
            @Override
            public String id() {
                return "green";
            }

            @Override
            public MediaConnector create(ConnectorContext context) {
                return credentials -> {
                    throw new IllegalStateException("parser blew up");
                };
            }
        };
        RobotId robot = newRobot();
        robots.addSlot(tenant, robot, "green", Credentials.of("x@example.jp", "pw-secret-canary"));
        SyncEngine engine = track(engineBuilder().connectors(ConnectorRegistry.builder().register(broken)
                .register(new JsonAtsProvider()).build()).build());

        SyncRun run = engine.runNow(tenant, robot);

        assertThat(run.result().errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(e.classification()).isEqualTo(ErrorClassification.NO_ACTION_NEEDED);
            assertThat(e.detail()).contains("IllegalStateException").contains("parser blew up");
            assertThat(e.toString()).doesNotContain("pw-secret-canary");
        });
    }

    @Test
    void progressIsReportedThroughTheListener() {
        board.application("EMP-A", "A-1", minutesAgo(30), "山田 太郎", "taro@example.jp")
                .application("EMP-A", "A-2", minutesAgo(20), "佐藤 花子", "hanako@example.jp");
        RobotId robot = newRobot("a@example.jp");
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        SyncEngine engine = track(engineBuilder().listener(new SyncListener() {
            @Override
            public void runStarted(SyncRun run) {
                events.add("run-started");
            }

            @Override
            public void slotStarted(SyncRun run, SlotId slot) {
                events.add("slot-started " + slot);
            }

            @Override
            public void applicationImported(SyncRun run, SlotId slot, String id, String atsId) {
                events.add("imported " + id);
            }

            @Override
            public void applicationSkipped(SyncRun run, SlotId slot, String id, SkipReason reason) {
                events.add("skipped " + id + " " + reason);
            }

            @Override
            public void slotFinished(SyncRun run, dev.renkei.core.model.SlotResult result) {
                events.add("slot-finished " + result.slot() + " " + result.imported());
            }

            @Override
            public void runFinished(SyncRun run) {
                events.add("run-finished " + run.status());
            }
        }).build());

        engine.runNow(tenant, robot);
        engine.runNow(tenant, robot);

        assertThat(events).containsExactly("run-started", "slot-started doda_001", "imported A-1", "imported A-2",
                "slot-finished doda_001 2", "run-finished SUCCEEDED",
                "run-started", "slot-started doda_001", "skipped A-1 ALREADY_IMPORTED", "skipped A-2 ALREADY_IMPORTED",
                "slot-finished doda_001 0", "run-finished SUCCEEDED");
    }

    @Test
    void loginCheckOfTenSlowAccountsRunsConcurrentlyAndStoresVerdicts() {
        RobotId robot = newRobot();
        for (int i = 1; i <= 10; i++) {
            board.slowAccount("slow" + i + "@example.jp", "pw-" + i, "EMP-S" + i, 1000);
            robots.addSlot(tenant, robot, "doda", Credentials.of("slow" + i + "@example.jp", "pw-" + i));
        }
        SyncEngine engine = track(engineBuilder().loginTimeout(Duration.ofSeconds(20)).build());

        long start = System.nanoTime();
        List<LoginVerdict> verdicts = engine.checkLogins(tenant, robot);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(verdicts).hasSize(11);
        assertThat(verdicts.get(0).account()).isEqualTo("ATS");
        assertThat(verdicts).allSatisfy(v -> assertThat(v.ok()).isTrue());
        // ten 1-second logins one after another would take 10 s; concurrently about 1 s
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(robots.get(tenant, robot).activeSlots()).allSatisfy(s -> assertThat(s.verdict()).get()
                .extracting(LoginVerdict::ok).isEqualTo(true));
    }

    @Test
    void loginCheckReportsEachFailureWithItsRemedyAndTimesOutSlowAccounts() {
        board.slowAccount("stuck@example.jp", "pw-stuck", "EMP-STUCK", 3000);
        RobotId robot = newRobot("a@example.jp");
        robots.addSlot(tenant, robot, "doda", Credentials.of("a@example.jp", "typo"));
        robots.addSlot(tenant, robot, "doda", Credentials.of("stuck@example.jp", "pw-stuck"));
        SyncEngine engine = track(engineBuilder().loginTimeout(Duration.ofMillis(500)).build());

        List<LoginVerdict> verdicts = engine.checkLogins(tenant, robot);

        assertThat(verdicts).extracting(LoginVerdict::account, LoginVerdict::ok, LoginVerdict::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ATS", true, null),
                org.assertj.core.groups.Tuple.tuple("doda_001", true, null),
                org.assertj.core.groups.Tuple.tuple("doda_002", false, ErrorCode.LOGIN_FAILED),
                org.assertj.core.groups.Tuple.tuple("doda_003", false, ErrorCode.TIMEOUT));
        assertThat(verdicts.get(2).remedy(java.util.Locale.ENGLISH)).contains("doda_002");
    }
}
