package dev.renkei.core.http;

import java.net.CookieHandler;
import java.time.Duration;

/**
 * Per-call options of {@link HttpExecutor#execute(java.net.http.HttpRequest, CallOptions)}.
 *
 * @param retryUnsafe retry a POST/PATCH even without an {@code Idempotency-Key} header; only for calls the
 *     caller knows to be safe to repeat (e.g. a search sent as POST, a token request)
 * @param retry overrides the executor's retry policy, or {@code null}
 * @param deadline overrides the whole-response deadline, or {@code null}
 * @param maxResponseBytes overrides the size cap, or 0
 * @param cookies a per-session cookie jar (e.g. a board login), or {@code null}
 */
public record CallOptions(boolean retryUnsafe, RetryPolicy retry, Duration deadline, long maxResponseBytes,
                          CookieHandler cookies) {
    /** No overrides. */
    public static final CallOptions DEFAULT = new CallOptions(false, null, null, 0, null);

    /** A copy that keeps cookies in the given jar. */
    public CallOptions withCookies(CookieHandler jar) {
        return new CallOptions(retryUnsafe, retry, deadline, maxResponseBytes, jar);
    }

    /** A copy with another retry policy. */
    public CallOptions withRetry(RetryPolicy policy) {
        return new CallOptions(retryUnsafe, policy, deadline, maxResponseBytes, cookies);
    }

    /** A copy that allows retrying a non-idempotent method. */
    public CallOptions withRetryUnsafe() {
        return new CallOptions(true, retry, deadline, maxResponseBytes, cookies);
    }

    /** A copy with another deadline. */
    public CallOptions withDeadline(Duration d) {
        return new CallOptions(retryUnsafe, retry, d, maxResponseBytes, cookies);
    }

    /** A copy with another size cap. */
    public CallOptions withMaxResponseBytes(long n) {
        return new CallOptions(retryUnsafe, retry, deadline, n, cookies);
    }
}
