package dev.renkei.core.testing;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.Listing;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;
import dev.renkei.core.spi.MediaSession;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A board in the test JVM, for engine tests that need what no HTTP stub can do cheaply: thousands of generated
 * applications with large résumés, a listing that hangs, a row that throws where nothing expects it. Counts how many
 * rows were loaded and how many loaded applicants were alive (loaded, not yet imported) at once.
 */
public final class InProcessBoard implements MediaConnectorProvider {
    /** One board account. */
    public static final class Account {
        final String accountKey;
        volatile int applications;
        volatile int resumeBytes = 16;
        volatile Instant newest = Instant.parse("2026-11-30T00:00:00Z");
        volatile int throwOnRow = -1;
        volatile CountDownLatch hangUntil;

        Account(String accountKey) {
            this.accountKey = accountKey;
        }

        /** How many applications it lists (ids {@code <accountKey>-1…}, newest first, one second apart). */
        public Account applications(int n) {
            this.applications = n;
            return this;
        }

        /** The size of each résumé. */
        public Account resumeBytes(int n) {
            this.resumeBytes = n;
            return this;
        }

        /** The applied-at of application 1. */
        public Account newest(Instant t) {
            this.newest = t;
            return this;
        }

        /** Row {@code n} (1-based) throws an {@link IllegalStateException} from {@code appliedAt()}. */
        public Account throwOnRow(int n) {
            this.throwOnRow = n;
            return this;
        }

        /** The listing blocks until the latch opens (or the reading thread is interrupted). */
        public Account hangUntil(CountDownLatch latch) {
            this.hangUntil = latch;
            return this;
        }
    }

    private final String id;
    private final Map<String, Account> byLogin = new ConcurrentHashMap<>();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger maxLive = new AtomicInteger();

    /** A board with the given medium id. */
    public InProcessBoard(String id) {
        this.id = id;
    }

    /** Adds (or returns) the account a login id reaches. */
    public Account account(String loginId, String accountKey) {
        return byLogin.computeIfAbsent(loginId, k -> new Account(accountKey));
    }

    /** Rows loaded so far. */
    public int loads() {
        return loads.get();
    }

    /** The most loaded applicants alive at once (loaded and not yet {@linkplain #released released}). */
    public int maxLive() {
        return maxLive.get();
    }

    /** Called by the test ATS once an applicant is imported: it is no longer needed. */
    public void released() {
        live.decrementAndGet();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        return credentials -> {
            Account account = byLogin.get(credentials.loginId());
            if (account == null) {
                throw new ConnectorException(ErrorCode.LOGIN_FAILED, id + ": unknown login id");
            }
            return new MediaSession() {
                @Override
                public String accountKey() {
                    return account.accountKey;
                }

                @Override
                public Stream<Listing> listings(Instant since) {
                    CountDownLatch hang = account.hangUntil;
                    if (hang != null) {
                        try {
                            hang.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new ConnectorException(ErrorCode.TIMEOUT, id + ": interrupted while listing", e);
                        }
                    }
                    return IntStream.rangeClosed(1, account.applications)
                            .mapToObj(i -> row(account, i))
                            .takeWhile(r -> r.number == account.throwOnRow || !r.at.isBefore(since))
                            .map(r -> (Listing) r);
                }

                @Override
                public void close() {}
            };
        };
    }

    private Row row(Account account, int i) {
        return new Row(account, i, account.newest.minusSeconds(i - 1L));
    }

    private final class Row implements Listing {
        final Account account;
        final int number;
        final Instant at;

        Row(Account account, int number, Instant at) {
            this.account = account;
            this.number = number;
            this.at = at;
        }

        @Override
        public String boardApplicationId() {
            return account.accountKey + "-" + number;
        }

        @Override
        public Instant appliedAt() {
            if (number == account.throwOnRow) {
                throw new IllegalStateException("row " + number + " is broken in a way nobody expected");
            }
            return at;
        }

        @Override
        public Applicant load() {
            loads.incrementAndGet();
            int now = live.incrementAndGet();
            maxLive.accumulateAndGet(now, Math::max);
            return Applicant.builder(boardApplicationId(), at).name("応募者 " + number)
                    .email("m" + number + "@example.jp")
                    .attachment(new Attachment("resume-" + number + ".pdf", "application/pdf",
                            new byte[account.resumeBytes]))
                    .build();
        }
    }
}
