package dev.renkei.core.sync;

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
 * The bench every engine contract shares: a WireMock board and a stateful WireMock ATS over real HTTP, an
 * in-process SMTP server, a fresh tenant per test, and builders for robots and engines (subclasses supply the store).
 */
public abstract class EngineTestBase {
    static final StatefulAts ATS_STATE = new StatefulAts();

    @RegisterExtension
    static WireMockExtension boardWm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @RegisterExtension
    static WireMockExtension atsWm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(ATS_STATE)).build();

    static final String PASSWORD_A = "pw-A-canary-7731";

    /** A fresh tenant per test, so tests can share one database. */
    protected final TenantId tenant = TenantId.of("acme-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    protected RenkeiStore store;
    protected RobotService robots;
    protected RobotHarness harness;
    protected JsonBoard board;
    protected final List<SyncEngine> engines = new ArrayList<>();
    private final AtomicInteger robotSeq = new AtomicInteger();

    /** A fresh, migrated store for one test. */
    protected abstract RenkeiStore newStore(MutableClock clock);

    @BeforeEach
    void setUp() {
        store = newStore(clock);
        robots = new RobotService(store.robots());
        harness = new RobotHarness(boardWm, atsWm, ATS_STATE);
        board = harness.board();
        board.account("a@example.jp", PASSWORD_A, "EMP-A").account("b@example.jp", "pw-B", "EMP-B");
    }

    @AfterEach
    void tearDown() {
        engines.forEach(SyncEngine::close);
    }

    protected SyncEngine.Builder engineBuilder() {
        return harness.engine(store, clock)
                .mails(ResultMailComposer.builder().from("robot@renkei.test").operatorAddress("ops@renkei.test")
                        .clock(clock).build()::compose)
                .mailDispatcher(relay()::sendDue);
    }

    protected SyncEngine engine() {
        return track(engineBuilder().build());
    }

    protected SyncEngine track(SyncEngine e) {
        engines.add(e);
        return e;
    }

    /** The outbox relay to the in-process SMTP server. */
    protected OutboxRelay relay() {
        return OutboxRelay.builder().outbox(store.outbox()).clock(Clock.offset(clock, Duration.ofMinutes(1)))
                .sender(SmtpMailSender.builder().host("127.0.0.1").port(greenMail.getSmtp().getPort()).build())
                .build();
    }

    /** Received messages by Message-ID (Renkei derives it from the outbox id, so a resend keeps it). */
    protected Map<String, Integer> receivedByMessageId() {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                out.merge(m.getMessageID(), 1, Integer::sum);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The plain-text part of a received mail. */
    protected static String text(MimeMessage m) {
        try {
            Object content = m.getContent();
            if (content instanceof jakarta.mail.Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    if (mp.getBodyPart(i).isMimeType("text/plain")) {
                        return (String) mp.getBodyPart(i).getContent();
                    }
                }
            }
            return String.valueOf(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected RobotId newRobot(String... slotLogins) {
        RobotId id = RobotId.of("robot-" + robotSeq.incrementAndGet());
        robots.create(tenant, id, "求人ロボット", harness.atsAccount(),
                NotificationSettings.to("hr@acme.example"), Schedule.manualOnly(ZoneId.of("Asia/Tokyo")));
        for (String login : slotLogins) {
            robots.addSlot(tenant, id, "doda", Credentials.of(login, login.startsWith("a@") ? PASSWORD_A : "pw-B"));
        }
        return id;
    }

    protected Instant minutesAgo(int m) {
        return clock.instant().minus(Duration.ofMinutes(m));
    }

    protected int creates() {
        return atsWm.findAll(postRequestedFor(urlEqualTo("/candidates"))).size();
    }

}
