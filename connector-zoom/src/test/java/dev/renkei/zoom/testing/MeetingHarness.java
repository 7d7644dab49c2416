package dev.renkei.zoom.testing;

import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.meeting.AuthorizationStart;
import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingListener;
import dev.renkei.core.meeting.MeetingService;
import dev.renkei.core.meeting.MeetingSettings;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.MeetingConnectorProvider;
import dev.renkei.core.store.JdbcStore;
import dev.renkei.core.store.MeetingStore;
import dev.renkei.core.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** A Zoom simulator, a clock, and meeting services over it, as the tests need them. */
public final class MeetingHarness implements AutoCloseable {
    /** The tenant of the tests. */
    public static final TenantId TENANT = TenantId.of("acme");
    /** When the tests start. */
    public static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
    /** The callback the tests register. */
    public static final URI REDIRECT = URI.create("https://hr.example.com/zoom/callback");
    /** The webhook secret token. */
    public static final Secret WEBHOOK_SECRET = Secret.of("whsec-token-of-the-app");
    /** The cipher of the JDBC stores. */
    public static final SecretCipher CIPHER = SecretCipher.of("k1", new byte[32]);
    /** A real per-attempt deadline short enough for the stalled-create test. */
    public static final Duration DEADLINE = Duration.ofSeconds(2);

    /** The clock of services, executor, stores (when given) and simulator. */
    public final MutableClock clock = new MutableClock(T0);
    /** The simulator. */
    public final ZoomSimulator sim = new ZoomSimulator(clock);
    /** Links revoked, as the listener heard them. */
    public final List<MeetingLink> revokedEvents = new CopyOnWriteArrayList<>();

    /** A JDBC store on {@code ds} with this harness's clock as the store clock (leases move with it). */
    public JdbcStore jdbc(DataSource ds) {
        JdbcStore s = JdbcStore.builder().dataSource(ds).cipher(CIPHER).clock(clock).build();
        s.migrate();
        return s;
    }

    /** An executor on the clock: 3 attempts, 100 ms base, 30 s cap, {@link #DEADLINE}. */
    public HttpExecutor http(Sleeper sleeper) {
        return HttpExecutor.builder().clock(clock).sleeper(sleeper).random(new SplittableRandom(7))
                .deadline(DEADLINE).connectTimeout(Duration.ofSeconds(2))
                .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(30), RetryPolicy.DEFAULT_STATUSES))
                .build();
    }

    /** The settings of the tests. */
    public MeetingSettings.Builder settings() {
        return MeetingSettings.builder("zoom").client(ZoomSimulator.CLIENT).webhookSecret(WEBHOOK_SECRET)
                .listener(new MeetingListener() {
                    @Override
                    public void linkRevoked(MeetingLink link) {
                        revokedEvents.add(link);
                    }
                });
    }

    /** A service over the store with the simulator's provider. */
    public MeetingService service(MeetingStore store, Sleeper sleeper) {
        return service(store, sleeper, UnaryOperator.identity(), sim.provider());
    }

    /** A service with changed settings and another provider (e.g. one that pauses). */
    public MeetingService service(MeetingStore store, Sleeper sleeper, UnaryOperator<MeetingSettings.Builder> tweak,
                                  MeetingConnectorProvider provider) {
        return MeetingService.builder().store(store).provider(provider).settings(tweak.apply(settings()).build())
                .http(http(sleeper)).clock(clock).sleeper(sleeper).build();
    }

    /** Links {@link #TENANT} as an administrator would: start, approve in the "browser", complete. */
    public MeetingLink link(MeetingService service) {
        AuthorizationStart start = service.startAuthorization(TENANT, REDIRECT);
        Map<String, String> callback = sim.approve(start.url());
        return service.completeAuthorization(callback.get("code"), callback.get("state"));
    }

    @Override
    public void close() {
        sim.close();
    }
}
