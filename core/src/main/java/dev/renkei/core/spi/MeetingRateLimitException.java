package dev.renkei.core.spi;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import java.time.Instant;
import java.util.Optional;

/**
 * A meeting service limited the request rate ({@link ErrorCode#RATE_LIMITED}, no action needed: a later call
 * succeeds). Says until when, when the service said so, and whether it was the per-host daily limit on meeting
 * creates and updates (Zoom: 100 a day per host, reset at 00:00 UTC), which the meeting service then counts as used up.
 */
public class MeetingRateLimitException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    private final Instant retryAt;
    private final boolean hostDailyLimit;

    /**
     * A rate-limit failure.
     *
     * @param message what was refused and when to try again
     * @param detail technical detail for the operator, or {@code null}
     * @param retryAt when the service accepts requests again, or {@code null} when it did not say
     * @param hostDailyLimit true when the host's daily meeting create/update limit was reached
     */
    public MeetingRateLimitException(String message, String detail, Instant retryAt, boolean hostDailyLimit) {
        super(ErrorCode.RATE_LIMITED, message, detail, null);
        this.retryAt = retryAt;
        this.hostDailyLimit = hostDailyLimit;
    }

    /** When the service accepts requests again, if it said. */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }

    /** True when the host's daily meeting create/update limit was reached. */
    public boolean hostDailyLimit() {
        return hostDailyLimit;
    }
}
