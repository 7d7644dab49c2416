package dev.renkei.samples.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.mail.OutboxRelay;
import dev.renkei.core.mail.ResultMailComposer;
import dev.renkei.core.mail.SmtpMailSender;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.robot.RobotService;
import dev.renkei.porters.PortersJobSeekerProvider;
import dev.renkei.core.sync.RobotScheduler;
import dev.renkei.core.spi.ConnectorRegistry;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.support.DaemonThreads;
import dev.renkei.core.sync.SyncEngine;
import dev.renkei.samples.ResultJson;
import java.io.PrintStream;
import com.zaxxer.hikari.HikariDataSource;
import dev.renkei.samples.Pools;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The standalone runner, built from a {@link RunnerConfig}: the JDBC store (migrated), the connectors, the engine
 * with result mails through the outbox relay, the MyPage sync when the file has a {@code mypage} section, and on
 * demand the scheduler.
 */
final class Runner implements AutoCloseable {
    /** How often due mails are sent when the file does not say (the relay also runs after every run). */
    static final Duration DEFAULT_RELAY_INTERVAL = Duration.ofMinutes(1);

    private final RunnerConfig config;
    private final PrintStream log;
    private final HikariDataSource pool;
    private final JdbcStore store;
    private final SyncEngine engine;
    private final OutboxRelay relay;
    private final MyPageService mypage;

    Runner(RunnerConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
        RunnerConfig.Database db = config.database;
        if (db.h2() && db.url().startsWith("jdbc:h2:file:") && !db.url().toUpperCase(Locale.ROOT).contains("WRITE_DELAY=0")) {
            log.println("warning: database.url is an H2 file without ;WRITE_DELAY=0 — H2 then keeps the last commits "
                    + "in memory for up to a second, and a killed process loses them");
        }
        this.pool = openPool(db);
        this.store = JdbcStore.builder().dataSource(pool).cipher(config.cipher).build();
        List<Integer> applied = store.migrate();
        if (!applied.isEmpty()) {
            log.println("database " + store.databaseKind() + ": applied schema versions " + applied);
        }

        HttpExecutor.Builder http = HttpExecutor.builder();
        RunnerConfig.Http h = config.http;
        if (h.connectTimeout() != null) {
            http.connectTimeout(h.connectTimeout());
        }
        if (h.deadline() != null) {
            http.deadline(h.deadline());
        }
        if (h.maxAttempts() != null || h.retryBaseDelay() != null || h.retryMaxDelay() != null) {
            RetryPolicy d = RetryPolicy.DEFAULT;
            http.retry(Fields.valid("http", () -> new RetryPolicy(h.maxAttempts() != null ? h.maxAttempts() : d.maxAttempts(),
                    h.retryBaseDelay() != null ? h.retryBaseDelay() : d.baseDelay(),
                    h.retryMaxDelay() != null ? h.retryMaxDelay() : d.maxDelay(), d.retryStatuses())));
        }
        h.rateLimits().forEach(http::rateLimit);

        // the ATS endpoints the file names are host configuration: they live on the providers, not in the robots
        ConnectorRegistry.Builder registry = ConnectorRegistry.builder();
        config.atsProviders.forEach(registry::register);
        config.media.values().forEach(m -> registry.register(m.provider()));
        if (config.mypage != null) {
            registry.register(new PortersJobSeekerProvider());
        }
        ConnectorRegistry connectors = registry.build();
        HttpExecutor executor = http.build();

        SyncEngine.Builder e = SyncEngine.builder().store(store).connectors(connectors).http(executor);
        config.media.values().forEach(m -> e.mediaSettings(m.id(), m.settings()));
        RunnerConfig.Engine ec = config.engine;
        Fields.valid("engine", () -> {
            if (ec.slotConcurrency() != null) {
                e.slotConcurrency(ec.slotConcurrency());
            }
            if (ec.overlap() != null) {
                e.overlap(ec.overlap());
            }
            if (ec.initialLookback() != null) {
                e.initialLookback(ec.initialLookback());
            }
            if (ec.loginTimeout() != null) {
                e.loginTimeout(ec.loginTimeout());
            }
            if (ec.heartbeatInterval() != null) {
                e.heartbeatInterval(ec.heartbeatInterval());
            }
            if (ec.staleAfter() != null) {
                e.staleAfter(ec.staleAfter());
            }
            if (ec.runTimeout() != null) {
                e.runTimeout(ec.runTimeout());
            }
            return e;
        });
        RunnerConfig.Smtp smtp = config.smtp;
        if (smtp != null) {
            SmtpMailSender.Builder sender = Fields.valid("smtp", () -> SmtpMailSender.builder().host(smtp.host())
                    .port(smtp.port()).username(smtp.user()).password(smtp.password()).startTls(smtp.startTls())
                    .ssl(smtp.ssl()));
            if (smtp.connectTimeout() != null) {
                Fields.valid("smtp.connectTimeout", () -> sender.connectTimeout(smtp.connectTimeout()));
            }
            if (smtp.readTimeout() != null) {
                Fields.valid("smtp.readTimeout", () -> sender.readTimeout(smtp.readTimeout()).writeTimeout(smtp.readTimeout()));
            }
            OutboxRelay.Builder rb = OutboxRelay.builder().outbox(store.outbox()).sender(sender.build());
            RunnerConfig.Relay rc = config.relay;
            Fields.valid("mailRelay", () -> {
                if (rc.maxAttempts() != null) {
                    rb.maxAttempts(rc.maxAttempts());
                }
                if (rc.backoff() != null) {
                    rb.backoff(rc.backoff());
                }
                if (rc.maxBackoff() != null) {
                    rb.maxBackoff(rc.maxBackoff());
                }
                return rb;
            });
            this.relay = Fields.valid("mailRelay", rb::build);
            ResultMailComposer composer = Fields.valid("smtp", () -> ResultMailComposer.builder().from(smtp.from())
                    .operatorAddress(smtp.operator()).operatorLocale(smtp.operatorLocale()).build());
            e.mails(composer::compose).mailDispatcher(relay::sendDue);
        } else {
            this.relay = null;
            log.println("no 'smtp' section: result mails are not sent");
        }
        this.engine = e.build();
        if (config.mypage != null) {
            this.mypage = MyPageService.builder().store(store).connectors(connectors).http(executor).build();
            mypage.saveSettings(config.tenant, config.mypage.settings());
        } else {
            this.mypage = null;
        }

        List<String> changes = RobotUpsert.apply(new RobotService(store.robots()), config.tenant, config.robots,
                config.rotating);
        changes.forEach(c -> log.println(c));
    }

    private static HikariDataSource openPool(RunnerConfig.Database db) {
        try {
            return Pools.open(db.url(), db.user(), db.password(), "renkei-runner");
        } catch (RuntimeException e) {
            throw new ConfigException("database.url", "cannot open the database: " + e.getMessage(), e);
        }
    }

    /** Runs one robot now; prints the result as JSON. @return 0 without errors, 1 otherwise */
    int once(RobotId robot, PrintStream out) {
        SyncRun run = engine.runNow(config.tenant, robot);
        ObjectNode json = ResultJson.run(run, locale(robot));
        out.println(json.toPrettyString());
        return run.result() != null && run.result().ok() ? 0 : 1;
    }

    /** Checks the logins of one robot; prints the verdicts as JSON. @return 0 when all are OK, 1 otherwise */
    int check(RobotId robot, PrintStream out) {
        List<LoginVerdict> verdicts = engine.checkLogins(config.tenant, robot);
        boolean ok = verdicts.stream().allMatch(LoginVerdict::ok);
        ObjectNode json = ResultJson.MAPPER.createObjectNode();
        json.put("tenant", config.tenant.value());
        json.put("robot", robot.value());
        json.put("ok", ok);
        json.set("verdicts", ResultJson.verdicts(verdicts, locale(robot)));
        out.println(json.toPrettyString());
        return ok ? 0 : 1;
    }

    /**
     * Runs one MyPage batch now, sends its mails, and prints its result as JSON.
     *
     * @return 0 when the batch succeeded without errors, 1 otherwise
     * @throws ConfigException when the file has no {@code mypage} section
     */
    int batch(PrintStream out) {
        if (mypage == null) {
            throw new ConfigException("mypage", "is required for --batch (see samples/examples/runner.json)");
        }
        MyPageRun run = mypage.runNow(config.tenant);
        relay.sendDue();
        // remedies in the operator's language: the batch result mail goes to the agency's staff
        out.println(ResultJson.batch(run, config.smtp.operatorLocale()).toPrettyString());
        return run.status() == RunStatus.SUCCEEDED && run.errors().isEmpty() ? 0 : 1;
    }

    /** Remedies in the robot's mail language. */
    private Locale locale(RobotId robot) {
        return config.robot(robot.value()).notifications().locale();
    }

    /** Starts the scheduler and blocks until the JVM shuts down (Ctrl-C, SIGTERM); then stops gracefully. */
    int runUntilStopped() throws InterruptedException {
        RobotScheduler.Builder b = RobotScheduler.builder().store(store).engine(engine);
        RunnerConfig.Scheduler sc = config.scheduler;
        Fields.valid("scheduler", () -> {
            if (sc.pollInterval() != null) {
                b.pollInterval(sc.pollInterval());
            }
            if (sc.catchUp() != null) {
                b.catchUp(sc.catchUp());
            }
            if (sc.missedLookback() != null) {
                b.missedLookback(sc.missedLookback());
            }
            if (sc.deadAfter() != null) {
                b.deadAfter(sc.deadAfter());
            }
            if (sc.maxConcurrentRuns() != null) {
                b.maxConcurrentRuns(sc.maxConcurrentRuns());
            }
            if (sc.shutdownWait() != null) {
                b.shutdownWait(sc.shutdownWait());
            }
            return b;
        });
        RobotScheduler scheduler = Fields.valid("scheduler", b::build);
        ScheduledExecutorService mailTicker = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("renkei-runner-mail"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.println("stopping: letting running runs finish …");
            try {
                mailTicker.shutdownNow();
                scheduler.close();
                close();
                log.println("stopped");
            } finally {
                stopped.countDown();
            }
        }, "renkei-runner-shutdown"));
        if (relay != null) {
            Duration every = config.relay.interval() != null ? config.relay.interval() : DEFAULT_RELAY_INTERVAL;
            mailTicker.scheduleWithFixedDelay(() -> {
                try {
                    relay.sendDue();
                } catch (RuntimeException ex) {
                    log.println("sending due mails failed (they stay in the outbox): " + ex.getMessage());
                }
            }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduler.start();
        if (mypage != null) {
            mypage.start();
            MyPageSettings ms = config.mypage.settings();
            log.println(ms.batchTime() == null ? "MyPage: no batchTime, batches on demand only (--batch)"
                    : "MyPage: a batch every day at " + ms.batchTime() + " " + ms.zone());
        }
        Instant now = Instant.now();
        for (Robot r : store.robots().list(config.tenant)) {
            if (config.robot(r.id().value()) == null) {
                continue;
            }
            List<Instant> next = r.schedule().windows(now, now.plus(Duration.ofDays(2)));
            ZoneId zone = r.schedule().zone();
            log.println("robot " + r.id() + ": " + r.activeSlots().size() + " slots, "
                    + (!r.linkageEnabled() ? "linkage off"
                    : next.isEmpty() ? "manual runs only (no schedule times)"
                    : "next run " + next.get(0).atZone(zone).toLocalDateTime() + " " + zone));
        }
        log.println("running; press Ctrl-C to stop");
        stopped.await();
        return 0;
    }

    @Override
    public void close() {
        if (mypage != null) {
            mypage.close();
        }
        engine.close();
        pool.close();
    }
}
