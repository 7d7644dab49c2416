package dev.renkei.core.mail;

import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Robots, runs and MIME helpers for the mail tests. */
final class MailFixtures {
    static final TenantId TENANT = TenantId.of("acme");
    static final Instant FINISHED = Instant.parse("2025-04-01T00:30:00Z");

    private MailFixtures() {}

    static Robot robot(String name, Locale locale, List<String> to, List<String> cc) {
        return new Robot(TENANT, RobotId.of("robot-1"), name, true,
                new AtsAccount("webhook", "acme-ats", Map.of(), null),
                List.of(new AccountSlot(SlotId.parse("doda_001"), Credentials.of("user1", "pw-doda"), false, null),
                        new AccountSlot(SlotId.parse("green_001"), Credentials.of("user2", "pw-green"), false, null)),
                new NotificationSettings(to, cc, locale),
                Schedule.of(ZoneId.of("Asia/Tokyo"), LocalTime.of(9, 0)), 1);
    }

    static Robot robot(String name, Locale locale) {
        return robot(name, locale, List.of("hr@acme.example"), List.of("boss@acme.example"));
    }

    static SyncRun run(Robot robot, RunStatus status, SyncResult result) {
        return new SyncRun(RunId.random(), robot.tenant(), robot.id(), RunTrigger.SCHEDULED,
                Instant.parse("2025-04-01T00:00:00Z"), status, "node-1", Instant.parse("2025-04-01T00:00:05Z"),
                Instant.parse("2025-04-01T00:20:00Z"), FINISHED, result);
    }

    /** The text/plain part of a received message. */
    static String text(MimeMessage m) throws Exception {
        return part(m, "text/plain");
    }

    /** The text/html part of a received message. */
    static String html(MimeMessage m) throws Exception {
        return part(m, "text/html");
    }

    private static String part(MimeMessage m, String type) throws Exception {
        Object content = m.getContent();
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                if (p.isMimeType(type)) {
                    return (String) p.getContent();
                }
            }
            throw new AssertionError("no " + type + " part in " + m.getContentType());
        }
        if (m.isMimeType(type)) {
            return (String) content;
        }
        throw new AssertionError("no " + type + " part in " + m.getContentType());
    }

    /** A loopback port nobody listens on. */
    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
