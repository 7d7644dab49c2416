package dev.renkei.core.testing;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.support.Checks;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.MediaConnectorProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media connector and the board (or simulator, or inbox) behind it, as {@link MediaConnectorContract} needs
 * them: the provider and its settings, working and refused credentials, the applications the board holds, and a
 * count of detail loads. Fresh per test; {@link #close()} stops what it started.
 */
public interface MediaFixture extends AutoCloseable {
    /** The provider under test. */
    MediaConnectorProvider provider();

    /** The medium settings the host gives the provider (e.g. a simulator's {@code baseUrl}). */
    Map<String, String> settings();

    /** Credentials the board accepts. */
    Credentials credentials();

    /** The account key a login with {@link #credentials()} must yield. */
    String accountKey();

    /** Credentials the board refuses; empty when nothing checks them (a local inbox). */
    Optional<Credentials> wrongCredentials();

    /** The code a login with {@link #wrongCredentials()} fails with. */
    default ErrorCode wrongCredentialsCode() {
        return ErrorCode.LOGIN_FAILED;
    }

    /**
     * The applications the account of {@link #credentials()} holds: at least two, with distinct listing times. The
     * contract lists from the middle one's time on; where the board filters by day, put an earlier application on
     * that day, so a connector that does not filter by time fails.
     */
    List<Held> applications();

    /**
     * How many detail loads (detail pages, per-application downloads) the board has served so far; empty when rows
     * arrive fully read (an export, an inbox) so there is nothing to count.
     */
    OptionalInt detailLoads();

    /** Stops the simulator; nothing by default. */
    @Override
    default void close() {}

    /**
     * One application the board holds.
     *
     * @param boardApplicationId the board's id
     * @param appliedAt when it was made, as the row and the loaded applicant must say
     * @param listedFrom what {@code listings(since)} compares with {@code since}: the applied-at on a board; the
     *     receipt time on an inbox, which lists late deliveries of old applications too
     */
    record Held(String boardApplicationId, Instant appliedAt, Instant listedFrom) {
        /** Validates. */
        public Held {
            Checks.notBlank(boardApplicationId, "board application id");
            Checks.notNull(appliedAt, "appliedAt");
            Checks.notNull(listedFrom, "listedFrom");
        }

        /** An application listed by its applied-at. */
        public static Held of(String boardApplicationId, Instant appliedAt) {
            return new Held(boardApplicationId, appliedAt, appliedAt);
        }
    }
}
