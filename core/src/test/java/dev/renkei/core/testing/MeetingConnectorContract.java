package dev.renkei.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MeetingConnector;
import dev.renkei.core.spi.MeetingConnector.Meeting;
import dev.renkei.core.spi.MeetingConnector.MeetingSpec;
import dev.renkei.core.spi.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MeetingConnector} promises, run against the service or a simulator of it: the link check and
 * the host list work; a meeting is created, read back (with a start URL), updated, deleted, and deleting it again
 * or updating a deleted one is not an error; a create that landed but ended unclearly is found by its marker and
 * not sent again; an unknown host is {@code MEETING_HOST_NOT_FOUND}; a refused token is reported to the
 * {@link TokenSource} once and the call replayed once, a second refusal is {@code MEETING_LINK_REVOKED}; a 429 is
 * waited out as {@code Retry-After} says, without sleeping for real.
 *
 * <p>To run it for a connector, implement {@link MeetingFixture} over your simulator and extend this class:
 *
 * <pre>{@code
 * class MyMeetingConnectorContractTest extends MeetingConnectorContract {
 *     @Override
 *     protected MeetingFixture fixture(Clock clock) {
 *         return MyMeetingFixture.start(clock);
 *     }
 * }
 * }</pre>
 *
 * <p>The connector runs on an executor whose clock is {@link #clock} and whose sleeper only advances it; its
 * per-attempt deadline is 2 s of real time, so a fixture's "unclear" create should stall longer than that.
 */
public abstract class MeetingConnectorContract {
    /** When every test starts. */
    protected static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");
    /** The {@code Retry-After} of the rate-limit test. */
    protected static final Duration RETRY_AFTER = Duration.ofSeconds(4);

    /** The clock of the connector and, if the fixture takes it, of the simulator. */
    protected final MutableClock clock = new MutableClock(T0);
    /** The sleeper of the connector: records waits and advances {@link #clock}. */
    protected final RecordingSleeper sleeper = new RecordingSleeper(clock);
    /** The executor the connector gets: 3 attempts, 100 ms backoff base, waits up to 30 s, 2 s deadline. */
    protected final HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(sleeper)
            .random(new SplittableRandom(7)).deadline(Duration.ofSeconds(2))
            .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(30), RetryPolicy.DEFAULT_STATUSES))
            .build();

    private MeetingFixture fixture;

    /** A fresh fixture: a linked account with no meetings, and the provider pointed at it. */
    protected abstract MeetingFixture fixture(Clock clock);

    @BeforeEach
    void startFixture() {
        fixture = fixture(clock);
    }

    @AfterEach
    void closeFixture() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theLinkedAccountPassesTheCheckAndNamesItsAccount() {
        MeetingConnector c = connector(new FixedTokens(fixture.issueAccessToken()));

        assertThatCode(c::checkLogin).doesNotThrowAnyException();
        assertThat(c.me().accountId()).isNotBlank();
    }

    @Test
    void theHostListHasEveryUserWhoCanHost() {
        assertThat(connector(new FixedTokens(fixture.issueAccessToken())).hosts()).hasSize(fixture.hostCount())
                .allSatisfy(u -> assertThat(u.id()).isNotBlank());
    }

    @Test
    void aMeetingIsCreatedReadUpdatedAndDeleted() {
        MeetingConnector c = connector(new FixedTokens(fixture.issueAccessToken()));
        Meeting created = c.create(fixture.hostUserId(), spec("m-1", "面接", T0.plus(Duration.ofDays(3))));
        assertThat(created.joinUrl()).isNotNull();

        Meeting read = c.get(created.id()).orElseThrow();
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.startUrl()).as("a start URL on demand").isNotNull();
        assertThat(read.start()).isEqualTo(T0.plus(Duration.ofDays(3)));

        assertThat(c.update(created.id(), spec("m-1", "二次面接", T0.plus(Duration.ofDays(4))))).isTrue();
        Meeting updated = c.get(created.id()).orElseThrow();
        assertThat(updated.topic()).isEqualTo("二次面接");
        assertThat(updated.start()).isEqualTo(T0.plus(Duration.ofDays(4)));

        c.delete(created.id());
        assertThat(c.get(created.id())).isEmpty();
        assertThatCode(() -> c.delete(created.id())).as("deleting again").doesNotThrowAnyException();
        assertThat(c.update(created.id(), spec("m-1", "x", T0))).as("updating a deleted meeting").isFalse();
        assertThat(fixture.meetingCount()).isZero();
    }

    @Test
    void aCreateThatLandedButEndedUnclearlyIsFoundByItsMarkerNeverSentAgain() {
        MeetingConnector c = connector(new FixedTokens(fixture.issueAccessToken()));
        fixture.failNextCreateAfterStoring();

        Optional<Meeting> first;
        try {
            first = Optional.of(c.create(fixture.hostUserId(), spec("m-unclear", "面接", T0.plus(Duration.ofDays(1)))));
        } catch (ConnectorException e) {
            assertThat(e.code()).as("an unclear outcome is retryable").isIn(ErrorCode.TIMEOUT, ErrorCode.UNAVAILABLE);
            first = Optional.empty();
        }
        Meeting found = c.findByMarker(fixture.hostUserId(), "m-unclear").orElseThrow();

        first.ifPresent(m -> assertThat(m.id()).isEqualTo(found.id()));
        assertThat(fixture.meetingCount()).isEqualTo(1);
        assertThat(c.findByMarker(fixture.hostUserId(), "m-never-created")).isEmpty();
    }

    @Test
    void anUnknownHostIsMeetingHostNotFound() {
        MeetingConnector c = connector(new FixedTokens(fixture.issueAccessToken()));

        assertThatThrownBy(() -> c.create(fixture.unknownHostUserId(), spec("m-host", "面接", T0)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MEETING_HOST_NOT_FOUND));
        assertThat(fixture.meetingCount()).isZero();
    }

    @Test
    void aRefusedTokenIsReportedOnceAndTheCallReplayedWithTheRenewedOne() {
        String stale = fixture.issueAccessToken();
        fixture.refuseAccessToken(stale);
        FixedTokens tokens = new FixedTokens(stale, fixture.issueAccessToken());

        assertThat(connector(tokens).hosts()).hasSize(fixture.hostCount());
        assertThat(tokens.renewals.get()).isEqualTo(1);
    }

    @Test
    void aTokenRefusedAgainAfterRenewalMeansTheLinkMustBeAuthorizedAgain() {
        String stale = fixture.issueAccessToken();
        String alsoStale = fixture.issueAccessToken();
        fixture.refuseAccessToken(stale);
        fixture.refuseAccessToken(alsoStale);

        assertThatThrownBy(() -> connector(new FixedTokens(stale, alsoStale)).hosts())
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MEETING_LINK_REVOKED);
                    assertThat(e.getMessage() + e.detail()).doesNotContain(stale).doesNotContain(alsoStale);
                });
    }

    @Test
    void aCreateRefusedWith429IsSentAgainAfterRetryAfterWithoutSleepingForReal() {
        MeetingConnector c = connector(new FixedTokens(fixture.issueAccessToken()));
        fixture.rateLimitNextCreate(RETRY_AFTER);
        sleeper.clear();
        long started = System.nanoTime();

        c.create(fixture.hostUserId(), spec("m-429", "面接", T0.plus(Duration.ofDays(1))));

        assertThat(fixture.meetingCount()).isEqualTo(1);
        assertThat(sleeper.longest()).isGreaterThanOrEqualTo(RETRY_AFTER);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RETRY_AFTER);
    }

    private MeetingConnector connector(TokenSource tokens) {
        return fixture.provider().create(new ConnectorContext(http, clock, sleeper, fixture.settings(),
                fixture.secrets(), null, fixture.client(), tokens));
    }

    private static MeetingSpec spec(String marker, String topic, Instant start) {
        return new MeetingSpec(topic, "契約テスト", start, Duration.ofMinutes(30), "Asia/Tokyo", marker);
    }

    /** Hands out the first token, and the second one after a rejection. */
    private static final class FixedTokens implements TokenSource {
        private final Secret first;
        private final Secret renewed;
        final AtomicInteger renewals = new AtomicInteger();

        FixedTokens(String token) {
            this(token, token);
        }

        FixedTokens(String first, String renewed) {
            this.first = Secret.of(first);
            this.renewed = Secret.of(renewed);
        }

        @Override
        public Secret accessToken() {
            return renewals.get() == 0 ? first : renewed;
        }

        @Override
        public Secret renewAfterRejection(Secret rejected) {
            renewals.incrementAndGet();
            return renewed;
        }
    }
}
