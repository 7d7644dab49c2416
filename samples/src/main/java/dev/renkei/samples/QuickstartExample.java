package dev.renkei.samples;

import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.Renkei;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.mail.SmtpMailSender;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.TenantId;
import dev.renkei.media.SiteProfileMediaProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The README's quickstart, compiled by the build (and checked against the README by a test): a robot embedded in a
 * host application through the one entry point, {@link Renkei}. The host runs this on every start.
 */
public final class QuickstartExample {
    private QuickstartExample() {}

    /**
     * Wires Renkei into a host, defines the robot and starts the scheduled runs.
     *
     * @param dataSource the host's (pooled) DataSource, H2 or PostgreSQL
     * @param secretKey 32 bytes from the host's vault or KMS
     * @param boardProfile a site profile JSON file; its id is the medium, here {@code my-board}
     * @return the running instance; close it on shutdown
     */
    public static Renkei start(DataSource dataSource, byte[] secretKey, Path boardProfile) {
        // quickstart:begin
        Renkei renkei = Renkei.builder()
                .dataSource(dataSource).cipher(SecretCipher.of("k1", secretKey))   // applies the schema scripts
                .mail(SmtpMailSender.builder().host("smtp.example.com").port(587).startTls(true).build(),
                        "renkei@example.com")
                .connector(SiteProfileMediaProvider.fromFile(boardProfile))   // id "my-board"
                .connector(WebhookAtsConnectorProvider.builder()             // the receiver: host configuration
                        .url(URI.create("https://hr.example.com/renkei/applications")).build())
                .build();

        TenantId tenant = TenantId.of("acme");
        RobotId robot = RobotId.of("main");
        renkei.robots().createOrUpdate(tenant, robot, "Acme 採用ロボット",
                new AtsAccount("webhook", "acme-hr", Map.of(), Credentials.of("key-1", "webhook-signing-secret")),
                NotificationSettings.to("saiyo@example.com"),
                Schedule.of(ZoneId.of("Asia/Tokyo"), LocalTime.of(9, 0), LocalTime.of(13, 30)));
        renkei.robots().putSlot(tenant, robot, "my-board", Credentials.of("login-id", "board-password"));

        renkei.start();   // runs at 09:00 and 13:30 Tokyo time; renkei.runNow(tenant, robot) for a manual run
        // quickstart:end
        return renkei;
    }
}
