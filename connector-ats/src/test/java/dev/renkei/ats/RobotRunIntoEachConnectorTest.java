package dev.renkei.ats;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.renkei.ats.testing.GreenhouseFixture;
import dev.renkei.ats.testing.GreenhouseStub;
import dev.renkei.ats.testing.LeverFixture;
import dev.renkei.ats.testing.LeverStub;
import dev.renkei.ats.testing.SinkFixture;
import dev.renkei.ats.testing.SteppingClock;
import dev.renkei.ats.testing.WebhookFixture;
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
import dev.renkei.core.testing.AtsFixture;
import dev.renkei.core.testing.JsonBoard;
import dev.renkei.core.testing.JsonBoardProvider;
import dev.renkei.core.testing.TestH2;
import dev.renkei.core.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A robot with two board slots runs through {@link SyncEngine} on a real store into each shipped ATS connector,
 * each through its {@link AtsFixture} (the connector against its test-jar simulator): the first run imports every
 * application once, a second run imports none, and after the two slots' credentials are swapped a third run imports
 * none either. The ATS received exactly one create per application, and the created records carry the applicants'
 * names and e-mails as each connector maps them. A new connector joins by its fixture and a line in
 * {@link #connectors()}.
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

    private static final TenantId TENANT = TenantId.of("acme");
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

    // ---- every shipped connector ----

    /**
     * One shipped connector in the scenario: how to start its {@link AtsFixture}, and what its ATS must hold after
     * the three runs. A new connector joins with its fixture and a line in {@link #connectors()}.
     */
    private record Connector<F extends AtsFixture>(Function<Clock, F> start, Holds<F> holds) {}

    /** What the ATS behind a fixture holds after the runs, given the ATS id the ledger recorded per application. */
    @FunctionalInterface
    private interface Holds<F> {
        void check(F fixture, AtsAccount ats, Map<String, String> atsIds);
    }

    private static final Connector<SinkFixture> SINK =
            new Connector<>(SinkFixture::start, RobotRunIntoEachConnectorTest::sinkHolds);
    private static final Connector<WebhookFixture> WEBHOOK =
            new Connector<>(WebhookFixture::start, RobotRunIntoEachConnectorTest::webhookHolds);
    private static final Connector<LeverFixture> LEVER =
            new Connector<>(LeverFixture::start, RobotRunIntoEachConnectorTest::leverHolds);
    private static final Connector<GreenhouseFixture> GREENHOUSE =
            new Connector<>(GreenhouseFixture::start, RobotRunIntoEachConnectorTest::greenhouseHolds);

    static Stream<Named<Connector<?>>> connectors() {
        return Stream.of(Named.of("sink", SINK), Named.of("webhook", WEBHOOK), Named.of("lever", LEVER),
                Named.of("greenhouse", GREENHOUSE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void importsEachApplicationOnceAcrossRunsAndSwappedCredentials(Connector<?> connector) {
        importsEachApplicationOnce(connector, h2());
    }

    @Test
    void greenhouseOnPostgresqlImportsEachApplicationOnceAcrossRunsAndSwappedCredentials() {
        importsEachApplicationOnce(GREENHOUSE, TestPostgres.newDatabase());
    }

    private <F extends AtsFixture> void importsEachApplicationOnce(Connector<F> connector, DataSource database) {
        F fixture = open(connector.start().apply(clock));
        AtsAccount ats = fixture.account();

        Map<String, String> atsIds = runThreeTimes(database, ats, fixture.provider());

        connector.holds().check(fixture, ats, atsIds);
    }

    private static void sinkHolds(SinkFixture sink, AtsAccount ats, Map<String, String> atsIds) {
        SinkFixture.HostTable table = sink.table();
        assertThat(table.inserts()).isEqualTo(APPLICATIONS.size());
        assertThat(table.byKey()).hasSize(APPLICATIONS.size());
        for (Application a : APPLICATIONS) {
            String key = ledgerKey(ats, a).idempotencyKey();
            assertThat(table.byKey().get(key)).isEqualTo(atsIds.get(a.id()));
            ImportRequest received = table.requests().get(key);
            assertThat(received.medium()).isEqualTo("doda");
            assertThat(received.applicant().boardApplicationId()).isEqualTo(a.id());
            assertThat(received.applicant().name()).isEqualTo(a.name());
            assertThat(received.applicant().email()).isEqualTo(a.email());
        }
    }

    private static void webhookHolds(WebhookFixture webhook, AtsAccount ats, Map<String, String> atsIds) {
        WebhookReceiverStub hook = webhook.stub();
        assertThat(hook.createCount()).isEqualTo(APPLICATIONS.size());
        assertThat(hook.refusedCount()).isZero();
        Map<String, JsonNode> payloads = hook.payloads();
        assertThat(payloads).hasSize(APPLICATIONS.size());
        for (Application a : APPLICATIONS) {
            JsonNode p = payloads.get(ledgerKey(ats, a).idempotencyKey());
            assertThat(p).as("payload of %s", a.id()).isNotNull();
            assertThat(p.path("medium").asText()).isEqualTo("doda");
            assertThat(p.path("jobId").asText()).isEqualTo(WebhookFixture.JOB);
            assertThat(p.path("applicant").path("boardApplicationId").asText()).isEqualTo(a.id());
            assertThat(p.path("applicant").path("name").asText()).isEqualTo(a.name());
            assertThat(p.path("applicant").path("email").asText()).isEqualTo(a.email());
            assertThat(atsIds.get(a.id())).startsWith("cand-");
        }
        assertThat(atsIds.values()).doesNotHaveDuplicates();
    }

    private static void leverHolds(LeverFixture fixture, AtsAccount ats, Map<String, String> atsIds) {
        LeverStub lever = fixture.stub();
        assertThat(lever.createCount()).isEqualTo(APPLICATIONS.size());
        List<JsonNode> opportunities = lever.opportunities();
        assertThat(opportunities).hasSize(APPLICATIONS.size());
        for (Application a : APPLICATIONS) {
            JsonNode o = only(opportunities, n -> n.path("emails").path(0).asText().equals(a.email()), a);
            assertThat(o.path("id").asText()).isEqualTo(atsIds.get(a.id()));
            assertThat(o.path("name").asText()).isEqualTo(a.name());
            assertThat(o.path("postings").path(0).asText()).isEqualTo(LeverFixture.POSTING);
            assertThat(o.path("sources").path(0).asText()).isEqualTo("doda");
            assertThat(o.path("links").toString()).contains("urn:renkei:" + ledgerKey(ats, a).idempotencyKey());
        }
    }

    private static void greenhouseHolds(GreenhouseFixture fixture, AtsAccount ats, Map<String, String> atsIds) {
        GreenhouseStub gh = fixture.stub();
        assertThat(gh.candidateCreateCount()).isEqualTo(APPLICATIONS.size());
        assertThat(gh.applicationCreateCount()).isZero();
        assertThat(gh.createCount()).isEqualTo(APPLICATIONS.size());
        // one token for all three runs: the provider caches it until it nears expiry
        assertThat(gh.tokenCount()).isEqualTo(1);
        assertThat(gh.subjects()).containsExactly(GreenhouseFixture.ACTING_USER);
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
            assertThat(app.path("job_id").asText()).isEqualTo(GreenhouseFixture.JOB);
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

        SyncRun run = engine(lever.provider()).runNow(TENANT, robotId);

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
        LeverFixture lever = open(LeverFixture.start(clock));

        SyncRun run = runWithTwentyOnOneAccount(lever.account(), lever.provider());

        assertThat(lever.stub().createCount()).isEqualTo(20);
        assertThat(lever.stub().opportunities()).hasSize(20);
        assertThat(run.result().imported()).isEqualTo(20);
    }

    @Test
    void twoSlotsOnOneBoardAccountCreateEachApplicationOnceAtTheWebhookReceiver() {
        WebhookFixture hook = open(WebhookFixture.start(clock));

        SyncRun run = runWithTwentyOnOneAccount(hook.account(), hook.provider());

        assertThat(hook.stub().createCount()).isEqualTo(20);
        assertThat(hook.stub().payloads()).hasSize(20);
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

        SyncRun run = engine(provider).runNow(TENANT, robotId);

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

        SyncRun first = engine.runNow(TENANT, robotId);
        assertThat(first.result().errors()).isEmpty();
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.result().imported()).isEqualTo(APPLICATIONS.size());

        clock.advance(Duration.ofMinutes(5));
        SyncRun second = engine.runNow(TENANT, robotId);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.result().imported()).isZero();
        assertThat(second.result().alreadyImported()).isEqualTo(APPLICATIONS.size());

        robots.changeCredentials(TENANT, robotId, SlotId.parse("doda_001"), Credentials.of("b@example.jp", "pw-B"));
        robots.changeCredentials(TENANT, robotId, SlotId.parse("doda_002"), Credentials.of("a@example.jp", "pw-A"));
        clock.advance(Duration.ofMinutes(5));
        SyncRun swapped = engine.runNow(TENANT, robotId);
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
        robots.create(TENANT, robotId, "求人ロボット", ats, NotificationSettings.to("hr@acme.example"),
                Schedule.manualOnly(ZoneId.of("Asia/Tokyo")));
        for (Credentials login : logins) {
            robots.addSlot(TENANT, robotId, "doda", login);
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

    private static LedgerKey ledgerKey(AtsAccount ats, Application a) {
        return new LedgerKey(TENANT, ats.ledgerName(), "doda", a.boardAccount(), a.id());
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
}
