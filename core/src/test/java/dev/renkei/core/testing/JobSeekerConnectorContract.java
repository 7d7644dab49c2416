package dev.renkei.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.spi.JobSeekerConnector.JobSeeker;
import dev.renkei.core.spi.JobSeekerConnector.WriteBack;
import dev.renkei.core.spi.JobSeekerConnector.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobSeekerConnector} promises, run against the source or a simulator of it: the login check
 * passes with good credentials and refuses bad ones as {@code LOGIN_FAILED}; an empty source lists nothing; every
 * job seeker is listed exactly once, in a stable order, however many pages it takes (450 here); the e-mail,
 * owners and resumes come through and a missing e-mail is {@code null}, not an error; a write-back goes to the
 * existing record and each item succeeds or fails on its own; maintenance is {@code MAINTENANCE} (no action
 * needed) and a missing grant {@code CRM_GRANT_MISSING} (action required).
 *
 * <p>Extend it with a {@link JobSeekerFixture} over your simulator:
 *
 * <pre>{@code
 * class MySourceContractTest extends JobSeekerConnectorContract {
 *     @Override
 *     protected JobSeekerFixture fixture(Clock clock) {
 *         return MySourceFixture.start(clock);
 *     }
 * }
 * }</pre>
 */
public abstract class JobSeekerConnectorContract {
    /** When every test starts. */
    protected static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");

    /** The clock of the connector and, if the fixture takes it, of the simulator. */
    protected final MutableClock clock = new MutableClock(T0);
    /** The sleeper of the connector: records waits and advances {@link #clock}. */
    protected final RecordingSleeper sleeper = new RecordingSleeper(clock);
    /** The executor the connector gets: 3 attempts, 100 ms backoff base, 10 s deadline. */
    protected final HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(sleeper)
            .random(new SplittableRandom(7)).deadline(Duration.ofSeconds(10))
            .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(30), RetryPolicy.DEFAULT_STATUSES))
            .build();

    private JobSeekerFixture fixture;

    /** A fresh fixture: an empty source. */
    protected abstract JobSeekerFixture fixture(Clock clock);

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

    private JobSeekerConnector connector(Credentials credentials) {
        return fixture.provider().create(Contexts.of(http, fixture.settings(), credentials));
    }

    private static List<JobSeeker> all(JobSeekerConnector c) {
        try (Stream<JobSeeker> s = c.jobSeekers(JobSeekerConnector.Filter.all())) {
            return s.toList();
        }
    }

    @Test
    void loginCheckPassesWithGoodCredentialsAndRefusesBadOnes() {
        connector(fixture.credentials()).checkLogin();
        assertThatThrownBy(() -> connector(fixture.wrongCredentials()).checkLogin())
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED));
    }

    @Test
    void anEmptySourceListsNothing() {
        assertThat(all(connector(fixture.credentials()))).isEmpty();
    }

    @Test
    void listsEveryJobSeekerOnceInAStableOrderAcrossPages() {
        List<String> ids = IntStream.range(0, 450).mapToObj(i -> String.valueOf(10_001 + i)).toList();
        fixture.seed(ids);
        JobSeekerConnector c = connector(fixture.credentials());

        List<JobSeeker> first = all(c);
        List<JobSeeker> second = all(c);

        assertThat(first).extracting(JobSeeker::id).containsExactlyElementsOf(ids);
        assertThat(second).extracting(JobSeeker::id).containsExactlyElementsOf(ids);
    }

    @Test
    void carriesEmailOwnersAndResumesAndAMissingEmailIsNull() {
        fixture.seed(List.of("20001"));
        fixture.seedWithoutEmail("20002");

        List<JobSeeker> seekers = all(connector(fixture.credentials()));

        assertThat(seekers).hasSize(2);
        assertThat(seekers.get(0).email()).isEqualTo("js20001@example.com");
        assertThat(seekers.get(0).ownerEmails()).contains("owner@example.com");
        assertThat(seekers.get(0).resumeIds()).hasSize(1);
        assertThat(seekers.get(1).email()).isNull();
    }

    @Test
    void aWriteBackGoesToTheExistingRecordAndEachItemStandsOnItsOwn() {
        fixture.seed(List.of("30001"));
        JobSeekerConnector.StatusTarget target = fixture.personTarget();

        List<WriteResult> results = connector(fixture.credentials()).writeBack(List.of(
                new WriteBack("30001", target), new WriteBack("39999", target)));

        assertThat(results).extracting(WriteResult::recordId).containsExactly("30001", "39999");
        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).ok()).as("an unknown record fails alone").isFalse();
        assertThat(results.get(1).code()).isNotBlank().isNotEqualTo("0");
        assertThat(fixture.writtenTo("30001")).hasSize(1);
        assertThat(fixture.writtenTo("39999")).as("nothing was created for an unknown id").isEmpty();
    }

    @Test
    void maintenanceNeedsNoActionAndAMissingGrantDoes() {
        fixture.seed(List.of("40001"));
        JobSeekerConnector c = connector(fixture.credentials());
        fixture.maintenance(true);
        assertThatThrownBy(() -> all(c)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MAINTENANCE));
        fixture.maintenance(false);
        fixture.grantMissing(true);
        assertThatThrownBy(() -> all(c)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CRM_GRANT_MISSING);
            assertThat(e.code().actionRequired()).isTrue();
        });
    }
}
