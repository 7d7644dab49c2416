package dev.renkei.core.store;

import dev.renkei.core.StoreException;
import dev.renkei.core.ValidationException;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.RunId;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.model.Secret;
import dev.renkei.core.store.internal.Dialect;
import dev.renkei.core.store.internal.DriverManagerDataSource;
import dev.renkei.core.store.internal.Jdbc;
import dev.renkei.core.store.internal.JdbcContext;
import dev.renkei.core.store.internal.JdbcLedger;
import dev.renkei.core.store.internal.JdbcMeetings;
import dev.renkei.core.store.internal.JdbcMyPage;
import dev.renkei.core.store.internal.JdbcOutbox;
import dev.renkei.core.store.internal.JdbcRobots;
import dev.renkei.core.store.internal.JdbcRunStart;
import dev.renkei.core.store.internal.JdbcRuns;
import dev.renkei.core.store.internal.JdbcSchedules;
import dev.renkei.core.store.internal.JdbcWatermarks;
import dev.renkei.core.store.internal.Migrator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The store on a relational database through JDBC: H2 2.x (the embedded default) or PostgreSQL. Passes the same
 * contract suite as {@link InMemoryStore}.
 *
 * <pre>{@code
 * JdbcStore store = JdbcStore.builder()
 *         .dataSource(hostPool)                          // the host's pooled DataSource
 *         .cipher(SecretCipher.of("k1", keyFromVault))   // seals every credential at rest
 *         .build();
 * store.migrate();                                       // opt-in; or run the scripts with Flyway/Liquibase
 * }</pre>
 *
 * <p><b>Schema.</b> Versioned SQL scripts ship in the jar under {@code dev/renkei/core/store/migration/}, named the
 * Flyway way ({@code V1__robots_runs_ledger_outbox.sql}; a script under {@code migration/h2/} or
 * {@code migration/postgresql/} replaces the common one for that database). {@link #migrate()} applies the missing
 * ones and records them in {@code renkei_schema_version}; it is idempotent and safe when several instances call it
 * at once. Hosts that manage their schema with Flyway or Liquibase may instead copy the scripts into their own
 * migrations and never call {@link #migrate()}. All tables are prefixed {@code renkei_}.
 *
 * <p><b>Secrets.</b> Slot credentials and the ATS account's credentials are stored only as a whole JSON document
 * sealed by the {@link SecretCipher} (AES-GCM), bound to the tenant, robot and slot it belongs to; no secret sits in
 * a plain column. Reading a value sealed under a key id the cipher lacks fails with a {@link StoreException} that
 * names the record and the key id.
 *
 * <p><b>Time.</b> Instants are stored as {@code TIMESTAMP WITH TIME ZONE} in UTC with microsecond precision;
 * heartbeats, ledger changes and {@link #now()} use the database's clock.
 *
 * <p><b>Connections.</b> Each call borrows one connection from the data source and returns it before returning,
 * and never borrows a second one while it holds the first, so everything works on a pool of a single connection;
 * the connection's autocommit flag is restored. Every statement has a timeout ({@link Builder#queryTimeout}). Use a pooled data source in production; {@link Builder#url} opens a
 * new connection per call and suits demos, tests and an embedded H2 file.
 */
public final class JdbcStore extends Repositories {
    private final DataSource dataSource;
    private final Jdbc jdbc;
    private final Dialect dialect;
    private final JdbcContext context;
    private final JdbcRunStart runStart;

    /** The default timeout of each SQL statement (30 s). */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Jdbc.DEFAULT_QUERY_TIMEOUT;

    private JdbcStore(DataSource dataSource, JdbcContext context) {
        super(repositories(context));
        this.dataSource = dataSource;
        this.jdbc = context.jdbc();
        this.dialect = context.dialect();
        this.context = context;
        this.runStart = new JdbcRunStart(context, (JdbcRuns) runs(), (JdbcRobots) robots());
    }

    private static JdbcStore open(DataSource dataSource, SecretCipher cipher, Clock clockOverride,
                                  Duration queryTimeout) {
        Jdbc jdbc = new Jdbc(dataSource, queryTimeout);
        Dialect dialect = jdbc.autoCommit("detect the database", Dialect::detect);
        return new JdbcStore(dataSource, new JdbcContext(jdbc, dialect, cipher, clockOverride));
    }

    /** Every repository on one JDBC context. */
    private static Set repositories(JdbcContext context) {
        JdbcOutbox outbox = new JdbcOutbox(context);
        return new Set(new JdbcRobots(context), new JdbcRuns(context, outbox), new JdbcLedger(context),
                new JdbcWatermarks(context), outbox, new JdbcSchedules(context), new JdbcMeetings(context),
                new JdbcMyPage(context, outbox));
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates or upgrades the Renkei tables: applies every shipped migration not yet recorded in
     * {@code renkei_schema_version}. Idempotent; concurrent calls from several instances are serialised (an advisory
     * lock on PostgreSQL, the version table's primary key as a backstop).
     *
     * @return the versions applied by this call; empty when the schema was already current
     * @throws StoreException when a script fails or an applied script was changed
     */
    public List<Integer> migrate() {
        return new Migrator(jdbc, dialect).migrate();
    }

    /** The database this store talks to: {@code H2} or {@code POSTGRESQL}. */
    public String databaseKind() {
        return dialect.name();
    }

    /** One statement instead of two: the fence before every ATS call is on the import path of every application. */
    @Override
    public boolean holdsReservation(RunId run, String execution, LedgerKey key) {
        return ((JdbcLedger) ledger()).holds(run, execution, key);
    }

    /** One statement on PostgreSQL; on H2 the interface's reserve, fence and (if lost) release. */
    @Override
    public Reservation reserveHolding(LedgerKey key, RunId run, String execution) {
        return dialect == Dialect.POSTGRESQL ? ((JdbcLedger) ledger()).reserveHolding(key, run, execution)
                : super.reserveHolding(key, run, execution);
    }

    /** One statement on PostgreSQL (the run's start, its robot and slots); on H2 the interface's two. */
    @Override
    public RunStart startRun(SyncRun claimed, String owner) {
        return dialect == Dialect.POSTGRESQL ? runStart.start(claimed, owner) : super.startRun(claimed, owner);
    }

    /** One statement on PostgreSQL (the verdict's update, the watermark's read); on H2 the interface's two. */
    @Override
    public Optional<Instant> recordLogin(TenantId tenant, RobotId robot, SlotId slot, LoginVerdict verdict,
                                         WatermarkKey account) {
        return dialect == Dialect.POSTGRESQL ? ((JdbcRobots) robots()).recordLogin(tenant, robot, slot, verdict,
                account) : super.recordLogin(tenant, robot, slot, verdict, account);
    }

    /**
     * The database clock ({@code SELECT CURRENT_TIMESTAMP}), or the clock given to {@link Builder#clock}. Run claims,
     * heartbeats and takeovers are stamped with it.
     */
    @Override
    public Instant now() {
        return context.now();
    }

    @Override
    public String toString() {
        return "JdbcStore[" + dialect + ", " + dataSource.getClass().getSimpleName() + "]";
    }

    /** Builds a {@link JdbcStore}. */
    public static final class Builder {
        private DataSource dataSource;
        private SecretCipher cipher;
        private Clock clock;
        private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;

        private Builder() {}

        /**
         * The timeout of every SQL statement (default {@link #DEFAULT_QUERY_TIMEOUT}), so a lock wait or a database
         * that stopped answering fails the call with a {@link StoreException} instead of hanging it. Whole seconds
         * (JDBC's unit), at least 1 s.
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = dev.renkei.core.support.Checks.positive(timeout, "queryTimeout");
            if (timeout.toMillis() < 1000) {
                throw new IllegalArgumentException("queryTimeout must be at least 1 s (JDBC counts whole seconds), got "
                        + timeout);
            }
            return this;
        }

        /**
         * Replaces the database clock as the store's time source. For tests and simulations that move time by
         * hand (e.g. many schedule windows in seconds); in production leave it unset, so every instance shares the
         * database's clock and instance clock skew cannot matter.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The database, ideally the host's connection pool. Required (or {@link #url}). */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * A database by JDBC URL, through {@link java.sql.DriverManager}: a new connection per call, no pool. For
         * demos, tests and an embedded H2 file ({@code jdbc:h2:file:./renkei;WRITE_DELAY=0}: without
         * {@code WRITE_DELAY=0} H2 may lose its last commits when the process is killed); hosts should pass their
         * pooled data source to {@link #dataSource} instead. The JDBC driver must be on the class path.
         *
         * @param user user name, or {@code null}
         * @param password password, or {@code null}
         */
        public Builder url(String jdbcUrl, String user, Secret password) {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
                throw new IllegalArgumentException("JDBC URL must start with 'jdbc:'");
            }
            this.dataSource = new DriverManagerDataSource(jdbcUrl, user, password);
            return this;
        }

        /** The cipher that seals every stored credential. Required. */
        public Builder cipher(SecretCipher cipher) {
            this.cipher = Objects.requireNonNull(cipher, "cipher");
            return this;
        }

        /**
         * Builds the store; opens one connection to detect the database (H2 or PostgreSQL).
         *
         * @throws ValidationException when the data source or the cipher is missing
         * @throws StoreException when the database cannot be reached or is neither H2 nor PostgreSQL
         */
        public JdbcStore build() {
            if (dataSource == null) {
                throw new IllegalStateException("JdbcStore needs a data source (dataSource(...) or url(...))");
            }
            if (cipher == null) {
                throw new IllegalStateException("JdbcStore needs a SecretCipher to seal stored credentials");
            }
            return open(dataSource, cipher, clock, queryTimeout);
        }
    }
}
