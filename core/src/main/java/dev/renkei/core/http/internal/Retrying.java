package dev.renkei.core.http.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.http.Sleeper;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * The retry loop: retries the policy's statuses and I/O errors (a request that may have arrived only when it may
 * be repeated), waits {@code Retry-After} plus jitter or exponential backoff with full jitter, gives up when the
 * server asks for a wait beyond the cap, and turns the last failure into a {@link ConnectorException}. Not API.
 */
public final class Retrying {
    private static final System.Logger LOG = System.getLogger(HttpExecutor.class.getName());
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    /** Origins (scheme://host:port) that have answered with any HTTP response through this loop. */
    private final Set<String> reached = ConcurrentHashMap.newKeySet();

    /** A loop that reads {@code Retry-After} dates against {@code clock} and waits with {@code sleeper}. */
    public Retrying(Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** One attempt of a call, numbered from 1. */
    @FunctionalInterface
    public interface Attempt {
        /** Sends the attempt. */
        Outcome send(int attempt) throws InterruptedException;
    }

    /**
     * True when a request may be sent again after it may have arrived: an idempotent method, an
     * {@code Idempotency-Key} header, or the caller's word.
     */
    public static boolean mayRetry(HttpRequest request, boolean retryUnsafe) {
        return IDEMPOTENT.contains(request.method()) || retryUnsafe
                || request.headers().firstValue("Idempotency-Key").isPresent();
    }

    /**
     * Sends attempts until one answers with a status that is not retried, or the policy is spent, and returns the
     * last response whatever its status.
     *
     * @throws ConnectorException {@link ErrorCode#TIMEOUT}, {@link ErrorCode#UNAVAILABLE},
     *     {@link ErrorCode#RESPONSE_TOO_LARGE}, or {@link ErrorCode#CONFIGURATION_INVALID} for a connection refused by
     *     an address that never answered, when the last attempt got no response
     */
    public HttpResult execute(Call call, Attempt send) {
        RetryPolicy policy = call.policy();
        String what = call.what();
        for (int attempt = 1; ; attempt++) {
            Outcome outcome;
            try {
                outcome = send.send(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ErrorCode.UNAVAILABLE, what + " was interrupted", e);
            }
            boolean last = attempt >= policy.maxAttempts();
            if (outcome.response() != null) {
                HttpResponse<byte[]> r = outcome.response();
                reached.add(origin(call.request().uri()));
                HttpResult result = new HttpResult(r.statusCode(), r.headers(), r.body(), call.request().uri(),
                        attempt);
                if (!policy.retryStatuses().contains(r.statusCode()) || !call.mayRetry() || last) {
                    return result;
                }
                Optional<Duration> retryAfter = RetryAfter.of(r.headers(), clock.instant());
                if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxDelay()) > 0) {
                    LOG.log(System.Logger.Level.DEBUG, () -> what + ": Retry-After " + retryAfter.get()
                            + " is beyond the retry cap; giving up for now");
                    return result;
                }
                Duration wait = retryAfter.isPresent()
                        ? retryAfter.get().plus(jitter(policy.baseDelay()))
                        : backoff(policy, attemptIndex(attempt));
                if (r.statusCode() == 429 && retryAfter.isEmpty() && wait.compareTo(policy.baseDelay()) < 0) {
                    wait = policy.baseDelay();
                }
                pause(wait, what);
                continue;
            }
            Throwable failure = outcome.failure();
            if (failure instanceof CappedBody.SizeExceeded) {
                throw new ConnectorException(ErrorCode.RESPONSE_TOO_LARGE,
                        what + " answered with more than " + call.maxResponseBytes() + " bytes", what, null);
            }
            boolean notSent = failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
            boolean timeout = failure instanceof TimeoutException || failure instanceof HttpTimeoutException;
            if (last || !(call.mayRetry() || notSent)) {
                final int tries = attempt;
                LOG.log(System.Logger.Level.DEBUG, () -> what + " failed after " + tries + " attempt(s): "
                        + Redaction.oneLine(failure.toString()));
                if (failure instanceof ConnectException) {
                    throw connectFailure(call.request().uri(), what, attempt, failure);
                }
                throw new ConnectorException(timeout ? ErrorCode.TIMEOUT : ErrorCode.UNAVAILABLE,
                        what + (timeout ? " did not answer within " + call.deadline() : " failed: "
                                + failure.getClass().getSimpleName()) + " (attempt " + attempt + ")",
                        what, failure);
            }
            pause(backoff(policy, attemptIndex(attempt)), what);
        }
    }

    /**
     * A connection that could not be made. When nothing has ever answered at that address through this executor,
     * the address itself is the likely fault (a typo, a port nobody listens on): the customer is told to check it
     * ({@code CONFIGURATION_INVALID}, action required) rather than that the next run will heal it. Once the host has
     * answered, a refused connection is an outage ({@code UNAVAILABLE}, the next run retries).
     */
    private ConnectorException connectFailure(URI uri, String what, int attempt, Throwable failure) {
        String where = Redaction.uri(URI.create(origin(uri)));
        String reason = failure.getMessage() == null || failure.getMessage().isBlank()
                ? "connection refused" : Redaction.oneLine(failure.getMessage());
        if (!reached.contains(origin(uri))) {
            return new ConnectorException(ErrorCode.CONFIGURATION_INVALID, "could not connect to " + where + " ("
                    + reason + ") and nothing has answered there yet: check the address in the settings; if it is "
                    + "right, make sure the service is running (attempt " + attempt + ")", what, failure);
        }
        return new ConnectorException(ErrorCode.UNAVAILABLE, "could not connect to " + where + " (" + reason
                + "); it answered before, so the next run retries (attempt " + attempt + ")", what, failure);
    }

    private static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT) + "://"
                + String.valueOf(uri.getHost()).toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    private static int attemptIndex(int attempt) {
        return attempt - 1;
    }

    private void pause(Duration wait, String what) {
        LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + what + " in " + wait);
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorCode.UNAVAILABLE, what + " was interrupted while waiting to retry", e);
        }
    }

    /** Full jitter: random(0, min(cap, base·2^n)). */
    private Duration backoff(RetryPolicy p, int n) {
        long base = p.baseDelay().toMillis();
        long ceiling = Math.min(p.maxDelay().toMillis(), base * (1L << Math.min(n, 30)));
        return Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1));
    }

    private Duration jitter(Duration base) {
        long ms = base.toMillis();
        return Duration.ofMillis(ms <= 0 ? 0 : random.nextLong(ms + 1));
    }
}
