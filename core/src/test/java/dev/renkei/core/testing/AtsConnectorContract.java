package dev.renkei.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ImportRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link AtsConnector} promises, run against the connector's ATS or a simulator of it: a lookup before
 * any create finds nothing; an import is found again under the same id and a repeat with {@code mayExist} creates
 * nothing; a create that landed but ended unclearly is settled by looking up, never by sending it again; refused
 * credentials are {@code LOGIN_FAILED}; a 429 is waited out as {@code Retry-After} says; a record found without
 * its résumé gets it exactly once.
 *
 * <p>To run it for a connector, add core's test-jar as a test dependency
 * ({@code dev.renkei:renkei-core}, {@code <type>test-jar</type>}, {@code <scope>test</scope>}; it brings no
 * dependencies of its own, so also declare JUnit Jupiter and AssertJ), implement {@link AtsFixture} over your
 * simulator, and extend this class:
 *
 * <pre>{@code
 * class MyAtsConnectorContractTest extends AtsConnectorContract {
 *     @Override
 *     protected AtsFixture fixture(Clock clock) {
 *         return MyAtsFixture.start(clock);
 *     }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh fixture. The connector runs on an {@link HttpExecutor} whose clock is {@link #clock}
 * and whose sleeper {@link #sleeper} only advances it, so no test sleeps for real; give the clock to a simulator
 * that expires tokens or checks timestamps. Tests a connector cannot take part in (no credentials, no rate limit,
 * no attachment repair) are skipped as the fixture says.
 */
public abstract class AtsConnectorContract {
    /** When every test starts. */
    protected static final Instant T0 = Instant.parse("2026-09-01T00:00:00Z");
    /** The {@code Retry-After} of the rate-limit test: longer than any backoff the executor would choose itself. */
    protected static final Duration RETRY_AFTER = Duration.ofSeconds(7);
    private static final Attachment RESUME = new Attachment("cv.pdf", "application/pdf",
            "%PDF-1.4 contract".getBytes(StandardCharsets.US_ASCII));

    /** The clock of the connector and, if the fixture takes it, of the simulator. */
    protected final MutableClock clock = new MutableClock(T0);
    /** The sleeper of the connector: records waits and advances {@link #clock}. */
    protected final RecordingSleeper sleeper = new RecordingSleeper(clock);
    /** The executor the connector gets: 3 attempts, 100 ms backoff base, waits up to 30 s, 10 s deadline. */
    protected final HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(sleeper)
            .random(new SplittableRandom(7)).deadline(Duration.ofSeconds(10))
            .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(30), RetryPolicy.DEFAULT_STATUSES))
            .build();

    private AtsFixture fixture;
    private AtsConnector connector;

    /** A fresh fixture: an empty ATS and the provider pointed at it. */
    protected abstract AtsFixture fixture(Clock clock);

    @BeforeEach
    void startFixture() {
        fixture = fixture(clock);
        if (!fixture.account().connectorId().equals(fixture.provider().id())) {
            throw new IllegalStateException("the fixture's account names connector '" + fixture.account().connectorId()
                    + "' but its provider is '" + fixture.provider().id() + "'");
        }
        connector = connector(fixture.account().credentials());
    }

    @AfterEach
    void closeFixture() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    // ---- lookup and import ------------------------------------------------------------------------------------

    @Test
    void findsNothingBeforeAnyCreate() {
        assertThat(connector.find(request("k-before", true))).isEmpty();
        assertThat(fixture.createsFor("k-before")).isZero();
    }

    @Test
    void findsWhatAnImportCreatedAndASecondImportCreatesNothing() {
        AtsRecord first = connector.importApplicant(request("k-once", false));
        assertThat(first.created()).as("first import of a fresh key created the record").isTrue();

        assertThat(connector.find(request("k-once", true))).as("lookup after the import").hasValueSatisfying(found -> {
            assertThat(found.atsId()).isEqualTo(first.atsId());
            assertThat(found.created()).as("a lookup creates nothing").isFalse();
        });
        AtsRecord again = connector.importApplicant(request("k-once", true));

        assertThat(again).as("a repeat that may exist finds the record").isEqualTo(AtsRecord.existing(first.atsId()));
        assertThat(fixture.createsFor("k-once")).isEqualTo(1);
    }

    @Test
    void eachKeyFindsItsOwnRecord() {
        AtsRecord a = connector.importApplicant(request("k-a", false));
        assertThat(connector.find(request("k-b", true))).as("lookup of a key never imported").isEmpty();
        AtsRecord b = connector.importApplicant(request("k-b", false));

        assertThat(b.created()).isTrue();
        assertThat(b.atsId()).isNotEqualTo(a.atsId());
        assertThat(connector.find(request("k-a", true))).map(AtsRecord::atsId).contains(a.atsId());
        assertThat(connector.find(request("k-b", true))).map(AtsRecord::atsId).contains(b.atsId());
        assertThat(fixture.createsFor("k-a")).isEqualTo(1);
        assertThat(fixture.createsFor("k-b")).isEqualTo(1);
    }

    @Test
    void aCreateThatLandedButEndedUnclearlyIsSettledByLookingUpNeverBySendingItAgain() {
        fixture.failNextCreateAfterStoring();

        Optional<AtsRecord> firstAnswer;
        try {
            firstAnswer = Optional.of(connector.importApplicant(request("k-unclear", false)));
        } catch (ConnectorException e) {
            assertThat(e.code()).as("an unclear outcome is retryable, not the customer's to fix")
                    .isIn(ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT);
            firstAnswer = Optional.empty();
        }
        AtsRecord retry = connector.importApplicant(request("k-unclear", true));

        assertThat(retry.created()).as("the retry found the stored record").isFalse();
        firstAnswer.ifPresent(r -> assertThat(r.atsId()).as("the first attempt's answer").isEqualTo(retry.atsId()));
        assertThat(fixture.createsFor("k-unclear")).isEqualTo(1);
        assertThat(connector.find(request("k-unclear", true))).map(AtsRecord::atsId).contains(retry.atsId());
    }

    // ---- credentials ------------------------------------------------------------------------------------------

    @Test
    void theWorkingAccountPassesTheLoginCheck() {
        assertThatCode(connector::checkLogin).doesNotThrowAnyException();
    }

    @Test
    void refusedCredentialsFailTheLoginCheckWithLoginFailed() {
        Credentials wrong = wrongCredentials();

        assertThatThrownBy(connector(wrong)::checkLogin).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED);
            assertThat(e.getMessage() + " " + e.detail()).doesNotContain(wrong.secret().reveal());
        });
    }

    @ParameterizedTest(name = "mayExist={0}")
    @ValueSource(booleans = {false, true})
    void refusedCredentialsFailTheImportWithLoginFailedAndCreateNothing(boolean mayExist) {
        AtsConnector refused = connector(wrongCredentials());

        assertThatThrownBy(() -> refused.importApplicant(request("k-refused", mayExist)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED));
        assertThat(fixture.createsFor("k-refused")).isZero();
    }

    // ---- rate limits ------------------------------------------------------------------------------------------

    @Test
    void aCreateRefusedWith429IsSentAgainAfterRetryAfterWithoutSleepingForReal() {
        assumeTrue(fixture.limitsRates(), "the connector talks to nothing that limits its rate");
        fixture.rateLimitNextCreate(RETRY_AFTER);
        sleeper.clear();
        long started = System.nanoTime();

        AtsRecord r = connector.importApplicant(request("k-429", false));

        assertThat(r.created()).isTrue();
        assertThat(fixture.createsFor("k-429")).isEqualTo(1);
        assertThat(sleeper.longest()).as("the wait asked of the sleeper").isGreaterThanOrEqualTo(RETRY_AFTER);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("real time spent").isLessThan(RETRY_AFTER);
    }

    // ---- attachments ------------------------------------------------------------------------------------------

    @Test
    void theResumeOfAnImportIsOnTheRecordOnce() {
        assumeTrue(fixture.fillsInAttachments(), "the connector does not manage attachments on its own");

        connector.importApplicant(request("k-cv", false, RESUME));

        assertThat(fixture.attachmentsOf("k-cv")).containsExactly(RESUME.fileName());
    }

    @Test
    void aRecordFoundWithoutItsResumeGetsItExactlyOnce() {
        assumeTrue(fixture.fillsInAttachments(), "the connector does not manage attachments on its own");
        // a record without the résumé, as a run that died between the create and the upload leaves it
        AtsRecord bare = connector.importApplicant(request("k-fill", false));
        assertThat(fixture.attachmentsOf("k-fill")).isEmpty();

        AtsRecord filled = connector.importApplicant(request("k-fill", true, RESUME));
        AtsRecord again = connector.importApplicant(request("k-fill", true, RESUME));

        assertThat(filled).isEqualTo(AtsRecord.existing(bare.atsId()));
        assertThat(again).isEqualTo(AtsRecord.existing(bare.atsId()));
        assertThat(fixture.attachmentsOf("k-fill")).containsExactly(RESUME.fileName());
        assertThat(fixture.createsFor("k-fill")).isEqualTo(1);
    }

    // ---- support ----------------------------------------------------------------------------------------------

    private Credentials wrongCredentials() {
        Optional<Credentials> wrong = fixture.wrongCredentials();
        assumeTrue(wrong.isPresent(), "the connector has no credentials to refuse");
        return wrong.get();
    }

    /** A connector for the fixture's account settings with these credentials, as the engine creates it. */
    private AtsConnector connector(Credentials credentials) {
        return fixture.provider().create(Contexts.of(http, fixture.account().settings(), credentials));
    }

    /**
     * A request for one applicant per key: the e-mail is unique to the key, so connectors that look people up by
     * e-mail see one person per key.
     */
    private static ImportRequest request(String key, boolean mayExist, Attachment... files) {
        Applicant.Builder b = Applicant.builder("B-" + key, T0.minus(Duration.ofHours(1)))
                .name("山田 太郎").nameKana("ヤマダ タロウ").email(key + "@example.jp").phone("090-1234-5678")
                .address("東京都千代田区丸の内1-1").appliedJob("営業（東京）");
        for (Attachment f : files) {
            b.attachment(f);
        }
        return new ImportRequest(key, "doda", b.build(), mayExist);
    }
}
