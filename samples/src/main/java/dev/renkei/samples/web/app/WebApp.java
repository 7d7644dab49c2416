package dev.renkei.samples.web.app;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.Renkei;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.mail.SmtpMailSender;
import dev.renkei.core.meeting.MeetingSettings;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.sync.SyncListener;
import dev.renkei.media.SiteProfileMediaProvider;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.porters.PortersJobSeekerProvider;
import dev.renkei.samples.Pools;
import dev.renkei.samples.sim.Simulators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The sample web app of {@code java -jar renkei-samples.jar serve}: a small server-rendered site on the JDK's
 * {@code HttpServer} that shows how a host puts Renkei behind its own pages — robot setup, run history, the Zoom
 * link and interview slots, the MyPage password pages — all through one {@link Renkei} and its services. It runs on
 * the demo's local simulators (job boards, ATS receiver, Zoom, PORTERS, an SMTP server whose mails the app shows at
 * {@code /mailbox}) and an H2 file database; nothing talks to the internet.
 *
 * <p>One company (tenant {@link #TENANT}); no login of its own: a host puts these pages behind its own.
 */
public final class WebApp implements AutoCloseable {
    /** The one company of the sample. */
    public static final TenantId TENANT = TenantId.of("demo-shoji");
    /** The sender of every mail. */
    public static final String FROM = "Renkei サンプル <renkei@demo-shoji.example>";
    /** Where no-action errors of result mails go. */
    public static final String OPERATOR = "ops@demo-shoji.example";
    /** The secret token Zoom signs webhooks with (the simulated app's). */
    public static final Secret ZOOM_WEBHOOK_SECRET = Secret.of("sample-webhook-secret-token");
    /** The boards' page pacing is right for real boards; the local ones are paced at most this much. */
    private static final Duration LOCAL_PACING = Duration.ofMillis(50);

    private final Clock clock;
    private final Simulators sims;
    private final HikariDataSource pool;
    private final Renkei renkei;
    private final HttpServer server;
    private final ExecutorService threads;
    private final String baseUrl;
    private final List<SyncListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();

    private WebApp(Builder b) throws IOException {
        this.clock = b.clock;
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            this.sims = Simulators.start(0, 0, 0, 0, 0);
            opened.add(sims);
            this.pool = Pools.open("jdbc:h2:file:" + b.dir.resolve("renkei").toAbsolutePath() + ";WRITE_DELAY=0", "sa",
                    null, "renkei-serve");
            opened.add(pool);
            JdbcStore store = JdbcStore.builder().dataSource(pool)
                    .cipher(SecretCipher.of("serve-key", SecretCipher.generateKey())).clock(clock).build();
            store.migrate();
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
            this.baseUrl = "http://localhost:" + server.getAddress().getPort();
            this.renkei = Renkei.builder().store(store).clock(clock).http(HttpExecutor.builder().build())
                    .connector(SiteProfileMediaProvider.demo(DemoBoards.HTML))
                    .connector(SiteProfileMediaProvider.demo(DemoBoards.CSV))
                    .connector(WebhookAtsConnectorProvider.builder().url(URI.create(sims.ats().url())).build())
                    .connector(sims.zoom().provider())
                    .connector(new PortersJobSeekerProvider())
                    .mediaSettings(DemoBoards.HTML, sims.boards().config())
                    .mediaSettings(DemoBoards.CSV, sims.boards().config())
                    .mail(SmtpMailSender.builder().host("127.0.0.1").port(sims.smtpPort()).build(), FROM)
                    .operatorAddress(OPERATOR)
                    .meetings(MeetingSettings.builder("zoom").client(dev.renkei.zoom.testing.ZoomSimulator.CLIENT)
                            .webhookSecret(ZOOM_WEBHOOK_SECRET).build())
                    // OWASP's 600,000 iterations are the library default; the sample registers quickly
                    .myPageOptions(m -> m.passwordIterations(MyPageService.MIN_PASSWORD_ITERATIONS))
                    .engineOptions(e -> e.listener(new Forwarding())
                            // the seeded applications carry fixed dates: the first run looks back far enough
                            .initialLookback(Duration.ofDays(3650))
                            .sleeper(d -> Sleeper.SYSTEM.sleep(d.compareTo(LOCAL_PACING) > 0 ? LOCAL_PACING : d)))
                    .build();
            opened.add(renkei);
            Router router = new Router(origin(sims.zoom().server().baseUrl()));
            router.get("/style\\.css", r -> Response.of(200, "text/css; charset=utf-8", Html.STYLE));
            new HomePage(this).routes(router);
            new MailboxPage(this).routes(router);
            new RobotPages(this).routes(router);
            new ZoomPages(this).routes(router);
            new MyPagePages(this).routes(router);
            server.createContext("/", router);
            this.threads = Executors.newFixedThreadPool(8, runnable -> {
                Thread t = new Thread(runnable, "renkei-serve-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(threads);
            server.start();
            if (b.scheduling) {
                renkei.start();
            }
        } catch (IOException | RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getAuthority();
    }

    /** A builder: folder, port, clock, whether the scheduler runs. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address pages are served at, e.g. {@code http://localhost:8080}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The entry point every page goes through. */
    public Renkei renkei() {
        return renkei;
    }

    /** The local simulators behind the app. */
    public Simulators simulators() {
        return sims;
    }

    /** The app's clock (tests move it instead of sleeping). */
    public Clock clock() {
        return clock;
    }

    /** Adds a listener of every robot run's progress (the run-now page's live view). */
    public void addSyncListener(SyncListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Serves {@code path} with a handler of its own, outside the {@link Router}: for requests that prove themselves
     * in another way than the session's CSRF token (Zoom's signed webhook). Call it while the pages register.
     */
    void handle(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** Closes {@code c} with the app (e.g. a page's executor). */
    public void closeWithApp(AutoCloseable c) {
        closeables.add(Objects.requireNonNull(c, "closeable"));
    }

    /** Hands the mails waiting in the outbox to the SMTP server now, as the started app does every 30 s. */
    public void sendDueMails() {
        renkei.relay().ifPresent(r -> r.sendDue());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                System.getLogger(WebApp.class.getName()).log(System.Logger.Level.WARNING, "closing " + c, e);
            }
        }
        try {
            renkei.close();
        } finally {
            try {
                pool.close();
            } finally {
                sims.close();
            }
        }
    }

    /** Options of the app. */
    public static final class Builder {
        private Path dir;
        private int port = 8080;
        private Clock clock = Clock.systemUTC();
        private boolean scheduling;

        private Builder() {}

        /** The folder of the H2 database (required; must exist). */
        public Builder dir(Path d) {
            this.dir = Objects.requireNonNull(d, "dir");
            return this;
        }

        /** The loopback port (default 8080; 0: a free one). */
        public Builder port(int p) {
            if (p < 0 || p > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + p);
            }
            this.port = p;
            return this;
        }

        /** The clock (default: the system's). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Whether runs start in their windows and mails go out by themselves ({@code Renkei.start()}); default off. */
        public Builder scheduling(boolean on) {
            this.scheduling = on;
            return this;
        }

        /** Starts the simulators, the database and the server. */
        public WebApp start() {
            Objects.requireNonNull(dir, "dir");
            try {
                return new WebApp(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the web app on port " + port + ": " + e.getMessage(), e);
            }
        }
    }

    /** Hands every engine callback to the listeners pages added. */
    private final class Forwarding implements SyncListener {
        private void each(Consumer<SyncListener> call) {
            listeners.forEach(call);
        }

        @Override
        public void runStarted(SyncRun run) {
            each(l -> l.runStarted(run));
        }

        @Override
        public void slotStarted(SyncRun run, SlotId slot) {
            each(l -> l.slotStarted(run, slot));
        }

        @Override
        public void applicationImported(SyncRun run, SlotId slot, String boardApplicationId, String atsId) {
            each(l -> l.applicationImported(run, slot, boardApplicationId, atsId));
        }

        @Override
        public void applicationSkipped(SyncRun run, SlotId slot, String boardApplicationId, SkipReason reason) {
            each(l -> l.applicationSkipped(run, slot, boardApplicationId, reason));
        }

        @Override
        public void applicationFailed(SyncRun run, SlotId slot, String boardApplicationId, SyncError error) {
            each(l -> l.applicationFailed(run, slot, boardApplicationId, error));
        }

        @Override
        public void slotFinished(SyncRun run, SlotResult result) {
            each(l -> l.slotFinished(run, result));
        }

        @Override
        public void runFinished(SyncRun run) {
            each(l -> l.runFinished(run));
        }
    }
}
