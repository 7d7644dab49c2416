package dev.renkei.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.sync.SyncEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A robot test bench: a {@link JsonBoard} on one WireMock server, a {@link StatefulAts} on another, and builders
 * for robots and engines wired to them.
 */
public final class RobotHarness {
    /** The ATS API key the stub accepts. */
    public static final String ATS_KEY = "key-1";

    private final WireMockExtension boardWm;
    private final WireMockExtension atsWm;
    private final StatefulAts ats;
    private final JsonBoard board;

    /** Stubs the board and the ATS; {@code ats} must be registered as an extension of {@code atsWm}. */
    public RobotHarness(WireMockExtension boardWm, WireMockExtension atsWm, StatefulAts ats) {
        this.boardWm = boardWm;
        this.atsWm = atsWm;
        this.ats = ats;
        ats.reset();
        this.board = new JsonBoard(boardWm.getRuntimeInfo().getWireMock());
        atsWm.stubFor(get("/me").withHeader("Authorization", equalTo("Bearer " + ATS_KEY)).willReturn(okJson("{}")));
        atsWm.stubFor(get("/me").atPriority(10).willReturn(aResponse().withStatus(401)));
        atsWm.stubFor(get(urlPathEqualTo("/candidates")).willReturn(aResponse().withTransformers(StatefulAts.NAME)));
        atsWm.stubFor(post("/candidates").willReturn(aResponse().withTransformers(StatefulAts.NAME)));
    }

    /** The board stub. */
    public JsonBoard board() {
        return board;
    }

    /** The ATS state. */
    public StatefulAts ats() {
        return ats;
    }

    /** The ATS account every harness robot writes to. */
    public AtsAccount atsAccount() {
        return new AtsAccount("json-ats", "main", Map.of("baseUrl", atsWm.baseUrl()), Credentials.of("api", ATS_KEY));
    }

    /** Creates a robot with the schedule and one {@code doda} slot per login (password = "pw-" + login). */
    public RobotId robot(RenkeiStore store, TenantId tenant, String id, Schedule schedule, String... logins) {
        RobotService robots = new RobotService(store.robots());
        robots.create(tenant, RobotId.of(id), "ロボット " + id, atsAccount(), NotificationSettings.to("hr@acme.example"),
                schedule);
        for (String login : logins) {
            robots.addSlot(tenant, RobotId.of(id), "doda", Credentials.of(login, "pw-" + login));
        }
        return RobotId.of(id);
    }

    /** An engine over the store with the given clock, talking to the stubs without real retry waits. */
    public SyncEngine.Builder engine(RenkeiStore store, Clock clock) {
        HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(d -> { })
                .retry(RetryPolicy.DEFAULT.withMaxAttempts(2)).deadline(Duration.ofSeconds(5)).build();
        return SyncEngine.builder().store(store).http(http).clock(clock)
                .connectors(ConnectorRegistry.builder().register(new JsonBoardProvider("doda"))
                        .register(new JsonAtsProvider()).build())
                .mediaSettings("doda", Map.of("baseUrl", boardWm.baseUrl()))
                .heartbeatInterval(Duration.ofHours(1));
    }
}
