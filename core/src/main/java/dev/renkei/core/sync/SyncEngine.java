package dev.renkei.core.sync;

/*
 * Length: about 500 lines, of which about 160 are the nested Builder (each setting with its default constant and
 * javadoc), kept nested so hosts write SyncEngine.builder() and Renkei.engineOptions(b -> ...). The run lifecycle
 * here is what is left after the per-slot work moved to sync.internal (SlotWorker, SlotRunner, RunContext, Lease).
 */
import dev.renkei.core.sync.internal.CheckpointHook;
import dev.renkei.core.sync.internal.Checkpoint;
import dev.renkei.core.support.Checks;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.internal.Keys;
import dev.renkei.core.model.AccountSlot;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.support.DaemonThreads;
import dev.renkei.core.sync.internal.RunContext;
import dev.renkei.core.sync.internal.Lease;
import dev.renkei.core.sync.internal.SafeListener;
import dev.renkei.core.sync.internal.SlotRunner;
import dev.renkei.core.sync.internal.SlotWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs robots: logs in to every active slot concurrently (bounded), reads the applications since each board
 * account's watermark minus an overlap, and imports each into the robot's ATS exactly once through the import
 * ledger; records the result and its mails in one transaction; checks logins.
 *
 * <p>Exactly once: each board account is read once per run (slots that reach the same account share the read), and
 * every listed application's ledger key is consulted and reserved (one arbitrated insert) before its detail page
 * and attachments are loaded; the ATS import follows at once (memory stays bounded by the slot concurrency) and
 * the key is completed with the ATS id. A key left reserved by an execution that died or lost its run is taken
 * over (compare-and-set) and settled through the connector's lookup-then-fill import, never by a blind create and
 * never by a lookup alone. Failed slots keep their watermark, so the next run re-reads what was missed; the ledger
 * makes re-reading harmless.
 *
 * <p>Fencing: every execution of a run (the first start and each takeover) gets its own token from
 * {@link dev.renkei.core.store.RunStore#start}; heartbeats, ledger writes and the finish carry it. Before every ATS
 * call the engine checks that its execution still holds the run; an execution whose heartbeat is refused stops its
 * slots at once and writes nothing more, so a paused executor that wakes up after a takeover cannot import twice
 * or overwrite the new owner's result and mails.
 *
 * <p>Thread-safe; build one per host and {@link #close()} it on shutdown.
 */
public final class SyncEngine implements AutoCloseable {
    /** The default number of slots of one run processed at once: 4. */
    public static final int DEFAULT_SLOT_CONCURRENCY = 4;
    /** The default re-read before each board account's watermark: 1 hour. */
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(1);
    /** The default reach of the first read of a board account: 3 days. */
    public static final Duration DEFAULT_INITIAL_LOOKBACK = Duration.ofDays(3);
    /** The default timeout of each account in a login check: 60 s. */
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(60);
    /** The default heartbeat interval of a running run: 30 s. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    /** The default time without a heartbeat after which a run counts as dead: 5 minutes. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);

    /** The default run deadline: 2 hours. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofHours(2);

    private static final System.Logger LOG = System.getLogger(SyncEngine.class.getName());

    private final RenkeiStore store;
    private final ConnectorRegistry connectors;
    private final HttpExecutor http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ResultMails mails;
    private final Runnable mailDispatcher;
    private final SyncListener listener;
    private final CheckpointHook checkpoints;
    private final int slotConcurrency;
    private final Duration overlap;
    private final Duration initialLookback;
    private final Duration loginTimeout;
    private final Duration heartbeatInterval;
    private final Duration staleAfter;
    private final Duration runTimeout;
    private final String owner;
    private final Map<String, Map<String, String>> mediaSettings;
    private final ExecutorService workers;
    private final boolean ownsWorkers;
    private final ScheduledExecutorService heartbeats;
    private final Map<String, ReentrantLock> robotLocks = new ConcurrentHashMap<>();

    private SyncEngine(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.connectors = Objects.requireNonNull(b.connectors, "connectors");
        this.http = b.http != null ? b.http : HttpExecutor.builder().clock(b.clock).build();
        this.clock = b.clock;
        this.sleeper = b.sleeper != null ? b.sleeper : http.sleeper();
        this.mails = b.mails;
        this.mailDispatcher = b.mailDispatcher;
        this.listener = new SafeListener(b.listener);
        this.checkpoints = b.checkpoints;
        this.slotConcurrency = b.slotConcurrency;
        this.overlap = b.overlap;
        this.initialLookback = b.initialLookback;
        this.loginTimeout = b.loginTimeout;
        this.heartbeatInterval = b.heartbeatInterval;
        this.staleAfter = b.staleAfter;
        this.runTimeout = b.runTimeout;
        this.owner = b.owner != null ? b.owner : "renkei-" + UUID.randomUUID().toString().substring(0, 8);
        this.mediaSettings = Map.copyOf(b.mediaSettings);
        this.ownsWorkers = b.executor == null;
        this.workers = b.executor != null ? b.executor
                : Executors.newCachedThreadPool(DaemonThreads.named("renkei-sync"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("renkei-heartbeat"));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The id this engine records as the owner of the runs it executes. */
    public String owner() {
        return owner;
    }

    /**
     * Runs a robot now ("run now"): claims a manual run at the store's current time and executes it.
     *
     * @return the finished run (status SUCCEEDED, FAILED or SKIPPED)
     * @throws NotFoundException when the robot does not exist in the tenant
     */
    public SyncRun runNow(TenantId tenant, RobotId robot) {
        requireRobot(tenant, robot);
        Instant at = store.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 1000; i++) {
            SyncRun run = SyncRun.queued(tenant, robot, RunTrigger.MANUAL, at.plusMillis(i));
            if (store.runs().claim(run)) {
                return execute(run);
            }
        }
        throw new RenkeiException(ErrorCode.INTERNAL, "could not claim a manual run for robot " + robot);
    }

    /**
     * Executes a claimed run (queued, or running and taken over from a dead instance) for the scheduler. Runs
     * of one robot are serialised within this engine; across instances the scheduler's claims keep them apart.
     *
     * @return the finished run
     */
    SyncRun execute(SyncRun claimed) {
        ReentrantLock lock = robotLocks.computeIfAbsent(Keys.of(claimed.tenant().value(),
                claimed.robot().value()), k -> new ReentrantLock());
        lock.lock();
        try {
            return executeLocked(claimed);
        } finally {
            lock.unlock();
        }
    }

    private SyncRun executeLocked(SyncRun claimed) {
        RenkeiStore.RunStart started;
        try {
            started = store.startRun(claimed, owner);
        } catch (dev.renkei.core.ConflictException e) {
            // finished meanwhile, or another instance holds it: that execution writes the result
            LOG.log(System.Logger.Level.INFO, "run " + claimed.id() + " is not executed here: " + e.getMessage());
            return store.runs().find(claimed.id()).orElse(claimed);
        }
        String execution = started.execution();
        SyncRun run = started.run();
        Robot robot = started.robot().orElse(null);
        listener.runStarted(run);
        if (robot == null) {
            SyncError e = new SyncError(ErrorCode.CONFIGURATION_INVALID, "robot " + claimed.robot(), null,
                    "robot " + claimed.robot() + " no longer exists", null);
            return finish(null, run, execution, RunStatus.FAILED, new SyncResult(List.of(), List.of(e)));
        }
        if (!robot.linkageEnabled()) {
            return finish(robot, run, execution, RunStatus.SKIPPED, SyncResult.empty());
        }
        Lease lease = new Lease(store, clock, staleAfter, run, execution);
        ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(lease::beat,
                heartbeatInterval.toMillis(), heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        SyncResult result;
        try {
            result = process(robot, run, lease);
        } finally {
            // the finish is fenced by the execution token itself; no heartbeat races it
            beat.cancel(false);
        }
        if (lease.fenced()) {
            LOG.log(System.Logger.Level.WARNING, "run " + run.id() + " was taken over by another execution; "
                    + "this one stopped and writes no result");
            return store.runs().find(run.id()).orElse(run);
        }
        return finish(robot, run, execution, result.ok() ? RunStatus.SUCCEEDED : RunStatus.FAILED, result);
    }

    private SyncResult process(Robot robot, SyncRun run, Lease lease) {
        AtsConnector ats;
        try {
            ats = createAts(robot.ats());
            ats.checkLogin();
        } catch (RuntimeException e) {
            SyncError error = SlotWorker.toError(e, SyncError.ATS, null);
            return new SyncResult(List.of(), List.of(error));
        }
        RunContext ctx = new RunContext(store, robot, run, lease.execution(), ats, listener, checkpoints, clock,
                overlap, initialLookback, staleAfter);
        lease.attach(ctx);
        return new SlotRunner(workers, slotConcurrency, runTimeout).run(ctx, robot.activeSlots(), this::createMedia);
    }

    private SyncRun finish(Robot robot, SyncRun run, String execution, RunStatus status, SyncResult result) {
        // microseconds: what a database keeps, so the run returned below is the run stored
        SyncRun finished = run.finished(status, store.now().truncatedTo(ChronoUnit.MICROS), result);
        checkpoints.reached(Checkpoint.BEFORE_FINISH, run.id().value());
        List<OutboxMail> outbox = robot == null || status == RunStatus.SKIPPED ? List.of()
                : mails.compose(robot, finished);
        boolean mine = store.runs().finish(finished, outbox, execution);
        if (!mine) {
            SyncRun stored = store.runs().find(run.id()).orElse(finished);
            LOG.log(System.Logger.Level.WARNING, "run " + run.id() + " is held by another execution; the result "
                    + "of this one is discarded and no mail is written");
            return stored;
        }
        // the finish wrote every field of the run as it is here: no read-back
        SyncRun stored = finished;
        listener.runFinished(stored);
        checkpoints.reached(Checkpoint.BEFORE_MAIL_SEND, run.id().value());
        if (!outbox.isEmpty() && mailDispatcher != null) {
            try {
                mailDispatcher.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "sending the mails of run " + run.id()
                        + " failed; they stay in the outbox for the next attempt", e);
            }
        }
        return stored;
    }

    /**
     * Checks the robot's ATS account and every active slot concurrently, each with the login timeout, and stores
     * each slot's verdict. A robot with linkage off is not checked (the list is empty).
     *
     * @return one verdict per account: the ATS first ({@code account} = {@code ATS}), then the slots in order
     */
    public List<LoginVerdict> checkLogins(TenantId tenant, RobotId robotId) {
        Robot robot = requireRobot(tenant, robotId);
        if (!robot.linkageEnabled()) {
            return List.of();
        }
        List<CompletableFuture<LoginVerdict>> checks = new ArrayList<>();
        checks.add(timed(SyncError.ATS, () -> createAts(robot.ats()).checkLogin()));
        for (AccountSlot slot : robot.activeSlots()) {
            checks.add(timed(slot.id().value(), () -> {
                MediaConnector connector = createMedia(slot.medium());
                connector.login(slot.credentials()).close();
            }));
        }
        List<LoginVerdict> verdicts = checks.stream().map(CompletableFuture::join).toList();
        List<AccountSlot> slots = robot.activeSlots();
        for (int i = 0; i < slots.size(); i++) {
            store.robots().saveVerdict(tenant, robotId, slots.get(i).id(), verdicts.get(i + 1));
        }
        return verdicts;
    }

    private CompletableFuture<LoginVerdict> timed(String account, Runnable check) {
        return CompletableFuture.supplyAsync(() -> {
            check.run();
            return LoginVerdict.ok(account, clock.instant());
        }, workers).orTimeout(loginTimeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(t -> {
            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            if (cause instanceof TimeoutException) {
                return LoginVerdict.failed(account, ErrorCode.TIMEOUT, account + ": login did not finish within "
                        + loginTimeout, clock.instant());
            }
            SyncError e = SlotWorker.toError(cause, account, null);
            return LoginVerdict.failed(account, e.code(), e.message(), clock.instant());
        });
    }

    private AtsConnector createAts(AtsAccount account) {
        AtsConnectorProvider provider = connectors.ats(account.connectorId()).orElseThrow(() ->
                new ConnectorException(ErrorCode.CONFIGURATION_INVALID, "no ATS connector '" + account.connectorId()
                        + "' is registered"));
        // the account's credentials travel typed, never as magic secret names
        return provider.create(context(account.settings(), Map.of()).withCredentials(account.credentials()));
    }

    private MediaConnector createMedia(String medium) {
        MediaConnectorProvider provider = connectors.media(medium).orElseThrow(() ->
                new ConnectorException(ErrorCode.CONFIGURATION_INVALID, "no media connector '" + medium
                        + "' is registered"));
        return provider.create(context(mediaSettings.getOrDefault(medium, Map.of()), Map.of()));
    }

    private ConnectorContext context(Map<String, String> config, Map<String, Secret> secrets) {
        return new ConnectorContext(http, clock, sleeper, config, secrets, System.getLogger("dev.renkei.connector"));
    }

    private Robot requireRobot(TenantId tenant, RobotId robot) {
        return store.robots().find(tenant, robot).orElseThrow(() ->
                new NotFoundException("robot " + robot + " not found in tenant " + tenant));
    }

    /** Stops the engine's own threads (not a host-supplied executor). Running runs are not interrupted. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        if (ownsWorkers) {
            workers.shutdown();
        }
    }

    /** Builds a {@link SyncEngine}. */
    public static final class Builder {
        private RenkeiStore store;
        private ConnectorRegistry connectors;
        private HttpExecutor http;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper;
        private ResultMails mails = ResultMails.NONE;
        private Runnable mailDispatcher;
        private SyncListener listener = SyncListener.NONE;
        private CheckpointHook checkpoints = CheckpointHook.NONE;
        private int slotConcurrency = DEFAULT_SLOT_CONCURRENCY;
        private Duration overlap = DEFAULT_OVERLAP;
        private Duration initialLookback = DEFAULT_INITIAL_LOOKBACK;
        private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration staleAfter = DEFAULT_STALE_AFTER;
        private Duration runTimeout = DEFAULT_RUN_TIMEOUT;
        private String owner;
        private final Map<String, Map<String, String>> mediaSettings = new HashMap<>();
        private ExecutorService executor;

        private Builder() {}

        /** The store (required). */
        public Builder store(RenkeiStore s) {
            this.store = s;
            return this;
        }

        /** The connector providers (required). */
        public Builder connectors(ConnectorRegistry r) {
            this.connectors = r;
            return this;
        }

        /** The shared HTTP executor handed to connectors (default: one with this builder's clock). */
        public Builder http(HttpExecutor h) {
            this.http = h;
            return this;
        }

        /** The clock (default UTC system clock). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** The sleeper handed to connectors (default: the HTTP executor's). */
        public Builder sleeper(Sleeper s) {
            this.sleeper = s;
            return this;
        }

        /** Composes the result mails written with each run (default: none). */
        public Builder mails(ResultMails m) {
            this.mails = Objects.requireNonNull(m);
            return this;
        }

        /**
         * Called after a run and its mails are committed to send due mails, e.g. {@code relay::sendDue}. Its
         * failures are logged; the mails stay in the outbox.
         */
        public Builder mailDispatcher(Runnable d) {
            this.mailDispatcher = d;
            return this;
        }

        /** Progress listener. */
        public Builder listener(SyncListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /** Fault-injection hook for tests. */
        Builder checkpoints(CheckpointHook h) {
            this.checkpoints = Objects.requireNonNull(h);
            return this;
        }

        /** How many slots of one run are processed at once (default 4). */
        public Builder slotConcurrency(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("slotConcurrency must be at least 1, got " + n);
            }
            this.slotConcurrency = n;
            return this;
        }

        /** How far before the watermark each read starts (default 1 h). */
        public Builder overlap(Duration d) {
            this.overlap = Checks.nonNegative(d, "overlap");
            return this;
        }

        /** How far back the first read of a board account goes (default 3 days). */
        public Builder initialLookback(Duration d) {
            this.initialLookback = Checks.nonNegative(d, "initialLookback");
            return this;
        }

        /** Timeout of each account in a login check (default 60 s). */
        public Builder loginTimeout(Duration d) {
            this.loginTimeout = Checks.positive(d, "loginTimeout");
            return this;
        }

        /** How often a running run heartbeats (default 30 s). */
        public Builder heartbeatInterval(Duration d) {
            this.heartbeatInterval = Checks.positive(d, "heartbeatInterval");
            return this;
        }

        /**
         * After how long without a heartbeat a run counts as dead, so the ledger keys it left reserved are
         * reconciled with the ATS and taken over (default 5 min). Must be well above the heartbeat interval.
         */
        public Builder staleAfter(Duration d) {
            this.staleAfter = Checks.nonNegative(d, "staleAfter");
            return this;
        }

        /**
         * The run deadline (default {@link #DEFAULT_RUN_TIMEOUT}): a run whose slots are still working then is
         * stopped — its slots are cancelled and get a {@code TIMEOUT} error (no action needed) — and finished with
         * what it did, so a connector that hangs never blocks its robot for ever. What a stopped slot did not
         * import is picked up by the next run (its watermark stays).
         */
        public Builder runTimeout(Duration d) {
            this.runTimeout = Checks.positive(d, "runTimeout");
            return this;
        }

        /** The owner id recorded on runs (default: random per engine). */
        public Builder owner(String o) {
            this.owner = o;
            return this;
        }

        /** Settings for a medium's connector (e.g. {@code baseUrl}). */
        public Builder mediaSettings(String medium, Map<String, String> settings) {
            this.mediaSettings.put(medium, Map.copyOf(settings));
            return this;
        }

        /** The executor slots and login checks run on (default: the engine's own daemon threads). */
        public Builder executor(ExecutorService e) {
            this.executor = e;
            return this;
        }

        /** Builds the engine. */
        public SyncEngine build() {
            return new SyncEngine(this);
        }


    }
}
