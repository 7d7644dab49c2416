package dev.renkei.core;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.mail.MailSender;
import dev.renkei.core.mail.OutboxRelay;
import dev.renkei.core.mail.ResultMailComposer;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.MeetingSettings;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.robot.RobotService;
import dev.renkei.core.spi.ConnectorKind;
import dev.renkei.core.sync.RobotScheduler;
import dev.renkei.core.spi.ConnectorProvider;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.support.DaemonThreads;
import dev.renkei.core.sync.SyncEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The one object a host wires: it owns the store, the robot engine, the scheduler and the mail relay, and reaches
 * every robot job through them.
 *
 * <pre>{@code
 * Renkei renkei = Renkei.builder()
 *         .dataSource(dataSource).cipher(SecretCipher.of("k1", key))      // the host's pool and key
 *         .mail(SmtpMailSender.builder().host("smtp.example.com").build(), "renkei@example.com")
 *         .connector(SiteProfileMediaProvider.fromFile(profile))
 *         .connector(WebhookAtsConnectorProvider.builder().url(receiver).build())
 *         .build();
 * renkei.robots().createOrUpdate(tenant, robot, "採用ロボット", ats, notifications, schedule);
 * renkei.start();                       // scheduled windows, mail delivery
 * SyncRun run = renkei.runNow(tenant, robot);
 * }</pre>
 *
 * <p>The parts stay public for hosts that compose them by hand ({@link #store()}, {@link #engine()},
 * {@link #scheduler()}, {@link #relay()}). One {@link Builder#heartbeat heartbeat} setting drives both sides of a
 * run's lease: running runs heartbeat at that interval, and a run whose heartbeat stopped for
 * {@link #DEAD_AFTER_HEARTBEATS} intervals is dead — its reservations are taken over and the scheduler of any
 * instance takes the run over.
 *
 * <p>Thread-safe. {@link #close()} it on shutdown. (This file is over the 400-line guideline: the builder documents
 * every host setting of the one entry point.)
 */
public final class Renkei implements AutoCloseable {
    /** The default heartbeat interval of running runs: 30 s. */
    public static final Duration DEFAULT_HEARTBEAT = SyncEngine.DEFAULT_HEARTBEAT_INTERVAL;
    /** How many heartbeat intervals without a heartbeat make a run dead: 10 (5 min by default). */
    public static final int DEAD_AFTER_HEARTBEATS = 10;
    /** How often {@link #start()}ed instances send due result mails: every 30 s. */
    public static final Duration DEFAULT_MAIL_INTERVAL = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(Renkei.class.getName());

    private final RenkeiStore store;
    private final RobotService robots;
    private final SyncEngine engine;
    private final RobotScheduler scheduler;
    private final OutboxRelay relay;
    private final Duration heartbeat;
    private final Duration mailInterval;
    private final ScheduledExecutorService mailTicker;
    private final MeetingService meetings;
    private final MyPageService myPage;
    private boolean started;
    private boolean closed;

    private Renkei(Builder b) {
        this.store = b.buildStore();
        this.robots = new RobotService(store.robots());
        this.heartbeat = b.heartbeat;
        this.mailInterval = b.mailInterval;
        Duration deadAfter = deadAfter(heartbeat);
        this.relay = b.sender == null ? null : relay(b);
        ConnectorRegistry registry = b.registry();
        this.meetings = b.meetingSettings == null ? null : b.meetingService(store, registry);
        SyncEngine.Builder e = SyncEngine.builder().store(store).connectors(registry).clock(b.clock)
                .heartbeatInterval(heartbeat).staleAfter(deadAfter);
        if (b.http != null) {
            e.http(b.http);
        }
        if (b.instanceId != null) {
            e.owner(b.instanceId);
        }
        b.mediaSettings.forEach(e::mediaSettings);
        if (b.sender != null) {
            ResultMailComposer.Builder composer = ResultMailComposer.builder().from(b.mailFrom).clock(b.clock);
            if (b.operatorAddress != null) {
                composer.operatorAddress(b.operatorAddress);
            }
            e.mails(composer.build()::compose).mailDispatcher(relay::sendDue);
        }
        b.engineOptions.accept(e);
        this.engine = e.build();
        RobotScheduler.Builder s = RobotScheduler.builder().store(store).engine(engine).deadAfter(deadAfter);
        b.schedulerOptions.accept(s);
        this.scheduler = s.build();
        this.myPage = b.buildMyPage(store, registry);
        this.mailTicker = relay == null ? null
                : Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("renkei-mail"));
    }

    private OutboxRelay relay(Builder b) {
        OutboxRelay.Builder r = OutboxRelay.builder().outbox(store.outbox()).sender(b.sender).clock(b.clock);
        b.relayOptions.accept(r);
        return r.build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The dead-run limit that follows from a heartbeat interval ({@link #DEAD_AFTER_HEARTBEATS} intervals). */
    public static Duration deadAfter(Duration heartbeat) {
        return heartbeat.multipliedBy(DEAD_AFTER_HEARTBEATS);
    }

    /** Creating, changing and listing robots and their job-board slots. */
    public RobotService robots() {
        return robots;
    }

    /**
     * Interview meetings: linking tenants' meeting-service accounts, host users, meetings that follow interview
     * slots, webhooks.
     *
     * @throws IllegalStateException when the builder had no {@link Builder#meetings(MeetingSettings)}
     */
    public MeetingService meetings() {
        if (meetings == null) {
            throw new IllegalStateException("interview meetings are not configured: call Renkei.builder().meetings(...)"
                    + " and register the meeting connector");
        }
        return meetings;
    }

    /**
     * The MyPage job-seeker sync: settings per tenant, the batch ({@link MyPageService#runNow}, or scheduled by
     * {@link #start()}) and the setup-link calls of the host's page.
     *
     * @throws IllegalStateException when the store has no MyPage tables (a host's own {@code RenkeiStore})
     */
    public MyPageService mypage() {
        if (myPage == null) {
            throw new IllegalStateException("MyPage needs a store with MyPage tables (JdbcStore, InMemoryStore); "
                    + "this Renkei has " + store.getClass().getSimpleName());
        }
        return myPage;
    }

    /**
     * Runs a robot now and waits for the result ("run now"). Safe beside scheduled runs and other instances: an
     * application another run is importing is left to it.
     *
     * @return the finished run (status SUCCEEDED, FAILED or SKIPPED)
     * @throws NotFoundException when the robot does not exist in the tenant
     */
    public SyncRun runNow(TenantId tenant, RobotId robot) {
        return engine.runNow(tenant, robot);
    }

    /** Checks the ATS account and every active slot of a robot; one verdict per account, the ATS first. */
    public List<LoginVerdict> checkLogins(TenantId tenant, RobotId robot) {
        return engine.checkLogins(tenant, robot);
    }

    /**
     * Starts the background work: the scheduler (runs in their windows, takeover of dead runs) and, with mail
     * configured, the delivery of due result mails. Idempotent.
     *
     * @return this
     */
    public synchronized Renkei start() {
        if (closed) {
            throw new IllegalStateException("this Renkei is closed");
        }
        if (!started) {
            started = true;
            scheduler.start();
            if (myPage != null) {
                myPage.start();
            }
            if (mailTicker != null) {
                mailTicker.scheduleWithFixedDelay(this::sendDueMails, 0, mailInterval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        return this;
    }

    private void sendDueMails() {
        try {
            relay.sendDue();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sending due result mails failed; they stay in the outbox", e);
        }
    }

    /** The heartbeat interval of running runs. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** The store. */
    public RenkeiStore store() {
        return store;
    }

    /** The robot engine. */
    public SyncEngine engine() {
        return engine;
    }

    /** The scheduler. */
    public RobotScheduler scheduler() {
        return scheduler;
    }

    /** The result-mail relay, when mail is configured. */
    public Optional<OutboxRelay> relay() {
        return Optional.ofNullable(relay);
    }

    /**
     * Stops the scheduler (running runs get its shutdown wait, then are handed back for another instance), the
     * mail delivery and the engine's threads. The data source stays open: it is the host's.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.close();
        if (myPage != null) {
            myPage.close();
        }
        if (mailTicker != null) {
            mailTicker.shutdownNow();
        }
        engine.close();
    }

    /** Builds a {@link Renkei}. */
    public static final class Builder {
        private DataSource dataSource;
        private SecretCipher cipher;
        private RenkeiStore store;
        private boolean migrate = true;
        private final List<ConnectorProvider<?>> providers = new ArrayList<>();
        private ConnectorRegistry registry;
        private final Map<String, Map<String, String>> mediaSettings = new HashMap<>();
        private MailSender sender;
        private String mailFrom;
        private String operatorAddress;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private Duration mailInterval = DEFAULT_MAIL_INTERVAL;
        private Clock clock = Clock.systemUTC();
        private HttpExecutor http;
        private String instanceId;
        private Consumer<SyncEngine.Builder> engineOptions = e -> { };
        private Consumer<RobotScheduler.Builder> schedulerOptions = s -> { };
        private Consumer<OutboxRelay.Builder> relayOptions = r -> { };
        private MeetingSettings meetingSettings;
        private Consumer<MyPageService.Builder> myPageOptions = m -> { };

        private Builder() {}

        /**
         * Turns on interview meetings ({@link Renkei#meetings()}) through the meeting connector the settings name,
         * which must be registered like any other connector.
         */
        public Builder meetings(MeetingSettings settings) {
            this.meetingSettings = Objects.requireNonNull(settings, "meeting settings");
            return this;
        }

        private MeetingService meetingService(RenkeiStore s, ConnectorRegistry r) {
            return MeetingService.builder().store(s.meetings()).settings(meetingSettings)
                    .provider(r.find(ConnectorKind.MEETING, meetingSettings.connectorId()).orElseThrow(() ->
                            new IllegalStateException("no meeting connector '" + meetingSettings.connectorId()
                                    + "' is registered (registered: " + r.ids(ConnectorKind.MEETING) + ")")))
                    .http(http != null ? http : HttpExecutor.builder().clock(clock).build()).clock(clock).build();
        }

        /** The host's database (ideally its connection pool), H2 or PostgreSQL; needs {@link #cipher}. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** The cipher that seals every stored credential (required with {@link #dataSource}). */
        public Builder cipher(SecretCipher cipher) {
            this.cipher = Objects.requireNonNull(cipher, "cipher");
            return this;
        }

        /** Whether {@link #build()} applies the shipped schema migrations (default true; false for hosts that apply
         * the scripts with their own Flyway or Liquibase). */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /** A store of your own instead of {@link #dataSource} (e.g. {@code new InMemoryStore()} in tests). */
        public Builder store(RenkeiStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Registers a connector provider (job board, ATS…). Ids must be unique. */
        public Builder connector(ConnectorProvider<?> provider) {
            providers.add(Objects.requireNonNull(provider, "connector provider"));
            return this;
        }

        /** Uses a registry built by hand (e.g. with ServiceLoader discovery) instead of {@link #connector}. */
        public Builder connectors(ConnectorRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "connector registry");
            return this;
        }

        /** Host settings of a job board's connector, e.g. its {@code baseUrl}. */
        public Builder mediaSettings(String medium, Map<String, String> settings) {
            mediaSettings.put(notBlank(medium, "medium"), Map.copyOf(settings));
            return this;
        }

        /**
         * Sends a result mail after every run through {@code sender}, from {@code from}. Without mail, runs are
         * recorded but no mail is written.
         */
        public Builder mail(MailSender sender, String from) {
            this.sender = Objects.requireNonNull(sender, "mail sender");
            this.mailFrom = notBlank(from, "sender address");
            return this;
        }

        /** Also mails every no-action-needed error, with its technical cause, to this operator address. */
        public Builder operatorAddress(String address) {
            this.operatorAddress = notBlank(address, "operator address");
            return this;
        }

        /**
         * The heartbeat interval of running runs (default {@link #DEFAULT_HEARTBEAT}); a run is dead after
         * {@link #DEAD_AFTER_HEARTBEATS} intervals without one.
         */
        public Builder heartbeat(Duration interval) {
            this.heartbeat = positive(interval, "heartbeat");
            return this;
        }

        /** How often a started instance sends due result mails (default {@link #DEFAULT_MAIL_INTERVAL}). */
        public Builder mailInterval(Duration interval) {
            this.mailInterval = positive(interval, "mailInterval");
            return this;
        }

        /** The clock (default UTC system clock); leases and due times use the store's clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The HTTP executor connectors share (default: one with this builder's clock). */
        public Builder http(HttpExecutor http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /** This instance's id on the runs it executes (default: random). */
        public Builder instanceId(String id) {
            this.instanceId = notBlank(id, "instance id");
            return this;
        }

        /** Further engine settings (slot concurrency, run deadline…), applied after Renkei's own. */
        public Builder engineOptions(Consumer<SyncEngine.Builder> options) {
            this.engineOptions = Objects.requireNonNull(options, "engine options");
            return this;
        }

        /** Further scheduler settings (concurrent runs, catch-up…), applied after Renkei's own. */
        public Builder schedulerOptions(Consumer<RobotScheduler.Builder> options) {
            this.schedulerOptions = Objects.requireNonNull(options, "scheduler options");
            return this;
        }

        /** Further MyPage settings (password iterations, lease, resend cooldown…), applied after Renkei's own. */
        public Builder myPageOptions(Consumer<MyPageService.Builder> options) {
            this.myPageOptions = Objects.requireNonNull(options, "MyPage options");
            return this;
        }

        private MyPageService buildMyPage(RenkeiStore built, ConnectorRegistry connectors) {
            try {
                built.myPage();
            } catch (UnsupportedOperationException e) {
                return null;
            }
            MyPageService.Builder m = MyPageService.builder().store(built).connectors(connectors).clock(clock);
            if (http != null) {
                m.http(http);
            }
            if (instanceId != null) {
                m.owner(instanceId);
            }
            myPageOptions.accept(m);
            return m.build();
        }

        /**
         * Further mail relay settings (attempts, backoff, batch size; {@link OutboxRelay}'s defaults otherwise), e.g.
         * {@code r -> r.maxAttempts(20).maxBackoff(Duration.ofHours(2))} to keep retrying through a longer SMTP
         * outage. Its outbox, sender and clock are Renkei's.
         */
        public Builder relayOptions(Consumer<OutboxRelay.Builder> options) {
            this.relayOptions = Objects.requireNonNull(options, "relay options");
            return this;
        }

        /**
         * Builds it: opens the store (applying the migrations unless switched off) and wires the parts; starts
         * nothing ({@link Renkei#start()}).
         *
         * @throws IllegalStateException when neither a data source (with a cipher) nor a store is given, or both
         */
        public Renkei build() {
            return new Renkei(this);
        }

        private RenkeiStore buildStore() {
            if ((store == null) == (dataSource == null)) {
                throw new IllegalStateException("Renkei needs exactly one of dataSource(...) and store(...)");
            }
            if (store != null) {
                return store;
            }
            if (cipher == null) {
                throw new IllegalStateException("Renkei needs cipher(...) to seal the credentials it stores");
            }
            JdbcStore jdbc = JdbcStore.builder().dataSource(dataSource).cipher(cipher).build();
            if (migrate) {
                jdbc.migrate();
            }
            return jdbc;
        }

        /** Host mistakes are the host's to fix: plain argument exceptions, not an error code for the customer. */
        private static String notBlank(String value, String what) {
            if (Objects.requireNonNull(value, what).isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }

        private static Duration positive(Duration d, String what) {
            if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }

        private ConnectorRegistry registry() {
            if (registry != null && !providers.isEmpty()) {
                throw new IllegalStateException("register connectors with connector(...) or connectors(...), not both");
            }
            if (registry != null) {
                return registry;
            }
            ConnectorRegistry.Builder r = ConnectorRegistry.builder();
            providers.forEach(r::register);
            return r.build();
        }
    }
}
