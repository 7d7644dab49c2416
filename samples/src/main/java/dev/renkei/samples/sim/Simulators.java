package dev.renkei.samples.sim;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.renkei.ats.testing.WebhookReceiverStub;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.porters.testing.PortersSimulator;
import dev.renkei.zoom.testing.ZoomSimulator;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code simulators} command: the demo's local stand-ins for real services, on the fixed loopback ports that
 * {@code samples/examples/runner.json} names, so the example config runs end to end before it is pointed at real
 * job boards, an ATS, Zoom, PORTERS and an SMTP server. Nothing here talks to the internet.
 */
public final class Simulators implements AutoCloseable {
    /** The two demo job boards ({@code demo-html}, {@code demo-csv}): {@code http://localhost:8089}. */
    public static final int BOARDS_PORT = 8089;
    /** The signed-webhook ATS receiver: {@code http://localhost:8090/renkei/applications}. */
    public static final int ATS_PORT = 8090;
    /** The mail catcher (SMTP, no TLS, no login): {@code localhost:2525}. */
    public static final int SMTP_PORT = 2525;
    /** The Zoom simulator (OAuth, users, meetings): {@code http://localhost:8091}. */
    public static final int ZOOM_PORT = 8091;
    /** The PORTERS HRBC API simulator, with a handful of job seekers: {@code http://localhost:8092}. */
    public static final int PORTERS_PORT = 8092;
    /** The job seekers the PORTERS simulator holds: {@code js1@example.com} … */
    public static final int JOB_SEEKERS = 5;
    /** The signing secret the ATS receiver accepts: the example robot's ATS {@code secret}. */
    public static final String ATS_SECRET = "webhook-signing-secret";

    static final String USAGE = """
            Usage: java -jar renkei-samples.jar simulators
              Starts local simulators on the ports samples/examples/runner.json names and runs until Ctrl-C:
                job boards demo-html and demo-csv  http://localhost:8089
                ATS webhook receiver               http://localhost:8090/renkei/applications (secret webhook-signing-secret)
                Zoom API and OAuth                 http://localhost:8091 (client zoom-client-1)
                PORTERS HRBC API                   http://localhost:8092 (partition 999999, app app-1, 5 job seekers)
                mail catcher (SMTP)                localhost:2525, prints each mail it receives
              Then, in another terminal: java -jar renkei-samples.jar run --config samples/examples/runner.json --once main
              and, for the MyPage sync:  java -jar renkei-samples.jar run --config samples/examples/runner.json --batch
            Exit codes: 0 stopped, 2 a port is taken.
            """;

    private final DemoBoards boards;
    private final WebhookReceiverStub ats;
    private final GreenMail smtp;
    private final ZoomSimulator zoom;
    private final PortersSimulator porters;

    private Simulators(DemoBoards boards, WebhookReceiverStub ats, GreenMail smtp, ZoomSimulator zoom,
                       PortersSimulator porters) {
        this.boards = boards;
        this.ats = ats;
        this.smtp = smtp;
        this.zoom = zoom;
        this.porters = porters;
    }

    /** Starts every simulator on the ports {@code samples/examples/runner.json} names. */
    public static Simulators start() {
        return start(BOARDS_PORT, ATS_PORT, SMTP_PORT, ZOOM_PORT, PORTERS_PORT);
    }

    /** Starts every simulator on these loopback ports (0: any free one); stops the started ones if one fails. */
    public static Simulators start(int boardsPort, int atsPort, int smtpPort, int zoomPort, int portersPort) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            DemoBoards boards = DemoBoards.start(boardsPort);
            started.add(boards);
            addFreshApplications(boards, Instant.now());
            WebhookReceiverStub ats = WebhookReceiverStub.start(ATS_SECRET, Clock.systemUTC(), atsPort);
            started.add(ats);
            ZoomSimulator zoom = new ZoomSimulator(Clock.systemUTC(), zoomPort);
            started.add(zoom);
            PortersSimulator porters = PortersSimulator.start(Clock.systemUTC(), portersPort).addMany(1, JOB_SEEKERS);
            started.add(porters);
            GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            return new Simulators(boards, ats, smtp, zoom, porters);
        } catch (RuntimeException e) {
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * The seeded applications carry fixed dates; a config's first run looks back only a few days
     * ({@code engine.initialLookback}), so the boards also get applications from the last day.
     */
    private static void addFreshApplications(DemoBoards boards, Instant now) {
        String[][] html = {{"F-1001", "2", "中村 蒼"}, {"F-1002", "5", "小林 結衣"}, {"F-1003", "9", "加藤 湊"}};
        for (String[] a : html) {
            boards.addApplication(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID, DemoBoards.Application.simple(a[0],
                    now.minus(Duration.ofHours(Long.parseLong(a[1]))), a[2]));
        }
        boards.addApplication(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID, DemoBoards.Application.simple("F-5001",
                now.minus(Duration.ofHours(3)), "吉田 陽菜"));
    }

    /** The job boards. */
    public DemoBoards boards() {
        return boards;
    }

    /** The ATS receiver. */
    public WebhookReceiverStub ats() {
        return ats;
    }

    /** The Zoom simulator. */
    public ZoomSimulator zoom() {
        return zoom;
    }

    /** The PORTERS simulator. */
    public PortersSimulator porters() {
        return porters;
    }

    /** Every mail received so far (one per recipient mailbox). */
    public MimeMessage[] mails() {
        return smtp.getReceivedMessages();
    }

    /** The SMTP port. */
    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    /** Prints what runs where. */
    public void describe(PrintStream out) {
        out.println("job boards demo-html, demo-csv  " + boards.baseUrl());
        out.println("ATS webhook receiver            " + ats.url() + " (secret " + ATS_SECRET + ")");
        out.println("Zoom API and OAuth              " + zoom.server().baseUrl() + " (client "
                + ZoomSimulator.CLIENT.loginId() + ")");
        out.println("PORTERS HRBC API                " + porters.baseUrl() + " (partition " + PortersSimulator.PARTITION
                + ", " + JOB_SEEKERS + " job seekers)");
        out.println("mail catcher (SMTP)             127.0.0.1:" + smtpPort());
    }

    @Override
    public void close() {
        try {
            boards.close();
        } finally {
            try {
                ats.close();
            } finally {
                try {
                    zoom.close();
                    porters.close();
                } finally {
                    smtp.stop();
                }
            }
        }
    }

    /**
     * Runs the command until the process is stopped.
     *
     * @return 0 when stopped, 2 for bad arguments or a port in use
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        if (!args.isEmpty()) {
            err.println("simulators: unknown option '" + args.get(0) + "'");
            err.print(USAGE);
            return 2;
        }
        Simulators sims;
        try {
            sims = start();
        } catch (RuntimeException e) {
            err.println("simulators: cannot start: " + e.getMessage() + " — is a port of " + BOARDS_PORT + ", "
                    + ATS_PORT + ", " + ZOOM_PORT + ", " + PORTERS_PORT + " or " + SMTP_PORT
                    + " taken (another `simulators` running)?");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sims.close();
            stopped.countDown();
        }, "renkei-simulators-stop"));
        sims.describe(out);
        out.println("Running; Ctrl-C stops. Mails appear here as they arrive.");
        int printed = 0;
        try {
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                MimeMessage[] mails = sims.mails();
                for (; printed < mails.length; printed++) {
                    out.println("mail to " + recipients(mails[printed]) + ": " + subject(mails[printed]));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String recipients(MimeMessage m) {
        try {
            return String.valueOf(java.util.Arrays.toString(m.getAllRecipients()));
        } catch (MessagingException e) {
            return "?";
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            return "?";
        }
    }
}
