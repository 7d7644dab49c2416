package dev.renkei.core.mypage;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.internal.BatchRun;
import dev.renkei.core.mypage.internal.MyPageMails;
import dev.renkei.core.mypage.internal.Passwords;
import dev.renkei.core.mypage.internal.Registrations;
import dev.renkei.core.mypage.internal.ResultMail;
import dev.renkei.core.mypage.internal.SetupTokens;
import dev.renkei.core.mypage.internal.WriteBacks;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ConnectorKind;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.store.MyPageStore;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.store.RenkeiStore;
import dev.renkei.core.support.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The MyPage job-seeker sync ({@code renkei.mypage()}): per-tenant settings, the batch (scheduled at the tenant's
 * batch time, or {@link #runNow}), and the setup-link calls a host's web page makes ({@link #status},
 * {@link #redeem}, {@link #resend}).
 *
 * <pre>{@code
 * MyPageService mypage = renkei.mypage();
 * mypage.saveSettings(tenant, MyPageSettings.builder()
 *         .source("porters", Map.of("partition", "123"), Credentials.of(appId, appSecret))
 *         .batchTime(LocalTime.of(6, 0), ZoneId.of("Asia/Tokyo"))
 *         .writeBack(new StatusTarget(Resource.PERSON, "Person.U_MyPage", "Option.U_Registered", true))
 *         .setupPage("https://example.com/mypage/setup?token=", "mypage@example.com").build());
 * // on the host's setup page:
 * LinkStatus s = mypage.status(token);                  // VALID, EXPIRED (offer resend), ALREADY_USED, INVALID
 * RedeemResult r = mypage.redeem(token, password);      // REGISTERED → completion mail + write-back
 * }</pre>
 *
 * <p><b>One batch per window.</b> A scheduled window is claimed once per tenant under a unique key in the store,
 * whichever instances tick; a batch whose heartbeat stopped for {@link Builder#deadAfter} is taken over, and every
 * write of the old execution is refused from then on. Re-running a batch creates no second account and sends no
 * mail beyond the policy: accounts are keyed by e-mail, people by person id, and each mail has a deterministic id.
 *
 * <p>Thread-safe. The per-job-seeker, registration and resend logic is in {@code internal}; this file is over the
 * 400-line guideline because its builder documents each setting and the batch orchestration and the setup-link
 * calls share one connector cache.
 */
public final class MyPageService implements AutoCloseable {
    /** OWASP's current PBKDF2-HMAC-SHA256 iteration count: 600,000. */
    public static final int DEFAULT_PASSWORD_ITERATIONS = 600_000;
    /** The least iteration count {@link Builder#passwordIterations} accepts (for fast tests only). */
    public static final int MIN_PASSWORD_ITERATIONS = 10_000;
    /** The default heartbeat of running batches: 30 s. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    /** The default dead-batch limit: 5 min without a heartbeat. */
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofMinutes(5);
    /** How late a scheduled window may still start by default: 2 h. */
    public static final Duration DEFAULT_CATCH_UP = Duration.ofHours(2);
    /** The least time between two links mailed to one address on {@link #resend}: 10 min. */
    public static final Duration DEFAULT_RESEND_COOLDOWN = Duration.ofMinutes(10);
    /** Shortest and longest password {@link #redeem} accepts. */
    public static final int MIN_PASSWORD_LENGTH = 8;
    /** Longest password {@link #redeem} accepts. */
    public static final int MAX_PASSWORD_LENGTH = 128;

    private static final System.Logger LOG = System.getLogger(MyPageService.class.getName());

    private final RenkeiStore renkeiStore;
    private final MyPageStore store;
    private final MyPageAccounts accounts;
    private final ConnectorRegistry connectors;
    private final HttpExecutor http;
    private final Clock clock;
    private final Passwords passwords;
    private final String owner;
    private final Duration heartbeat;
    private final Duration deadAfter;
    private final Duration catchUp;
    private final Duration resendCooldown;
    private final Duration tickInterval;
    private final Map<TenantId, Cached> cache = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    private record Cached(MyPageSettings settings, JobSeekerConnector connector) {}

    private MyPageService(Builder b) {
        this.renkeiStore = Objects.requireNonNull(b.store, "store");
        this.store = renkeiStore.myPage();
        this.accounts = b.accounts != null ? b.accounts : store.accounts();
        this.connectors = Objects.requireNonNull(b.connectors, "connectors");
        this.clock = b.clock;
        this.http = b.http != null ? b.http : HttpExecutor.builder().clock(clock).build();
        this.passwords = new Passwords(b.passwordIterations);
        this.owner = b.owner != null ? b.owner : "mypage-" + UUID.randomUUID();
        this.heartbeat = b.heartbeat;
        this.deadAfter = b.deadAfter;
        this.catchUp = b.catchUp;
        this.resendCooldown = b.resendCooldown;
        this.tickInterval = b.tickInterval;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- settings ------------------------------------------------------------------------------------

    /**
     * Stores a tenant's settings after checking them: the connector exists and its templates compile.
     *
     * @throws IllegalArgumentException when the connector is unknown or a template does not compile
     */
    public void saveSettings(TenantId tenant, MyPageSettings settings) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(settings, "settings");
        if (connectors.find(ConnectorKind.JOB_SEEKER, settings.connectorId()).isEmpty()) {
            throw new IllegalArgumentException("no job-seeker connector '" + settings.connectorId() + "' is registered");
        }
        MyPageMails.validate(settings.templates());
        store.saveSettings(tenant, settings);
        cache.remove(tenant);
    }

    /** A tenant's settings. */
    public Optional<MyPageSettings> settings(TenantId tenant) {
        return store.settings(Objects.requireNonNull(tenant, "tenant"));
    }

    /** Whether the host's pages show the sign-up button for this tenant (true when no settings exist). */
    public boolean signUpVisible(TenantId tenant) {
        return settings(tenant).map(MyPageSettings::signUpVisible).orElse(true);
    }

    private MyPageSettings require(TenantId tenant) {
        return settings(tenant).orElseThrow(() -> new NotFoundException("tenant " + tenant
                + " has no MyPage settings"));
    }

    private JobSeekerConnector connector(TenantId tenant, MyPageSettings s) {
        Cached c = cache.get(tenant);
        if (c != null && c.settings.equals(s)) {
            return c.connector;
        }
        var provider = connectors.find(ConnectorKind.JOB_SEEKER, s.connectorId()).orElseThrow(() ->
                new IllegalStateException("no job-seeker connector '" + s.connectorId() + "' is registered"));
        ConnectorContext ctx = new ConnectorContext(http, clock, http.sleeper(), s.connectorSettings(), Map.of(),
                System.getLogger("dev.renkei.connector." + s.connectorId()), s.credentials(), null);
        JobSeekerConnector created = provider.create(ctx);
        cache.put(tenant, new Cached(s, created));
        return created;
    }

    // ---- batches -------------------------------------------------------------------------------------

    /**
     * Runs a batch for the tenant now and waits for it.
     *
     * @return the finished batch
     * @throws NotFoundException when the tenant has no settings
     */
    public MyPageRun runNow(TenantId tenant) {
        require(tenant);
        Instant now = renkeiStore.now();
        MyPageRun queued = queued(tenant, RunTrigger.MANUAL, now);
        // an on-demand run takes the first free microsecond from now, so two runs at one instant both get a key
        for (int i = 1; !store.claimBatch(queued); i++) {
            if (i == 1_000) {
                throw new IllegalStateException("could not claim an on-demand MyPage batch of " + tenant);
            }
            queued = queued(tenant, RunTrigger.MANUAL, now.plusNanos(1_000L * i));
        }
        Optional<String> execution = store.startBatch(queued.id(), owner);
        if (execution.isEmpty()) {
            throw new IllegalStateException("MyPage batch " + queued.id() + " was taken by another instance");
        }
        execute(queued, execution.get());
        return store.batch(queued.id()).orElseThrow();
    }

    /** A tenant's latest batches, newest first. */
    public List<MyPageRun> batches(TenantId tenant, int limit) {
        return store.batches(tenant, limit);
    }

    private static MyPageRun queued(TenantId tenant, RunTrigger trigger, Instant window) {
        return new MyPageRun("mp-" + UUID.randomUUID(), tenant, trigger, window, RunStatus.QUEUED, null, null, null,
                null);
    }

    /**
     * One scheduler pass, as {@link #start()} runs it every tick: claims each tenant's due window (of several
     * instances one wins), runs the claimed batches, and takes over batches whose heartbeat stopped.
     *
     * @return the batches this call ran
     */
    public List<MyPageRun> tick() {
        List<MyPageRun> ran = new ArrayList<>();
        Instant now = renkeiStore.now();
        for (TenantId tenant : store.tenants()) {
            MyPageSettings s = store.settings(tenant).orElse(null);
            if (s == null || s.batchTime() == null) {
                continue;
            }
            ZonedDateTime today = now.atZone(s.zone()).with(s.batchTime());
            Instant window = (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toInstant();
            if (now.isAfter(window.plus(catchUp))) {
                continue;
            }
            MyPageRun q = queued(tenant, RunTrigger.SCHEDULED, window);
            if (store.claimBatch(q)) {
                store.startBatch(q.id(), owner).ifPresent(ex -> {
                    execute(q, ex);
                    store.batch(q.id()).ifPresent(ran::add);
                });
            }
        }
        for (MyPageRun stale : store.staleBatches(now.minus(deadAfter))) {
            store.takeOver(stale.id(), owner, now.minus(deadAfter)).ifPresent(ex -> {
                LOG.log(System.Logger.Level.INFO, "taking over MyPage batch {0} of {1}", stale.id(), stale.tenant());
                execute(stale, ex);
                store.batch(stale.id()).ifPresent(ran::add);
            });
        }
        return ran;
    }

    private void execute(MyPageRun batch, String execution) {
        TenantId tenant = batch.tenant();
        Instant started = renkeiStore.now();
        MyPageSettings s = store.settings(tenant).orElse(null);
        MyPageStore.Fence fence = new MyPageStore.Fence(batch.id(), execution);
        if (s == null) {
            store.finishBatch(finished(batch, started, RunStatus.FAILED, MyPageRun.Counts.ZERO, List.of(new SyncError(
                    ErrorCode.CONFIGURATION_INVALID, "MyPage", null, "the MyPage settings were removed", null))),
                    List.of(), execution);
            return;
        }
        BatchRun run = new BatchRun(store, accounts, tenant, s, fence, clock, heartbeat);
        boolean complete;
        WriteBacks.Outcome wb = new WriteBacks.Outcome(0, 0);
        try {
            JobSeekerConnector connector = connector(tenant, s);
            complete = run.syncJobSeekers(connector);
            if (complete) {
                wb = retryWriteBacks(tenant, connector);
            }
        } catch (BatchRun.Lost lost) {
            LOG.log(System.Logger.Level.WARNING, "MyPage batch {0} was taken over; this execution stops", batch.id());
            return;
        } catch (ConnectorException e) {
            run.error(new SyncError(e.code(), run.where(), null, e.getMessage(), e.detail()));
            complete = false;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "MyPage batch " + batch.id() + " failed", e);
            run.error(new SyncError(ErrorCode.INTERNAL, "MyPage", null, "the batch failed: "
                    + e.getClass().getSimpleName(), null));
            complete = false;
        }
        MyPageRun done = finished(batch, started, complete ? RunStatus.SUCCEEDED : RunStatus.FAILED,
                run.counts(wb.ok(), wb.failed()), run.errors());
        List<OutboxMail> mails = ResultMail.of(s, done, renkeiStore.now()).map(List::of).orElse(List.of());
        if (!store.finishBatch(done, mails, execution)) {
            LOG.log(System.Logger.Level.WARNING, "MyPage batch {0} was taken over; its result is the new holder's",
                    batch.id());
        }
    }

    private static MyPageRun finished(MyPageRun b, Instant started, RunStatus status, MyPageRun.Counts counts,
                                      List<SyncError> errors) {
        return new MyPageRun(b.id(), b.tenant(), b.trigger(), b.windowStart(), status, started, null, counts, errors);
    }

    // ---- write-backs ---------------------------------------------------------------------------------

    /** A tenant's write-backs that are pending or failed (連携エラー), oldest first. */
    public List<WriteBackRecord> failedWriteBacks(TenantId tenant) {
        return store.writeBacks(tenant, List.of(WriteBackRecord.Status.PENDING, WriteBackRecord.Status.FAILED));
    }

    /**
     * Retries every pending or failed write-back of the tenant now (連携リトライ); the batch does this too.
     *
     * @return how many succeeded and failed
     */
    public WriteBackCounts retryWriteBacks(TenantId tenant) {
        WriteBacks.Outcome o = retryWriteBacks(tenant, connector(tenant, require(tenant)));
        return new WriteBackCounts(o.ok(), o.failed());
    }

    private WriteBacks.Outcome retryWriteBacks(TenantId tenant, JobSeekerConnector connector) {
        return WriteBacks.attempt(store, connector, failedWriteBacks(tenant));
    }

    /** Gives up a pending or failed write-back (削除). @return true when discarded now */
    public boolean discardWriteBack(TenantId tenant, String writeBackId) {
        return store.discard(tenant, writeBackId);
    }

    /**
     * The outcome of {@link #retryWriteBacks(TenantId)}.
     *
     * @param ok written
     * @param failed still failing (kept)
     */
    public record WriteBackCounts(int ok, int failed) {}

    // ---- setup-link calls ------------------------------------------------------------------------------

    /** What a setup link is worth; reveals nothing about the account. */
    public LinkStatus status(String token) {
        Optional<MyPageStore.SetupToken> t = find(token);
        if (t.isEmpty()) {
            return LinkStatus.INVALID;
        }
        if (spent(t.get())) {
            return LinkStatus.ALREADY_USED;
        }
        if (t.get().superseded()) {
            return LinkStatus.EXPIRED; // replaced by a newer link: the page offers a resend
        }
        return renkeiStore.now().isBefore(t.get().expiresAt()) ? LinkStatus.VALID : LinkStatus.EXPIRED;
    }

    /** Used, or retired because the account completed (a link replaced by a newer one is only expired). */
    private boolean spent(MyPageStore.SetupToken t) {
        return t.usedAt() != null || t.superseded() && store.invitation(t.tenant(), t.accountId())
                .map(i -> i.registeredAt() != null).orElse(false);
    }

    private Optional<MyPageStore.SetupToken> find(String token) {
        return SetupTokens.plausible(token) ? store.token(SetupTokens.hash(token)) : Optional.empty();
    }

    /**
     * Sets the password through a setup link. Of concurrent calls with one link exactly one registers; on
     * success the owners get the completion mail and the status is written back (a failed write-back is kept
     * for retry).
     *
     * @param password the new password, {@value #MIN_PASSWORD_LENGTH}..{@value #MAX_PASSWORD_LENGTH} characters
     * @throws IllegalArgumentException when the password is too short or too long (the page checks it first)
     */
    public RedeemResult redeem(String token, char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a MyPage password has " + MIN_PASSWORD_LENGTH + " to "
                    + MAX_PASSWORD_LENGTH + " characters");
        }
        Optional<MyPageStore.SetupToken> found = find(token);
        if (found.isEmpty()) {
            return RedeemResult.INVALID;
        }
        MyPageStore.SetupToken t = found.get();
        String hash = passwords.hash(password);
        Instant now = renkeiStore.now();
        if (!store.consume(t.hash(), now)) {
            MyPageStore.SetupToken again = store.token(t.hash()).orElse(t);
            return spent(again) ? RedeemResult.ALREADY_USED : RedeemResult.EXPIRED;
        }
        if (!accounts.register(t.tenant(), t.accountId(), hash)) {
            return RedeemResult.ALREADY_USED;
        }
        completed(t.tenant(), t.accountId(), now);
        return RedeemResult.REGISTERED;
    }

    private void completed(TenantId tenant, String accountId, Instant now) {
        MyPageSettings s = require(tenant);
        List<WriteBackRecord> writeBacks = Registrations.record(store, s, tenant, accountId, now);
        if (!writeBacks.isEmpty()) {
            try {
                WriteBacks.attempt(store, connector(tenant, s), writeBacks);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "MyPage write-back after registration failed; it is kept for "
                        + "retry: {0}", e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Mails a fresh link for an expired one. The answer is the same whatever the link: unknown, used, live or
     * expired links, and addresses that got a link within {@link Builder#resendCooldown}, change nothing and the
     * call returns normally, so the page cannot tell addresses apart.
     */
    public void resend(String token) {
        Optional<MyPageStore.SetupToken> found = find(token);
        if (found.isEmpty() || found.get().usedAt() != null) {
            return;
        }
        MyPageStore.SetupToken t = found.get();
        settings(t.tenant()).ifPresent(settings ->
                Registrations.resend(store, accounts, settings, t, renkeiStore.now(), resendCooldown));
    }

    // ---- lifecycle -------------------------------------------------------------------------------------

    /** Starts ticking ({@link #tick()}) every {@link Builder#tickInterval}. Idempotent. @return this */
    public synchronized MyPageService start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("renkei-mypage"));
            ticker.scheduleWithFixedDelay(this::safeTick, 0, tickInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a MyPage scheduler tick failed; the next tick retries", e);
        }
    }

    /** Stops ticking. A running batch is left to be taken over by another instance. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Builds a {@link MyPageService}. */
    public static final class Builder {
        private RenkeiStore store;
        private ConnectorRegistry connectors;
        private HttpExecutor http;
        private Clock clock = Clock.systemUTC();
        private MyPageAccounts accounts;
        private int passwordIterations = DEFAULT_PASSWORD_ITERATIONS;
        private String owner;
        private Duration heartbeat = DEFAULT_HEARTBEAT;
        private Duration deadAfter = DEFAULT_DEAD_AFTER;
        private Duration catchUp = DEFAULT_CATCH_UP;
        private Duration resendCooldown = DEFAULT_RESEND_COOLDOWN;
        private Duration tickInterval = Duration.ofSeconds(30);

        private Builder() {}

        /** The store (with MyPage tables: {@code JdbcStore} or {@code InMemoryStore}). Required. */
        public Builder store(RenkeiStore s) {
            this.store = Objects.requireNonNull(s, "store");
            return this;
        }

        /** The connectors (the job-seeker sources). Required. */
        public Builder connectors(ConnectorRegistry r) {
            this.connectors = Objects.requireNonNull(r, "connectors");
            return this;
        }

        /** The HTTP executor connectors share. */
        public Builder http(HttpExecutor h) {
            this.http = Objects.requireNonNull(h, "http");
            return this;
        }

        /** The clock for heartbeats and mail times (lease and expiry decisions use the store's clock). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The host's member table instead of the store's default. */
        public Builder accounts(MyPageAccounts a) {
            this.accounts = Objects.requireNonNull(a, "accounts");
            return this;
        }

        /**
         * PBKDF2 iterations (default {@link #DEFAULT_PASSWORD_ITERATIONS}, OWASP's current count); at least
         * {@link #MIN_PASSWORD_ITERATIONS}. Lower it only in tests.
         */
        public Builder passwordIterations(int n) {
            if (n < MIN_PASSWORD_ITERATIONS) {
                throw new IllegalArgumentException("passwordIterations must be at least " + MIN_PASSWORD_ITERATIONS
                        + ", got " + n);
            }
            this.passwordIterations = n;
            return this;
        }

        /** This instance's id on the batches it runs (default random). */
        public Builder owner(String id) {
            this.owner = Objects.requireNonNull(id, "owner");
            return this;
        }

        /** Heartbeat interval of running batches and the silence after which a batch is taken over. */
        public Builder lease(Duration heartbeatInterval, Duration deadAfterSilence) {
            this.heartbeat = positive(heartbeatInterval, "heartbeat");
            this.deadAfter = positive(deadAfterSilence, "deadAfter");
            if (deadAfter.compareTo(heartbeat) <= 0) {
                throw new IllegalArgumentException("deadAfter must be longer than the heartbeat interval");
            }
            return this;
        }

        /** How late a scheduled window may still start (default {@link #DEFAULT_CATCH_UP}). */
        public Builder catchUp(Duration d) {
            this.catchUp = positive(d, "catchUp");
            return this;
        }

        /** The least time between two links to one address on {@link #resend} (default 10 min). */
        public Builder resendCooldown(Duration d) {
            this.resendCooldown = positive(d, "resendCooldown");
            return this;
        }

        /** How often {@link #start()}ed services tick (default 30 s). */
        public Builder tickInterval(Duration d) {
            this.tickInterval = positive(d, "tickInterval");
            return this;
        }

        /**
         * Builds the service.
         *
         * @throws UnsupportedOperationException when the store has no MyPage tables
         */
        public MyPageService build() {
            return new MyPageService(this);
        }

        private static Duration positive(Duration d, String what) {
            if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
