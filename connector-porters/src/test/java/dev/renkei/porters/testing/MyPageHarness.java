package dev.renkei.porters.testing;

import dev.renkei.core.Renkei;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.RecordingSleeper;
import dev.renkei.porters.PortersJobSeekerProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What a MyPage test needs: a PORTERS simulator, a JDBC store on a shared test database with a hand-moved clock, a
 * tenant of its own, and Renkei instances wired as a host wires them ({@link #renkei}); plus readers of the outbox.
 */
public final class MyPageHarness implements AutoCloseable {
    /** The setup page. */
    public static final String SETUP_URL = "https://host.example/mypage/setup?token=";
    /** The MyPage sender. */
    public static final String FROM = "mypage@host.example";
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final byte[] KEY = SecretCipher.generateKey();

    /** The clock of everything (store included). */
    public final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T00:00:00Z"));
    /** The simulator. */
    public final PortersSimulator sim = PortersSimulator.start(clock);
    /** The store. */
    public final JdbcStore store;
    /** A tenant of this harness alone. */
    public final TenantId tenant = TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
    /** The gated provider registered beside the plain one. */
    public final GatedProvider gated = new GatedProvider();
    private final HttpExecutor http;
    private final List<Renkei> opened = new ArrayList<>();

    /** A harness on {@code db} (migrated here). */
    public MyPageHarness(DataSource db) {
        this.store = JdbcStore.builder().dataSource(db).cipher(SecretCipher.of("k1", KEY)).clock(clock).build();
        store.migrate();
        this.http = HttpExecutor.builder().clock(clock).sleeper(new RecordingSleeper(clock))
                .random(new SplittableRandom(3)).deadline(Duration.ofSeconds(10))
                .retry(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofSeconds(1), RetryPolicy.DEFAULT_STATUSES))
                .build();
    }

    /** A Renkei instance as a host builds it (fast password hashing, 30 s heartbeat, 5 min dead limit). */
    public Renkei renkei(String instance) {
        return renkei(instance, m -> { });
    }

    /** A Renkei instance with further MyPage options. */
    public Renkei renkei(String instance, Consumer<MyPageService.Builder> options) {
        Renkei r = Renkei.builder().store(store).clock(clock).http(http).instanceId(instance)
                .connector(new PortersJobSeekerProvider()).connector(gated)
                .myPageOptions(m -> {
                    m.passwordIterations(MyPageService.MIN_PASSWORD_ITERATIONS);
                    options.accept(m);
                }).build();
        opened.add(r);
        return r;
    }

    /** Settings pointing at the simulator: Person write-back of an option, one reminder a day later. */
    public MyPageSettings.Builder settings() {
        return MyPageSettings.builder()
                .source(PortersJobSeekerProvider.ID, sim.settings(),
                        Credentials.of(PortersSimulator.APP_ID, PortersSimulator.SECRET))
                .reminders(1, Duration.ofDays(1))
                .writeBack(new JobSeekerConnector.StatusTarget(JobSeekerConnector.Resource.PERSON,
                        "Person.U_MyPageStatus", "Option.U_Registered", true))
                .setupPage(SETUP_URL, FROM)
                .notifyTo(List.of("admin@agency.example"));
    }

    /** Every mail of this tenant in the outbox (any state), oldest first. */
    public List<OutboxMail> mails() {
        List<OutboxMail> all = new ArrayList<>();
        for (OutboxMail.Status s : OutboxMail.Status.values()) {
            store.outbox().list(s).stream().filter(m -> m.tenant().equals(tenant)).forEach(all::add);
        }
        all.sort(java.util.Comparator.comparing(OutboxMail::createdAt).thenComparing(OutboxMail::id));
        return all;
    }

    /** This tenant's mails to an address. */
    public List<OutboxMail> mailsTo(String address) {
        return mails().stream().filter(m -> m.to().contains(address)).toList();
    }

    /** The result mail of a batch. */
    public OutboxMail resultMail(dev.renkei.core.mypage.MyPageRun run) {
        return store.outbox().find("mypage:batch:" + run.id() + ":result")
                .orElseThrow(() -> new AssertionError("no result mail for batch " + run.id()));
    }

    /** The setup token in the latest mail to an address. */
    public String tokenFor(String address) {
        List<OutboxMail> to = mailsTo(address);
        if (to.isEmpty()) {
            throw new AssertionError("no mail to " + address);
        }
        Matcher m = TOKEN.matcher(to.get(to.size() - 1).text());
        if (!m.find()) {
            throw new AssertionError("no setup link in the mail to " + address);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        opened.forEach(Renkei::close);
        sim.close();
    }
}
