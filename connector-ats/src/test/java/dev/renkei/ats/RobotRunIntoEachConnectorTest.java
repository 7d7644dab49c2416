package dev.renkei.ats;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.renkei.ats.testing.GreenhouseStub;
import dev.renkei.ats.testing.LeverStub;
import dev.renkei.ats.testing.SteppingClock;
import dev.renkei.ats.testing.WebhookReceiverStub;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.spi.ImportRequest;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.LedgerEntry;
import dev.renkei.core.store.LedgerKey;
import dev.renkei.core.sync.SyncEngine;
import dev.renkei.core.testing.JsonBoard;
import dev.renkei.core.testing.JsonBoardProvider;
import dev.renkei.core.testing.TestH2;
import dev.renkei.core.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A robot with two board slots runs through {@link SyncEngine} on a real store into each ATS connector, against the
 * test-jar simulators: the first run imports every application once, a second run imports none, and after the two
 * slots' credentials are swapped a third run imports none either. The simulator received exactly one create per
 * application, and the created records carry the applicants' names and e-mails.
 */
class RobotRunIntoEachConnectorTest {
    @RegisterExtension
    static WireMockExtension boardWm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    /** One board application, as the board gives it and as the ATS should receive it. */
    private record Application(String boardAccount, String id, int minutesAgo, String name, String email) {
        String family() {
            return name.split(" ")[0];
        }

        String given() {
            return name.split(" ")[1];
        }
    }

    private static final List<Application> APPLICATIONS = List.of(
            new Application("EMP-A", "A-1", 50, "山田 太郎", "taro@example.jp"),
            new Application("EMP-A", "A-2", 40, "佐藤 花子", "hanako@example.jp"),
            new Application("EMP-A", "A-3", 30, "鈴木 一郎", "ichiro@example.jp"),
            new Application("EMP-B", "B-1", 20, "高橋 次郎", "jiro@example.jp"),
            new Application("EMP-B", "B-2", 10, "田中 三郎", "saburo@example.jp"));

    /** The board job of every {@link JsonBoard} application. */
    private static final String BOARD_JOB = "営業職";

    private final TenantId tenant = TenantId.of("acme");
    private final RobotId robotId = RobotId.of("robot-1");
    private final SteppingClock clock = new SteppingClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(clock)
            .retry(RetryPolicy.DEFAULT.withMaxAttempts(2)).deadline(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private JdbcStore store;

    @BeforeEach
    void board() {
        JsonBoard board = new JsonBoard(boardWm.getRuntimeInfo().getWireMock())
                .account("a@example.jp", "pw-A", "EMP-A")
                .account("b@example.jp", "pw-B", "EMP-B");
        for (Application a : APPLICATIONS) {
            board.application(a.boardAccount(), a.id(), clock.instant().minus(Duration.ofMinutes(a.minutesAgo())),
                    a.name(), a.email());
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    // ---- the four connectors ----

    @Test
    void sinkImportsEachApplicationOnceAcrossRunsAndSwappedCredentials() {
        HostTable table = new HostTable();
        AtsAccount ats = new AtsAccount("sink", "host", Map.of(), null);

        Map<String, String> atsIds = runThreeTimes(h2(), ats, new SinkAtsConnectorProvider(table));

        assertThat(table.inserts.get()).isEqualTo(APPLICATIONS.size());
        assertThat(table.byKey).hasSize(APPLICATIONS.size());
        for (Application a : APPLICATIONS) {
            String key = ledgerKey(ats, a).idempotencyKey();
            assertThat(table.byKey.get(key)).isEqualTo(atsIds.get(a.id()));
            ImportRequest received = table.requests.get(key);
            assertThat(received.medium()).isEqualTo("doda");
            assertThat(received.applicant().boardApplicationId()).isEqualTo(a.id());
            assertThat(received.applicant().name()).isEqualTo(a.name());
            assertThat(received.applicant().email()).isEqualTo(a.email());
        }
    }

    @Test
    void webhookImportsEachApplicationOnceAcrossRunsAndSwappedCredentials() {
        WebhookReceiverStub hook = open(WebhookReceiverStub.start("whsec-robot", clock));
        AtsAccount ats = new AtsAccount("webhook", "hr-system", Map.of("routing." + BOARD_JOB, "job-sales"),
                Credentials.of("key-1", "whsec-robot"));

        Map<String, String> atsIds = runThreeTimes(h2(), ats, hook.provider());

        assertThat(hook.createCount()).isEqualTo(APPLICATIONS.size());
        assertThat(hook.refusedCount()).isZero();
        Map<String, JsonNode> payloads = hook.payloads();
        assertThat(payloads).hasSize(APPLICATIONS.size());
        for (Application a : APPLICATIONS) {
            JsonNode p = payloads.get(ledgerKey(ats, a).idempotencyKey());
            assertThat(p).as("payload of %s", a.id()).isNotNull();
            assertThat(p.path("medium").asText()).isEqualTo("doda");
            assertThat(p.path("jobId").asText()).isEqualTo("job-sales");
            assertThat(p.path("applicant").path("boardApplicationId").asText()).isEqualTo(a.id());
            assertThat(p.path("applicant").path("name").asText()).isEqualTo(a.name());
            assertThat(p.path("applicant").path("email").asText()).isEqualTo(a.email());
            assertThat(atsIds.get(a.id())).startsWith("cand-");
        }
        assertThat(atsIds.values()).doesNotHaveDuplicates();
    }

    @Test
    void leverImportsEachApplicationOnceAcrossRunsAndSwappedCredentials() {
        LeverStub lever = open(LeverStub.start("lever-key"));
        AtsAccount ats = new AtsAccount("lever", "acme-lever", Map.of("routing." + BOARD_JOB, "posting-sales"),
                Credentials.of("user-7", "lever-key"));

        Map<String, String> atsIds = runThreeTimes(h2(), ats, lever.provider());

        assertThat(lever.createCount()).isEqualTo(APPLICATIONS.size());
        List<JsonNode> opportunities = lever.opportunities();
        assertThat(opportunities).hasSize(APPLICATIONS.size());
        for (Application a : APPLICATIONS) {
            JsonNode o = only(opportunities, n -> n.path("emails").path(0).asText().equals(a.email()), a);
            assertThat(o.path("id").asText()).isEqualTo(atsIds.get(a.id()));
            assertThat(o.path("name").asText()).isEqualTo(a.name());
            assertThat(o.path("postings").path(0).asText()).isEqualTo("posting-sales");
            assertThat(o.path("sources").path(0).asText()).isEqualTo("doda");
            assertThat(o.path("links").toString()).contains("urn:renkei:");
        }
    }

    @Test
    void greenhouseImportsEachApplicationOnceAcrossRunsAndSwappedCredentials() {
        assertGreenhouseImportsEachOnce(h2());
    }

    @Test
    void greenhouseOnPostgresqlImportsEachApplicationOnceAcrossRunsAndSwappedCredentials() {
        assertGreenhouseImportsEachOnce(TestPostgres.newDatabase());
    }

    private void assertGreenhouseImportsEachOnce(DataSource database) {
        GreenhouseStub gh = open(GreenhouseStub.start("gh-client", "gh-secret", clock));
        AtsAccount ats = new AtsAccount("greenhouse", "acme-gh", Map.of("actingUserId", "4711",
                "routing." + BOARD_JOB, "31"), Credentials.of("gh-client", "gh-secret"));

        Map<String, String> atsIds = runThreeTimes(database, ats, gh.provider());

        assertThat(gh.candidateCreateCount()).isEqualTo(APPLICATIONS.size());
        assertThat(gh.applicationCreateCount()).isZero();
        assertThat(gh.createCount()).isEqualTo(APPLICATIONS.size());
        // one token for all three runs: the provider caches it until it nears expiry
        assertThat(gh.tokenCount()).isEqualTo(1);
        assertThat(gh.subjects()).containsExactly("4711");
        List<JsonNode> candidates = gh.candidates();
        List<JsonNode> applications = gh.applications();
        assertThat(candidates).hasSize(APPLICATIONS.size());
        assertThat(applications).hasSize(APPLICATIONS.size());
        for (Application a : APPLICATIONS) {
            JsonNode c = only(candidates,
                    n -> n.path("email_addresses").path(0).path("value").asText().equals(a.email()), a);
            assertThat(c.path("last_name").asText()).isEqualTo(a.family());
            assertThat(c.path("first_name").asText()).isEqualTo(a.given());
            assertThat(c.path("tags").toString()).contains("renkei").contains("doda");
            JsonNode app = only(applications, n -> n.path("candidate_id").asLong() == c.path("id").asLong(), a);
            assertThat(app.path("job_id").asLong()).isEqualTo(31);
            assertThat(atsIds.get(a.id())).isEqualTo(c.path("id").asText() + "/" + app.path("id").asText());
        }
    }

    @Test
    void aRobotWhoseSettingsNameAnotherServerFailsItsRunAndTheApiKeyNeverGoesThere() {
        LeverStub lever = open(LeverStub.start("lever-key"));
        LeverStub rogue = open(LeverStub.start("lever-key"));
        AtsAccount ats = new AtsAccount("lever", "acme-lever", Map.of("baseUrl", rogue.baseUrl(),
                "routing." + BOARD_JOB, "posting-sales"), Credentials.of("user-7", "lever-key"));
        robot(h2(), ats);

        SyncRun run = engine(lever.provider()).runNow(tenant, robotId);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.result().imported()).isZero();
        assertThat(run.result().errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(dev.renkei.core.ErrorCode.CONFIGURATION_INVALID);
            assertThat(e.message()).contains("'baseUrl'").contains(lever.baseUrl());
        });
        assertThat(rogue.requestCount()).isZero();
        assertThat(lever.requestCount()).isZero();
    }

    // ---- two login ids of one employer account ----

    @Test
    void twoSlotsOnOneBoardAccountCreateEachApplicationOnceInLever() {
        LeverStub lever = open(LeverStub.start("lever-key"));
        AtsAccount ats = new AtsAccount("lever", "acme-lever", Map.of("routing." + BOARD_JOB, "posting-sales"),
                Credentials.of("user-7", "lever-key"));

        SyncRun run = runWithTwentyOnOneAccount(ats, lever.provider());

        assertThat(lever.createCount()).isEqualTo(20);
        assertThat(lever.opportunities()).hasSize(20);
        assertThat(run.result().imported()).isEqualTo(20);
    }

    @Test
    void twoSlotsOnOneBoardAccountCreateEachApplicationOnceAtTheWebhookReceiver() {
        WebhookReceiverStub hook = open(WebhookReceiverStub.start("whsec-robot", clock));
        AtsAccount ats = new AtsAccount("webhook", "hr-system", Map.of(), Credentials.of("key-1", "whsec-robot"));

        SyncRun run = runWithTwentyOnOneAccount(ats, hook.provider());

        assertThat(hook.createCount()).isEqualTo(20);
        assertThat(hook.payloads()).hasSize(20);
        assertThat(run.result().imported()).isEqualTo(20);
    }

    /**
     * Two slots whose logins reach one employer account (EMP-SHARED) with 20 applications: the run succeeds
     * without errors, the account is read once and the second slot's result names the first.
     */
    private SyncRun runWithTwentyOnOneAccount(AtsAccount ats, AtsConnectorProvider provider) {
        JsonBoard shared = new JsonBoard(boardWm.getRuntimeInfo().getWireMock())
                .account("hr1@example.jp", "pw-1", "EMP-SHARED")
                .account("hr2@example.jp", "pw-2", "EMP-SHARED");
        for (int i = 1; i <= 20; i++) {
            shared.application("EMP-SHARED", "S-" + i, clock.instant().minus(Duration.ofMinutes(60 - i)),
                    "応募 者" + i, "s" + i + "@example.jp");
        }
        robot(h2(), ats, Credentials.of("hr1@example.jp", "pw-1"), Credentials.of("hr2@example.jp", "pw-2"));

        SyncRun run = engine(provider).runNow(tenant, robotId);

        assertThat(run.result().errors()).isEmpty();
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.result().slots()).filteredOn(r -> r.sharedWith() != null).singleElement()
                .satisfies(r -> assertThat(r.fetched()).isZero());
        assertThat(run.result().slots()).filteredOn(r -> r.sharedWith() == null).singleElement()
                .satisfies(r -> assertThat(r.fetched()).isEqualTo(20));
        return run;
    }

    // ---- the scenario ----

    /**
     * Creates the robot (two {@code doda} slots on board accounts EMP-A and EMP-B, writing to {@code ats}), runs it,
     * runs it again, swaps the slots' credentials and runs it a third time, asserting the run results.
     *
     * @return the ATS id the ledger recorded for each board application id
     */
    private Map<String, String> runThreeTimes(DataSource database, AtsAccount ats, AtsConnectorProvider provider) {
        RobotService robots = robot(database, ats);
        SyncEngine engine = engine(provider);

        SyncRun first = engine.runNow(tenant, robotId);
        assertThat(first.result().errors()).isEmpty();
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.result().imported()).isEqualTo(APPLICATIONS.size());

        clock.advance(Duration.ofMinutes(5));
        SyncRun second = engine.runNow(tenant, robotId);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.result().imported()).isZero();
        assertThat(second.result().alreadyImported()).isEqualTo(APPLICATIONS.size());

        robots.changeCredentials(tenant, robotId, SlotId.parse("doda_001"), Credentials.of("b@example.jp", "pw-B"));
        robots.changeCredentials(tenant, robotId, SlotId.parse("doda_002"), Credentials.of("a@example.jp", "pw-A"));
        clock.advance(Duration.ofMinutes(5));
        SyncRun swapped = engine.runNow(tenant, robotId);
        assertThat(swapped.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(swapped.result().imported()).isZero();
        assertThat(swapped.result().alreadyImported()).isEqualTo(APPLICATIONS.size());

        Map<String, String> atsIds = new LinkedHashMap<>();
        for (Application a : APPLICATIONS) {
            LedgerEntry e = store.ledger().find(ledgerKey(ats, a)).orElseThrow();
            assertThat(e.state()).as("ledger state of %s", a.id()).isEqualTo(LedgerEntry.State.COMPLETED);
            assertThat(e.runId()).as("importing run of %s", a.id()).isEqualTo(first.id());
            atsIds.put(a.id(), e.atsId());
        }
        return atsIds;
    }

    /** Stores the robot with two {@code doda} slots (board accounts EMP-A and EMP-B) writing to {@code ats}. */
    private RobotService robot(DataSource database, AtsAccount ats) {
        return robot(database, ats, Credentials.of("a@example.jp", "pw-A"), Credentials.of("b@example.jp", "pw-B"));
    }

    /** Stores the robot with one {@code doda} slot per login writing to {@code ats}. */
    private RobotService robot(DataSource database, AtsAccount ats, Credentials... logins) {
        store = JdbcStore.builder().dataSource(database).cipher(SecretCipher.of("test", SecretCipher.generateKey()))
                .build();
        store.migrate();
        RobotService robots = new RobotService(store.robots());
        robots.create(tenant, robotId, "求人ロボット", ats, NotificationSettings.to("hr@acme.example"),
                Schedule.manualOnly(ZoneId.of("Asia/Tokyo")));
        for (Credentials login : logins) {
            robots.addSlot(tenant, robotId, "doda", login);
        }
        return robots;
    }

    private SyncEngine engine(AtsConnectorProvider provider) {
        return open(SyncEngine.builder().store(store).http(http).clock(clock)
                .connectors(ConnectorRegistry.builder().register(new JsonBoardProvider("doda")).register(provider).build())
                .mediaSettings("doda", Map.of("baseUrl", boardWm.baseUrl()))
                .heartbeatInterval(Duration.ofHours(1))
                .build());
    }

    private LedgerKey ledgerKey(AtsAccount ats, Application a) {
        return new LedgerKey(tenant, ats.ledgerName(), "doda", a.boardAccount(), a.id());
    }

    private static DataSource h2() {
        return TestH2.newDatabase();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        closeables.add(0, closeable);
        return closeable;
    }

    private static JsonNode only(List<JsonNode> records, java.util.function.Predicate<JsonNode> which, Application a) {
        List<JsonNode> found = records.stream().filter(which).toList();
        assertThat(found).as("records for %s (%s)", a.id(), a.email()).hasSize(1);
        return found.get(0);
    }

    /** A host candidate table with a unique constraint on the idempotency key. */
    static final class HostTable implements CandidateSink {
        final Map<String, String> byKey = new ConcurrentHashMap<>();
        final Map<String, ImportRequest> requests = new ConcurrentHashMap<>();
        final AtomicInteger inserts = new AtomicInteger();
        private final AtomicInteger ids = new AtomicInteger();

        @Override
        public String receive(ImportRequest request) {
            String id = "cand-" + ids.incrementAndGet();
            String existing = byKey.putIfAbsent(request.idempotencyKey(), id);
            if (existing != null) {
                return existing; // the unique constraint refused a second row: return the stored id
            }
            inserts.incrementAndGet();
            requests.put(request.idempotencyKey(), request);
            return id;
        }

        @Override
        public Optional<String> findByKey(String idempotencyKey) {
            return Optional.ofNullable(byKey.get(idempotencyKey));
        }
    }
}
