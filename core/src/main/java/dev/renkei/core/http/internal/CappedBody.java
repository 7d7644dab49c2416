package dev.renkei.core.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one request and reads its whole body, bounded by a size cap and by a deadline that covers the headers and
 * the complete body (a body that stalls after the headers times out too). Not API.
 */
public final class CappedBody {
    private CappedBody() {}

    /**
     * Sends once. A body over the cap (by {@code Content-Length} or as it arrives) fails with {@link SizeExceeded};
     * no answer within the deadline fails with {@link TimeoutException}; other failures are the client's.
     *
     * @throws InterruptedException when interrupted while waiting; the exchange is cancelled
     */
    public static Outcome send(HttpClient client, HttpRequest request, Duration deadline, long cap)
            throws InterruptedException {
        // set by the body subscriber: once the cap is hit, whatever the client reports next (a reset stream, a
        // closed connection) is the consequence of our cancel, not a transient I/O error to retry
        AtomicBoolean overCap = new AtomicBoolean();
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, info -> new CappedSubscriber(cap, info.headers(), overCap));
        try {
            return new Outcome(future.get(deadline.toNanos(), TimeUnit.NANOSECONDS), null);
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

    /** Raised when a body exceeds the cap. */
    public static final class SizeExceeded extends IOException {
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
}
