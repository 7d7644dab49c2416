package dev.renkei.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageAccount;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.WriteBackRecord;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every store's MyPage tables promise: the in-memory store and the JDBC store on H2 and PostgreSQL. */
abstract class MyPageStoreContract {
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T00:00:00Z"));
    private MyPageStore s;
    private TenantId tenant;

    /** A store on {@code clock}, migrated. */
    protected abstract RenkeiStore createStore(Clock clock);

    @BeforeEach
    void setUp() {
        s = createStore(clock).myPage();
        tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private MyPageRun queued(String id, Instant window) {
        return new MyPageRun(id + "-" + tenant.value(), tenant, RunTrigger.SCHEDULED, window, RunStatus.QUEUED, null,
                null, null, null);
    }

    private OutboxMail mail(String id) {
        return OutboxMail.pending(id + "-" + tenant.value(), tenant, "f@example.com", List.of("t@example.com"),
                List.of(), "s", "t", null, clock.instant());
    }

    private MyPageStore.SetupToken token(String hash, String account, Duration life) {
        return new MyPageStore.SetupToken(hash + "-" + tenant.value(), tenant, account, clock.instant(),
                clock.instant().plus(life), null, false);
    }

    @Test
    void settingsRoundTripWithCredentialsTemplatesAndTarget() {
        MyPageSettings settings = MyPageSettings.builder()
                .source("porters", Map.of("partition", "1"), Credentials.of("app", "secret"))
                .filter(new JobSeekerConnector.Filter(Map.of("Person.P_Phase:or", "Option.P_A"),
                        Instant.parse("2026-01-01T00:00:00Z")))
                .batchTime(LocalTime.of(6, 30), ZoneId.of("Asia/Tokyo")).reminders(3, Duration.ofHours(36))
                .signUpVisible(false).linkLifetime(Duration.ofHours(12))
                .writeBack(new JobSeekerConnector.StatusTarget(JobSeekerConnector.Resource.RESUME, "Resume.U_X",
                        "Option.U_Y", true))
                .setupPage("https://h.example/s?token=", "m@h.example").notifyTo(List.of("a@h.example")).build();

        s.saveSettings(tenant, settings);

        assertThat(s.settings(tenant)).contains(settings);
        assertThat(s.tenants()).contains(tenant);
    }

    @Test
    void aWindowIsClaimedOnceStartedOnceAndTakenOverOnlyWhenItsHeartbeatStopped() {
        MyPageRun q = queued("b", clock.instant());
        assertThat(s.claimBatch(q)).isTrue();
        assertThat(s.claimBatch(queued("b2", clock.instant()))).isFalse();
        String first = s.startBatch(q.id(), "a").orElseThrow();
        assertThat(s.startBatch(q.id(), "b")).isEmpty();
        Instant before = clock.instant().minusSeconds(300);
        assertThat(s.takeOver(q.id(), "b", before)).isEmpty();
        assertThat(s.heartbeat(q.id(), first)).isTrue();

        clock.advance(Duration.ofSeconds(301));
        assertThat(s.staleBatches(clock.instant().minusSeconds(300))).extracting(MyPageRun::id).contains(q.id());
        String second = s.takeOver(q.id(), "b", clock.instant().minusSeconds(300)).orElseThrow();
        assertThat(s.takeOver(q.id(), "c", clock.instant().minusSeconds(300))).as("one taker").isEmpty();

        assertThat(s.heartbeat(q.id(), first)).isFalse();
        assertThat(s.enqueue(new MyPageStore.Fence(q.id(), first), mail("m1"))).isFalse();
        assertThat(s.finishBatch(q, List.of(mail("m2")), first)).isFalse();
        assertThat(s.enqueue(new MyPageStore.Fence(q.id(), second), mail("m3"))).isTrue();
        MyPageRun done = new MyPageRun(q.id(), tenant, q.trigger(), q.windowStart(), RunStatus.SUCCEEDED, null, null,
                new MyPageRun.Counts(1, 1, 0, 0, 1, 0, 0), List.of());
        assertThat(s.finishBatch(done, List.of(mail("m4")), second)).isTrue();
        assertThat(s.batch(q.id())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.counts().created()).isEqualTo(1);
        });
        assertThat(s.batches(tenant, 5)).hasSize(1);
    }

    @Test
    void invitationsMoveOneMailAtATimeAndANewLinkRetiresTheOlder() {
        MyPageAccount a = s.accounts().createProvisional(tenant, "a@example.com");
        assertThat(s.accounts().createProvisional(tenant, "a@example.com").id()).isEqualTo(a.id());

        assertThat(s.invite(null, tenant, a.id(), 0, token("h1", a.id(), Duration.ofHours(24)), mail("i1"))).isTrue();
        assertThat(s.invite(null, tenant, a.id(), 0, token("h2", a.id(), Duration.ofHours(24)), mail("i2")))
                .as("the count moved").isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(s.invite(null, tenant, a.id(), 1, token("h3", a.id(), Duration.ofHours(24)), mail("i3"))).isTrue();

        assertThat(s.invitation(tenant, a.id())).hasValueSatisfying(i -> {
            assertThat(i.mailsSent()).isEqualTo(2);
            assertThat(i.lastMailAt()).isEqualTo(clock.instant());
        });
        assertThat(s.token("h1-" + tenant.value())).hasValueSatisfying(t -> assertThat(t.superseded()).isTrue());
        assertThat(s.token("h2-" + tenant.value())).isEmpty();
        assertThat(s.consume("h1-" + tenant.value(), clock.instant())).isFalse();
        assertThat(s.consume("h3-" + tenant.value(), clock.instant())).isTrue();
        assertThat(s.consume("h3-" + tenant.value(), clock.instant())).as("single use").isFalse();
    }

    @Test
    void aTokenIsUsableUntilJustBeforeItsExpiry() {
        MyPageAccount a = s.accounts().createProvisional(tenant, "e@example.com");
        s.invite(null, tenant, a.id(), 0, token("x", a.id(), Duration.ofHours(24)), mail("x"));
        String hash = "x-" + tenant.value();

        assertThat(s.consume(hash, clock.instant().plus(Duration.ofHours(24)))).isFalse();
        assertThat(s.consume(hash, clock.instant().plus(Duration.ofHours(24)).minusSeconds(1))).isTrue();
    }

    @Test
    void aRegistrationIsRecordedOnceWithItsWriteBacksWhichMoveThroughTheirStates() {
        MyPageAccount a = s.accounts().createProvisional(tenant, "r@example.com");
        assertThat(s.accounts().register(tenant, a.id(), "hash")).isTrue();
        assertThat(s.accounts().register(tenant, a.id(), "hash2")).isFalse();
        assertThat(s.accounts().find(tenant, a.id())).hasValueSatisfying(x -> {
            assertThat(x.status()).isEqualTo(MyPageAccount.Status.REGISTERED);
            assertThat(x.passwordHash()).isEqualTo("hash");
        });
        JobSeekerConnector.WriteBack item = new JobSeekerConnector.WriteBack("9", new JobSeekerConnector.StatusTarget(
                JobSeekerConnector.Resource.PERSON, "Person.U_S", "done", false));
        WriteBackRecord w1 = new WriteBackRecord("w1-" + tenant.value(), tenant, "9", item,
                WriteBackRecord.Status.PENDING, 0, null, null, clock.instant());
        WriteBackRecord w2 = new WriteBackRecord("w2-" + tenant.value(), tenant, "9", item,
                WriteBackRecord.Status.PENDING, 0, null, null, clock.instant());

        assertThat(s.complete(tenant, a.id(), List.of(w1, w2), List.of(mail("c")))).isTrue();
        assertThat(s.complete(tenant, a.id(), List.of(w1), List.of(mail("c2")))).isFalse();

        assertThat(s.recordAttempt(w1.id(), false, "126", "phase")).isTrue();
        assertThat(s.recordAttempt(w2.id(), true, "0", null)).isTrue();
        assertThat(s.recordAttempt(w2.id(), true, "0", null)).as("done is final").isFalse();
        assertThat(s.writeBacks(tenant, List.of(WriteBackRecord.Status.FAILED))).singleElement()
                .satisfies(w -> {
                    assertThat(w.lastCode()).isEqualTo("126");
                    assertThat(w.attempts()).isEqualTo(1);
                });
        assertThat(s.discard(tenant, w1.id())).isTrue();
        assertThat(s.writeBacks(tenant, List.of(WriteBackRecord.Status.PENDING, WriteBackRecord.Status.FAILED)))
                .isEmpty();
    }
}
