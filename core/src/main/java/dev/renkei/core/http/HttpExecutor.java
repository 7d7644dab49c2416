package dev.renkei.core.http;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.internal.Call;
import dev.renkei.core.http.internal.Exchange;
import dev.renkei.core.http.internal.HostLimiter;
import dev.renkei.core.http.internal.Retrying;
import dev.renkei.core.support.Checks;
import dev.renkei.core.internal.Keys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Retrying retrying;
    private final Exchange exchange;

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
        this.retrying = new Retrying(clock, sleeper, random);
        this.exchange = new Exchange(client);
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
        Call call = new Call(request,
                o.retry() != null ? o.retry() : retry,
                o.deadline() != null ? o.deadline() : deadline,
                o.maxResponseBytes() > 0 ? o.maxResponseBytes() : maxResponseBytes,
                Retrying.mayRetry(request, o.retryUnsafe()),
                o.cookies());
        HostLimiter limiter = limiterFor(request.uri());
        return retrying.execute(call, attempt -> exchange.send(call, limiter, attempt));
    }

    private HostLimiter limiterFor(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        RateLimit limit = limits.get(host);
        if (limit == null) {
            return null;
        }
        return limiters.computeIfAbsent(Keys.of(host, limit), h -> new HostLimiter(limit, clock, sleeper));
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
                throw new IllegalArgumentException("maxResponseBytes must be positive");
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
