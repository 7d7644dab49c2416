package dev.renkei.core.http;

import dev.renkei.core.internal.Checks;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * The one place connectors send HTTP through. Over {@link HttpClient} it adds: a connect timeout and a
 * whole-response deadline that also covers a body that stalls after the headers; retries for I/O errors and
 * 408/429/502/503/504 (POST and PATCH only with an {@code Idempotency-Key} header or when the caller says so);
 * exponential backoff with full jitter and a cap; {@code Retry-After} in seconds, HTTP-date or ISO-8601 form; an
 * optional per-host rate and concurrency limit; a response size cap; and logging with secrets redacted.
 *
 * <p>Immutable and thread-safe; share one instance. {@link #newBuilder()} derives an executor with other settings
 * that shares the HTTP client and the per-host limiters.
 */
public final class HttpExecutor {
    private static final System.Logger LOG = System.getLogger(HttpExecutor.class.getName());
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration deadline;
    private final RetryPolicy retry;
    private final long maxResponseBytes;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Map<String, RateLimit> limits;
    private final Map<String, HostLimiter> limiters;

    private HttpExecutor(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.client = b.client != null ? b.client : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.deadline = b.deadline;
        this.retry = b.retry;
        this.maxResponseBytes = b.maxResponseBytes;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.limits = Map.copyOf(b.limits);
        this.limiters = b.limiters != null ? b.limiters : new ConcurrentHashMap<>();
    }

    /** A builder with the defaults: connect 10 s, deadline 60 s, {@link RetryPolicy#DEFAULT}, 20 MiB cap. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this executor's settings and shares its client and limiters. */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.client = client;
        b.connectTimeout = connectTimeout;
        b.deadline = deadline;
        b.retry = retry;
        b.maxResponseBytes = maxResponseBytes;
        b.clock = clock;
        b.sleeper = sleeper;
        b.random = random;
        b.limits.putAll(limits);
        b.limiters = limiters;
        return b;
    }

    /** The clock this executor uses. */
    public Clock clock() {
        return clock;
    }

    /** The sleeper this executor uses. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** Sends a request with the default options. */
    public HttpResult execute(HttpRequest request) {
        return execute(request, CallOptions.DEFAULT);
    }

    /**
     * Sends a request, retrying as the policy allows, and returns the last response whatever its status.
     *
     * @throws ConnectorException {@link ErrorCode#TIMEOUT} when no response arrived within the deadline,
     *     {@link ErrorCode#UNAVAILABLE} on I/O errors, {@link ErrorCode#RESPONSE_TOO_LARGE} over the size cap,
     *     each after the allowed retries
     */
    public HttpResult execute(HttpRequest request, CallOptions options) {
        Objects.requireNonNull(request, "request");
        CallOptions o = options == null ? CallOptions.DEFAULT : options;
        RetryPolicy policy = o.retry() != null ? o.retry() : retry;
        Duration callDeadline = o.deadline() != null ? o.deadline() : deadline;
        long cap = o.maxResponseBytes() > 0 ? o.maxResponseBytes() : maxResponseBytes;
        boolean mayRetry = IDEMPOTENT.contains(request.method()) || o.retryUnsafe()
                || request.headers().firstValue("Idempotency-Key").isPresent();
        String what = request.method() + " " + Redaction.uri(request.uri());
        HostLimiter limiter = limiterFor(request.uri());

        for (int attempt = 1; ; attempt++) {
            HttpRequest toSend = withCookies(request, o.cookies());
            logRequest(toSend, attempt);
            Outcome outcome;
            try {
                if (limiter != null) {
                    limiter.acquire();
                }
                try {
                    outcome = sendOnce(toSend, callDeadline, cap);
                } finally {
                    if (limiter != null) {
                        limiter.release();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ErrorCode.UNAVAILABLE, what + " was interrupted", e);
            }
            boolean last = attempt >= policy.maxAttempts();
            if (outcome.response != null) {
                HttpResponse<byte[]> r = outcome.response;
                storeCookies(o.cookies(), request.uri(), r.headers());
                LOG.log(System.Logger.Level.DEBUG, () -> "← " + r.statusCode() + " " + what + " (" + r.body().length
                        + " bytes)");
                HttpResult result = new HttpResult(r.statusCode(), r.headers(), r.body(), request.uri(), attempt);
                if (!policy.retryStatuses().contains(r.statusCode()) || !mayRetry || last) {
                    return result;
                }
                Optional<Duration> retryAfter = retryAfter(r.headers());
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
            Throwable failure = outcome.failure;
            if (failure instanceof SizeExceeded) {
                throw new ConnectorException(ErrorCode.RESPONSE_TOO_LARGE,
                        what + " answered with more than " + cap + " bytes", what, null);
            }
            boolean notSent = failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
            boolean timeout = failure instanceof TimeoutException || failure instanceof HttpTimeoutException;
            if (last || !(mayRetry || notSent)) {
                final int tries = attempt;
                LOG.log(System.Logger.Level.DEBUG, () -> what + " failed after " + tries + " attempt(s): "
                        + Redaction.oneLine(failure.toString()));
                throw new ConnectorException(timeout ? ErrorCode.TIMEOUT : ErrorCode.UNAVAILABLE,
                        what + (timeout ? " did not answer within " + callDeadline : " failed: "
                                + failure.getClass().getSimpleName()) + " (attempt " + attempt + ")",
                        what, failure);
            }
            pause(backoff(policy, attemptIndex(attempt)), what);
        }
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

    /**
     * Parses {@code Retry-After}: delay-seconds, an HTTP-date, or an ISO-8601 date-time (Zoom). A time in the past
     * means "now".
     */
    Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, clock.instant()));
    }

    /** Parses a {@code Retry-After} value relative to {@code now}; empty when unparseable. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException ignored) {
            // not seconds
        }
        Instant at = null;
        try {
            at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException ignored) {
            try {
                at = OffsetDateTime.parse(v).toInstant();
            } catch (RuntimeException ignored2) {
                try {
                    at = Instant.parse(v);
                } catch (RuntimeException ignored3) {
                    return Optional.empty();
                }
            }
        }
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }

    private Outcome sendOnce(HttpRequest request, Duration callDeadline, long cap) throws InterruptedException {
        // set by the body subscriber: once the cap is hit, whatever the client reports next (a reset stream, a
        // closed connection) is the consequence of our cancel, not a transient I/O error to retry
        AtomicBoolean overCap = new AtomicBoolean();
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, info -> new CappedSubscriber(cap, info.headers(), overCap));
        try {
            return new Outcome(future.get(callDeadline.toNanos(), TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome(null, overCap.get() ? new SizeExceeded(cap) : e);
        } catch (ExecutionException e) {
            if (overCap.get()) {
                return new Outcome(null, new SizeExceeded(cap));
            }
            Throwable cause = e.getCause();
            return new Outcome(null, cause == null ? e : cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private HttpRequest withCookies(HttpRequest request, CookieHandler jar) {
        if (jar == null) {
            return request;
        }
        try {
            Map<String, List<String>> cookies = jar.get(request.uri(), request.headers().map());
            List<String> values = cookies.getOrDefault("Cookie", List.of());
            if (values.isEmpty()) {
                return request;
            }
            return HttpRequest.newBuilder(request, (n, v) -> !n.equalsIgnoreCase("Cookie"))
                    .header("Cookie", String.join("; ", values))
                    .build();
        } catch (IOException e) {
            return request;
        }
    }

    private static void storeCookies(CookieHandler jar, URI uri, HttpHeaders headers) {
        if (jar == null) {
            return;
        }
        try {
            jar.put(uri, headers.map());
        } catch (IOException ignored) {
            // a cookie the jar cannot store is dropped, as a browser would
        }
    }

    private void logRequest(HttpRequest request, int attempt) {
        if (!LOG.isLoggable(System.Logger.Level.DEBUG)) {
            return;
        }
        StringBuilder sb = new StringBuilder("→ ").append(request.method()).append(' ')
                .append(Redaction.uri(request.uri())).append(" attempt ").append(attempt);
        request.headers().map().forEach((k, vs) -> vs.forEach(v -> sb.append("\n  ").append(k).append(": ")
                .append(Redaction.header(k, v))));
        LOG.log(System.Logger.Level.DEBUG, sb.toString());
    }

    private HostLimiter limiterFor(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        RateLimit limit = limits.get(host);
        if (limit == null) {
            return null;
        }
        return limiters.computeIfAbsent(host + "|" + limit, h -> new HostLimiter(limit, clock, sleeper));
    }

    private record Outcome(HttpResponse<byte[]> response, Throwable failure) {}

    /** Raised when a body exceeds the cap. */
    static final class SizeExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        SizeExceeded(long cap) {
            super("response exceeds " + cap + " bytes");
        }
    }

    /** Collects the body, cancelling the stream as soon as it exceeds the cap. */
    private static final class CappedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final long cap;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final AtomicBoolean overCap;
        private Flow.Subscription subscription;

        CappedSubscriber(long cap, HttpHeaders headers, AtomicBoolean overCap) {
            this.cap = cap;
            this.overCap = overCap;
            headers.firstValueAsLong("Content-Length").ifPresent(len -> {
                if (len > cap) {
                    exceeded();
                }
            });
        }

        private void exceeded() {
            overCap.set(true);
            result.completeExceptionally(new SizeExceeded(cap));
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
            if (out.size() > cap) {
                exceeded();
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }

    /** Token bucket plus concurrency semaphore for one host. */
    private static final class HostLimiter {
        private final RateLimit limit;
        private final Clock clock;
        private final Sleeper sleeper;
        private final Semaphore inFlight;
        private double tokens;
        private Instant refilledAt;

        HostLimiter(RateLimit limit, Clock clock, Sleeper sleeper) {
            this.limit = limit;
            this.clock = clock;
            this.sleeper = sleeper;
            this.inFlight = limit.maxConcurrent() > 0 ? new Semaphore(limit.maxConcurrent(), true) : null;
            this.tokens = limit.burst();
            this.refilledAt = clock.instant();
        }

        void acquire() throws InterruptedException {
            if (inFlight != null) {
                inFlight.acquire();
            }
            try {
                while (true) {
                    Duration wait;
                    synchronized (this) {
                        Instant now = clock.instant();
                        double perNano = (double) limit.permits() / limit.period().toNanos();
                        long elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos());
                        tokens = Math.min(limit.burst(), tokens + elapsed * perNano);
                        refilledAt = now;
                        if (tokens >= 1) {
                            tokens -= 1;
                            return;
                        }
                        wait = Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
                    }
                    Instant before = clock.instant();
                    sleeper.sleep(wait);
                    if (!clock.instant().isAfter(before)) {
                        // a clock that does not move with the sleeper (a fixed test clock): count the wait as
                        // elapsed instead of spinning forever
                        synchronized (this) {
                            refilledAt = refilledAt.minus(wait);
                        }
                    }
                }
            } catch (InterruptedException | RuntimeException e) {
                if (inFlight != null) {
                    inFlight.release();
                }
                throw e;
            }
        }

        void release() {
            if (inFlight != null) {
                inFlight.release();
            }
        }
    }

    /** Builds an {@link HttpExecutor}. */
    public static final class Builder {
        private HttpClient client;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration deadline = Duration.ofSeconds(60);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private long maxResponseBytes = 20L * 1024 * 1024;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = RandomGenerator.getDefault();
        private final Map<String, RateLimit> limits = new HashMap<>();
        private Map<String, HostLimiter> limiters;

        private Builder() {}

        /** Uses a host-supplied client (its own timeouts apply to connects; keep redirects off). */
        public Builder httpClient(HttpClient c) {
            this.client = Objects.requireNonNull(c);
            return this;
        }

        /** Connect timeout (default 10 s). */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Checks.positive(d, "connectTimeout");
            return this;
        }

        /** Whole-response deadline per attempt: headers and the complete body (default 60 s). */
        public Builder deadline(Duration d) {
            this.deadline = Checks.positive(d, "deadline");
            return this;
        }

        /** Retry policy. */
        public Builder retry(RetryPolicy p) {
            this.retry = Objects.requireNonNull(p);
            return this;
        }

        /** Response size cap in bytes (default 20 MiB). */
        public Builder maxResponseBytes(long n) {
            if (n < 1) {
                throw new ValidationException("maxResponseBytes must be positive");
            }
            this.maxResponseBytes = n;
            return this;
        }

        /** Clock for {@code Retry-After} dates and rate limits. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Sleeper for backoff and rate limits. */
        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s);
            return this;
        }

        /** Random source for jitter. */
        public Builder random(RandomGenerator r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        /** A client-side rate/concurrency limit for one host name. */
        public Builder rateLimit(String host, RateLimit limit) {
            limits.put(host.toLowerCase(Locale.ROOT), Objects.requireNonNull(limit));
            return this;
        }

        /** Builds the executor. */
        public HttpExecutor build() {
            return new HttpExecutor(this);
        }

    }
}
