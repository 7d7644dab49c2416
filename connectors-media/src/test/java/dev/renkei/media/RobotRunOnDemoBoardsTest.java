package dev.renkei.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.sync.SyncEngine;
import dev.renkei.core.testing.JsonAtsProvider;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.StatefulAts;
import dev.renkei.core.testing.TestH2;
import dev.renkei.media.testing.DemoBoards;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A robot with slots on both demo boards runs end-to-end through the engine into an ATS stub, on H2. */
class RobotRunOnDemoBoardsTest {
    static final StatefulAts ATS = new StatefulAts();
    static final TenantId TENANT = TenantId.of("demo-shoji");

    @RegisterExtension
    static WireMockExtension atsWm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(ATS)).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T03:00:00Z"));
    private DemoBoards boards;
    private SyncEngine engine;
    private RobotService robots;

    @BeforeEach
    void setUp() {
        ATS.reset();
        atsWm.stubFor(get("/me").willReturn(okJson("{}")));
        atsWm.stubFor(get(urlPathEqualTo("/candidates")).willReturn(aResponse().withTransformers(StatefulAts.NAME)));
        atsWm.stubFor(post("/candidates").willReturn(aResponse().withTransformers(StatefulAts.NAME)));
        boards = DemoBoards.start();
        JdbcStore store = JdbcStore.builder().dataSource(TestH2.newDatabase())
                .cipher(SecretCipher.of("k1", SecretCipher.generateKey())).build();
        store.migrate();
        robots = new RobotService(store.robots());
        engine = SyncEngine.builder().store(store).clock(clock)
                .http(HttpExecutor.builder().clock(clock).sleeper(d -> { }).build())
                .connectors(ConnectorRegistry.builder().register(SiteProfileMediaProvider.demo(DemoBoards.HTML))
                        .register(SiteProfileMediaProvider.demo(DemoBoards.CSV)).register(new JsonAtsProvider()).build())
                .mediaSettings(DemoBoards.HTML, boards.config()).mediaSettings(DemoBoards.CSV, boards.config())
                .initialLookback(Duration.ofDays(14)).build();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        boards.close();
    }

    @Test
    void importsEveryDemoApplicationOnceAndOnlyNewOnesLater() {
        RobotId robot = RobotId.of("demo-robot");
        robots.create(TENANT, robot, "デモ商事ロボット", new AtsAccount("json-ats", "main",
                Map.of("baseUrl", atsWm.baseUrl()), Credentials.of("api", "key-1")),
                NotificationSettings.to("saiyo@demo-shoji.example"), Schedule.manualOnly(ZoneId.of("Asia/Tokyo")));
        robots.addSlot(TENANT, robot, DemoBoards.HTML, DemoBoards.htmlCredentials());
        robots.addSlot(TENANT, robot, DemoBoards.CSV, DemoBoards.csvCredentials());
        robots.addSlot(TENANT, robot, DemoBoards.HTML, new Credentials(DemoBoards.HTML_LOGIN_ID,
                dev.renkei.core.model.Secret.of("wrong-password"), Map.of("companyCode", DemoBoards.HTML_COMPANY_CODE)));
        int seeded = boards.applications(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID).size()
                + boards.applications(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID).size();

        SyncRun first = engine.runNow(TENANT, robot);
        assertThat(first.status()).isEqualTo(RunStatus.FAILED);
        assertThat(first.result().imported()).isEqualTo(seeded);
        assertThat(first.result().errors()).singleElement().satisfies(e -> {
            assertThat(e.where()).isEqualTo("demo-html_002");
            assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED);
        });
        assertThat(ATS.names()).containsValue("山田 太郎").containsValue("髙橋 一郎");
        int htmlSeeded = boards.applications(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID).size();
        int detailPages = boards.requestCount("/demo-html/applicants/");
        assertThat(detailPages).as("one detail page and one résumé per application, no more").isLessThanOrEqualTo(
                2 * htmlSeeded).isGreaterThanOrEqualTo(htmlSeeded);

        clock.advance(Duration.ofHours(1));
        boards.addApplication(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID,
                DemoBoards.Application.simple("A2001", clock.instant().minusSeconds(600), "新井 次郎"));
        SyncRun second = engine.runNow(TENANT, robot);
        assertThat(second.result().imported()).isEqualTo(1);
        // the board listed the imported ones again (overlap), but only the new one's detail page was loaded
        int newDetail = boards.requestCount("/demo-html/applicants/A2001");
        assertThat(newDetail).isBetween(1, 2);
        assertThat(boards.requestCount("/demo-html/applicants/")).isEqualTo(detailPages + newDetail);

        clock.advance(Duration.ofHours(1));
        SyncRun third = engine.runNow(TENANT, robot);
        assertThat(third.result().imported()).isZero();
        assertThat(boards.requestCount("/demo-html/applicants/")).as("a run with nothing new loads no detail page")
                .isEqualTo(detailPages + newDetail);

        assertThat(ATS.candidates()).isEqualTo(seeded + 1);
        assertThat(atsWm.findAll(postRequestedFor(urlEqualTo("/candidates")))).hasSize(seeded + 1);
    }
}
