package dev.renkei.samples;

import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.mail.OutboxRelay;
import dev.renkei.core.mail.ResultMailComposer;
import dev.renkei.core.mail.SmtpMailSender;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.robot.RobotService;
import dev.renkei.core.schedule.RobotScheduler;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.sync.SyncEngine;
import dev.renkei.media.SiteProfileMediaProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The README's quickstart, compiled by the build (and checked against the README by a test): a robot embedded in a
 * host application — the host's DataSource, a secret key, SMTP, connectors, {@link RobotService} and the
 * {@link RobotScheduler}.
 */
public final class QuickstartExample {
    private QuickstartExample() {}

    /**
     * Wires Renkei into a host and starts the scheduler.
     *
     * @param dataSource the host's (pooled) DataSource, H2 or PostgreSQL
     * @param secretKey 32 bytes from the host's vault or KMS
     * @param boardProfile a site profile JSON file; its id is the medium, here {@code my-board}
     * @return the running scheduler; close it on shutdown
     */
    public static RobotScheduler start(DataSource dataSource, byte[] secretKey, Path boardProfile) {
        // quickstart:begin
        JdbcStore store = JdbcStore.builder().dataSource(dataSource).cipher(SecretCipher.of("k1", secretKey)).build();
        store.migrate();
        OutboxRelay relay = OutboxRelay.builder().outbox(store.outbox()).sender(SmtpMailSender.builder()
                .host("smtp.example.com").port(587).startTls(true).build()).build();
        SyncEngine engine = SyncEngine.builder().store(store)
                .connectors(ConnectorRegistry.builder()
                        .register(SiteProfileMediaProvider.fromFile(boardProfile))   // id "my-board"
                        .register(WebhookAtsConnectorProvider.builder()   // the receiver: host configuration
                                .url(URI.create("https://hr.example.com/renkei/applications")).build()).build())
                .mails(ResultMailComposer.builder().from("renkei@example.com").build()::compose)
                .mailDispatcher(relay::sendDue).build();

        RobotService robots = new RobotService(store.robots());
        TenantId tenant = TenantId.of("acme");
        RobotId robot = RobotId.of("main");
        robots.create(tenant, robot, "Acme 採用ロボット",
                new AtsAccount("webhook", "acme-hr", Map.of(), Credentials.of("key-1", "webhook-signing-secret")),
                NotificationSettings.to("saiyo@example.com"),
                Schedule.of(ZoneId.of("Asia/Tokyo"), LocalTime.of(9, 0), LocalTime.of(13, 30)));
        robots.addSlot(tenant, robot, "my-board", Credentials.of("login-id", "board-password"));

        RobotScheduler scheduler = RobotScheduler.builder().store(store).engine(engine).build();
        scheduler.start();   // runs at 09:00 and 13:30 Tokyo time; scheduler.runNow(tenant, robot) for a manual run
        // quickstart:end
        return scheduler;
    }
}
