package dev.renkei.samples.bench;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.Listing;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;
import dev.renkei.core.spi.MediaSession;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A job board in the benchmark's JVM whose every request takes a configured time, so the ideal of a benchmark
 * follows from the latencies: a login takes {@code login}, a list page of {@code pageSize} rows takes {@code list},
 * a row's detail page (with its résumé) {@code detail}. Every login id is an account of {@code applications}
 * applications, newest first, one second apart; the account key is the login id. Requests are counted.
 */
final class LatencyBoard implements MediaConnectorProvider {
    /** The medium id. */
    static final String ID = "bench-latency";

    private final int applications;
    private final int pageSize;
    private final Duration login;
    private final Duration list;
    private final Duration detail;
    private final int resumeBytes;
    private final Instant newest = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.MINUTES);
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong listPages = new AtomicLong();
    private final AtomicLong detailPages = new AtomicLong();
    private final AtomicLong attachments = new AtomicLong();

    LatencyBoard(int applications, int pageSize, Duration login, Duration list, Duration detail, int resumeBytes) {
        this.applications = applications;
        this.pageSize = pageSize;
        this.login = login;
        this.list = list;
        this.detail = detail;
        this.resumeBytes = resumeBytes;
    }

    /** What the board has served so far. */
    record Counts(long logins, long listPages, long detailPages, long attachments) {}

    Counts counts() {
        return new Counts(logins.get(), listPages.get(), detailPages.get(), attachments.get());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        return credentials -> {
            pause(login);
            logins.incrementAndGet();
            String account = credentials.loginId();
            return new MediaSession() {
                @Override
                public String accountKey() {
                    return account;
                }

                @Override
                public Stream<Listing> listings(Instant since) {
                    int pages = (applications + pageSize - 1) / pageSize;
                    return IntStream.range(0, pages).boxed().flatMap(p -> page(account, p).stream())
                            .takeWhile(l -> !l.appliedAt().isBefore(since));
                }

                @Override
                public void close() {}
            };
        };
    }

    /** List page {@code p} (0 = newest): one request of the list latency. */
    private List<Listing> page(String account, int p) {
        pause(list);
        listPages.incrementAndGet();
        int first = p * pageSize + 1;
        return IntStream.rangeClosed(first, Math.min(applications, first + pageSize - 1))
                .mapToObj(n -> row(account, n)).toList();
    }

    private Listing row(String account, int n) {
        Instant at = newest.minusSeconds(n - 1L);
        String id = account + "-" + n;
        return Listing.of(id, at, () -> {
            pause(detail);
            detailPages.incrementAndGet();
            attachments.incrementAndGet();
            return Applicant.builder(id, at).name("応募者 " + n).email("a" + n + "@example.invalid")
                    .attachment(new Attachment("resume-" + n + ".pdf", "application/pdf", new byte[resumeBytes]))
                    .build();
        });
    }

    /** Waits a simulated request's time; an interrupt ends the request as a timeout. */
    static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorCode.TIMEOUT, "simulated request interrupted", e);
        }
    }
}
