package dev.renkei.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.Listing;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaSession;
import dev.renkei.core.testing.MediaFixture.Held;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MediaConnector} promises, run against its board or a simulator of it: refused credentials fail
 * the login with the board's code; a login yields the account's stable key; {@code listings(since)} holds exactly
 * the applications listed at or after {@code since}, each with its applied-at; listing reads no detail page and
 * {@link Listing#load()} reads one; a loaded applicant carries its row's id and applied-at.
 *
 * <p>To run it for a connector, add core's test-jar as a test dependency
 * ({@code dev.renkei:renkei-core}, {@code <type>test-jar</type>}, {@code <scope>test</scope>}, plus JUnit Jupiter
 * and AssertJ), implement {@link MediaFixture} over your board simulator, and extend this class:
 *
 * <pre>{@code
 * class MyBoardMediaContractTest extends MediaConnectorContract {
 *     @Override
 *     protected MediaFixture fixture() {
 *         return MyBoardFixture.start();
 *     }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh fixture. The connector runs on an {@link HttpExecutor} whose sleeper never sleeps
 * (pacing between pages is recorded, not waited). Tests a connector cannot take part in (no credentials to refuse,
 * no detail pages to count) are skipped as the fixture says.
 */
public abstract class MediaConnectorContract {
    /** The clock of the connector. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    /** The sleeper of the connector: records waits and advances {@link #clock}. */
    protected final RecordingSleeper sleeper = new RecordingSleeper(clock);
    /** The executor the connector gets: 2 attempts, 100 ms backoff base, 10 s deadline. */
    protected final HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(sleeper)
            .random(new SplittableRandom(7)).deadline(Duration.ofSeconds(10))
            .retry(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(30), RetryPolicy.DEFAULT_STATUSES))
            .build();

    private MediaFixture fixture;
    private MediaConnector board;

    /** A fresh fixture: the board with its applications and the provider pointed at it. */
    protected abstract MediaFixture fixture();

    @BeforeEach
    void startFixture() {
        fixture = fixture();
        if (fixture.applications().size() < 2) {
            throw new IllegalStateException("the fixture must hold at least two applications");
        }
        board = fixture.provider().create(Contexts.of(http, fixture.settings(), null));
    }

    @AfterEach
    void closeFixture() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void refusedCredentialsFailTheLoginWithTheBoardsCode() {
        Credentials wrong = fixture.wrongCredentials().orElse(null);
        assumeTrue(wrong != null, "nothing checks the credentials of this medium");

        assertThatThrownBy(() -> board.login(wrong).close()).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(fixture.wrongCredentialsCode());
            assertThat(e.getMessage() + " " + e.detail()).doesNotContain(wrong.secret().reveal());
        });
    }

    @Test
    void aLoginYieldsTheAccountsKeyAndASecondLoginTheSameOne() {
        String first;
        try (MediaSession s = board.login(fixture.credentials())) {
            first = s.accountKey();
        }
        String second;
        try (MediaSession s = board.login(fixture.credentials())) {
            second = s.accountKey();
        }

        assertThat(first).isNotBlank().isEqualTo(fixture.accountKey());
        assertThat(second).isEqualTo(first);
    }

    @Test
    void listingsFromLongAgoHoldEveryApplicationWithItsAppliedAt() {
        Map<String, Instant> rows = rows(Instant.EPOCH);

        assertThat(rows).isEqualTo(appliedAt(fixture.applications()));
    }

    @Test
    void listingsSinceHoldTheApplicationsListedAtOrAfterItAndNoOthers() {
        List<Held> held = fixture.applications().stream().sorted(Comparator.comparing(Held::listedFrom)).toList();
        Instant since = held.get(held.size() / 2).listedFrom();
        List<Held> expected = held.stream().filter(h -> !h.listedFrom().isBefore(since)).toList();

        Map<String, Instant> rows = rows(since);

        assertThat(expected).hasSizeBetween(1, held.size() - 1);
        assertThat(rows).isEqualTo(appliedAt(expected));
    }

    @Test
    void listingReadsNoDetailAndLoadingOneRowReadsOne() {
        OptionalInt before = fixture.detailLoads();
        assumeTrue(before.isPresent(), "rows arrive fully read: there are no detail loads to count");
        try (MediaSession s = board.login(fixture.credentials()); Stream<Listing> listing = s.listings(Instant.EPOCH)) {
            List<Listing> rows = listing.toList();
            assertThat(rows).hasSameSizeAs(fixture.applications());
            assertThat(fixture.detailLoads()).as("detail loads after listing every row").hasValue(before.getAsInt());

            rows.get(0).load();

            assertThat(fixture.detailLoads()).as("detail loads after loading one row").hasValue(before.getAsInt() + 1);
        }
    }

    @Test
    void aLoadedApplicantCarriesItsRowsIdAndAppliedAt() {
        try (MediaSession s = board.login(fixture.credentials()); Stream<Listing> listing = s.listings(Instant.EPOCH)) {
            List<Listing> rows = listing.toList();
            assertThat(rows).isNotEmpty();
            for (Listing row : rows) {
                Applicant a = row.load();
                assertThat(a.boardApplicationId()).isEqualTo(row.boardApplicationId());
                assertThat(a.appliedAt()).as("applied-at of %s", row.boardApplicationId()).isEqualTo(row.appliedAt());
            }
        }
    }

    /** The rows {@code listings(since)} yields, id → applied-at, without loading any (a repeated id fails). */
    private Map<String, Instant> rows(Instant since) {
        try (MediaSession s = board.login(fixture.credentials()); Stream<Listing> listing = s.listings(since)) {
            return listing.collect(Collectors.toMap(Listing::boardApplicationId, Listing::appliedAt));
        }
    }

    private static Map<String, Instant> appliedAt(List<Held> held) {
        return held.stream().collect(Collectors.toMap(Held::boardApplicationId, Held::appliedAt));
    }
}
