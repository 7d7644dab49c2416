package dev.renkei.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.mail.MailSendException;
import dev.renkei.core.mail.MailSender;
import dev.renkei.core.mail.OutboxRelay;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.MailOutbox.LeasedMail;
import dev.renkei.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox's leases and their fencing, on a store whose clock the test moves, and relays that share it: a fresh
 * store per test. Every implementation runs it (in memory, H2, PostgreSQL).
 */
public abstract class OutboxContract {
    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final TenantId TENANT = TenantId.of("acme");

    /** A new, empty store whose clock ({@link RenkeiStore#now()}) is {@code clock}. */
    protected abstract RenkeiStore newStore(Clock clock);

    private final MutableClock storeClock = new MutableClock(T0);
    /** What reached the "SMTP server", as {@code relay:mailId}, in order. */
    private final List<String> deliveries = Collections.synchronizedList(new ArrayList<>());
    private RenkeiStore store;
    private MailOutbox outbox;
    private ExecutorService threads;

    @BeforeEach
    void freshStore() {
        store = newStore(storeClock);
        outbox = store.outbox();
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    // --- the store ----------------------------------------------------------------------------------------------

    @Test
    void claimDueLeasesMailsUntilSentFailedOrExpired() {
        OutboxMail a = mail("a", T0.minusSeconds(60));
        OutboxMail b = mail("b", T0);
        OutboxMail later = mail("later", T0.plus(Duration.ofHours(1)));
        List.of(a, b, later).forEach(outbox::enqueue);

        List<LeasedMail> first = outbox.claimDue(100, "relay-1", LEASE);
        assertThat(first).extracting(LeasedMail::mail).containsExactly(a, b);
        assertThat(first).extracting(LeasedMail::leasedUntil).containsOnly(T0.plus(LEASE));
        assertThat(outbox.claimDue(100, "relay-2", LEASE)).isEmpty();

        storeClock.advance(Duration.ofMinutes(6));
        List<LeasedMail> second = outbox.claimDue(100, "relay-2", LEASE);
        assertThat(second).extracting(LeasedMail::mail).containsExactly(a, b);
        assertThat(second).extracting(LeasedMail::token).doesNotContainAnyElementsOf(
                first.stream().map(LeasedMail::token).toList());

        assertThat(outbox.markSent(a.id(), second.get(0).token())).isTrue();
        assertThat(outbox.markFailed(b.id(), second.get(1).token(), "451 try again later", Duration.ofHours(1),
                false)).isTrue();

        OutboxMail sent = outbox.find(a.id()).orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        OutboxMail retry = outbox.find(b.id()).orElseThrow();
        assertThat(retry.status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.lastError()).isEqualTo("451 try again later");
        assertThat(retry.nextAttemptAt()).as("an hour from the store's now").isEqualTo(
                T0.plus(Duration.ofMinutes(6)).plus(Duration.ofHours(1)));

        // failure releases the lease, but the mail is not due before its next attempt
        storeClock.set(T0.plus(Duration.ofMinutes(7)));
        assertThat(outbox.claimDue(100, "relay-3", LEASE)).isEmpty();
        storeClock.set(T0.plus(Duration.ofHours(2)));
        List<LeasedMail> third = outbox.claimDue(100, "relay-3", LEASE);
        assertThat(third).extracting(m -> m.mail().id()).containsExactly(later.id(), b.id());
        assertThat(outbox.markFailed(b.id(), third.get(1).token(), "550 mailbox unavailable", Duration.ZERO, true))
                .isTrue();

        assertThat(outbox.list(OutboxMail.Status.DEAD)).extracting(OutboxMail::id).containsExactly(b.id());
        assertThat(outbox.list(OutboxMail.Status.SENT)).extracting(OutboxMail::id).containsExactly(a.id());
        storeClock.advance(Duration.ofDays(1));
        assertThat(outbox.claimDue(100, "relay-4", LEASE)).extracting(m -> m.mail().id())
                .containsExactly(later.id());
    }

    @Test
    void claimDueHonoursTheLimitOldestDueFirst() {
        for (int i = 0; i < 5; i++) {
            outbox.enqueue(mail("limit-" + i, T0.minusSeconds(10 - i)));
        }

        List<LeasedMail> firstBatch = outbox.claimDue(3, "relay-1", LEASE);
        List<LeasedMail> rest = outbox.claimDue(1000, "relay-2", LEASE);

        assertThat(firstBatch).extracting(m -> m.mail().id()).containsExactly("limit-0", "limit-1", "limit-2");
        assertThat(rest).extracting(m -> m.mail().id()).containsExactly("limit-3", "limit-4");
        storeClock.advance(Duration.ofDays(1));
        assertThat(outbox.claimDue(0, "relay-3", LEASE)).isEmpty();
    }

    @Test
    void aStaleTokenIsRefusedOnceAnotherRelayClaimedTheMail() {
        OutboxMail m = mail("m-1", T0);
        outbox.enqueue(m);
        LeasedMail a = outbox.claimDue(10, "relay-a", LEASE).get(0);
        assertThat(outbox.holdsLease(m.id(), a.token())).isTrue();
        assertThat(outbox.markSent(m.id(), "a-token-nobody-was-given")).isFalse();

        storeClock.advance(LEASE); // the lease ends: by the store's clock, whatever relay A's clock says
        assertThat(outbox.holdsLease(m.id(), a.token())).isFalse();
        LeasedMail b = outbox.claimDue(10, "relay-b", LEASE).get(0);
        assertThat(b.token()).isNotEqualTo(a.token());

        assertThat(outbox.markSent(m.id(), a.token())).isFalse();
        assertThat(outbox.markFailed(m.id(), a.token(), "421 try later", Duration.ofMinutes(1), false)).isFalse();
        assertThat(outbox.markFailed(m.id(), a.token(), "550 refused", Duration.ZERO, true)).isFalse();
        assertThat(outbox.find(m.id())).as("refused marks change nothing").contains(m);

        assertThat(outbox.holdsLease(m.id(), b.token())).isTrue();
        assertThat(outbox.markSent(m.id(), b.token())).isTrue();
        assertThat(outbox.markSent(m.id(), b.token())).as("the lease ended with the mark").isFalse();
        assertThat(outbox.markFailed(m.id(), b.token(), "late", Duration.ofMinutes(1), false)).isFalse();
        OutboxMail sent = outbox.find(m.id()).orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.lastError()).isNull();
    }

    @Test
    void aMarkAfterTheLeaseRanOutCountsWhileNoOtherRelayClaimedTheMail() {
        OutboxMail m = mail("m-1", T0);
        outbox.enqueue(m);
        LeasedMail a = outbox.claimDue(10, "relay-a", LEASE).get(0);

        storeClock.advance(LEASE.plusMinutes(1));

        assertThat(outbox.holdsLease(m.id(), a.token())).as("too late to start a send").isFalse();
        assertThat(outbox.markSent(m.id(), a.token())).as("but the send it finished still counts").isTrue();
        assertThat(outbox.find(m.id()).orElseThrow().status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(outbox.claimDue(10, "relay-b", LEASE)).isEmpty();
    }

    // --- relays on this store -----------------------------------------------------------------------------------

    @Test
    void aRelayPausedPastItsLeaseHasItsMarkRefusedAndSendsNothingItNoLongerHolds() throws Exception {
        outbox.enqueue(mail("m-1", T0));
        outbox.enqueue(mail("m-2", T0));
        Pause aPause = new Pause();
        Pause bPause = new Pause();
        // A delivers m-1 and stalls (a GC pause) before its mark; its own clock does not move meanwhile, so only
        // the store can tell it that its lease is gone. B, which took over, is itself between send and mark.
        OutboxRelay a = relay("relay-a", recording("A", aPause), new MutableClock(T0));
        OutboxRelay b = relay("relay-b", recording("B", bPause), storeClock);

        Future<Integer> aRun = threads.submit(a::sendDue);
        aPause.awaitPaused();
        storeClock.advance(LEASE.plusMinutes(1));
        Future<Integer> bRun = threads.submit(b::sendDue);
        bPause.awaitPaused();
        aPause.resume();

        assertThat(aRun.get(30, TimeUnit.SECONDS)).as("A's mark is refused; m-2 is not A's any more").isZero();
        assertThat(outbox.find("m-1")).as("A's refused mark changed nothing").contains(mail("m-1", T0));
        bPause.resume();
        assertThat(bRun.get(30, TimeUnit.SECONDS)).isEqualTo(2);

        assertThat(deliveries).containsExactly("A:m-1", "B:m-1", "B:m-2");
        for (String id : List.of("m-1", "m-2")) {
            OutboxMail m = outbox.find(id).orElseThrow();
            assertThat(m.status()).isEqualTo(OutboxMail.Status.SENT);
            assertThat(m.attempts()).as("B's mark of " + id + " only").isEqualTo(1);
        }
        storeClock.advance(Duration.ofDays(1));
        assertThat(a.sendDue()).isZero();
        assertThat(b.sendDue()).isZero();
        assertThat(deliveries).hasSize(3);
    }

    @Test
    void aFailureReportedAfterATakeoverDoesNotUndoTheOtherRelaysSend() throws Exception {
        outbox.enqueue(mail("m-1", T0));
        Pause aPause = new Pause();
        Pause bPause = new Pause();
        AtomicInteger triedByA = new AtomicInteger();
        MailSender stallsThenFails = mail -> {
            triedByA.incrementAndGet();
            aPause.pause();
            throw new MailSendException(ErrorCode.TIMEOUT, "SMTP read timed out", true, null);
        };
        OutboxRelay a = relay("relay-a", stallsThenFails, new MutableClock(T0));
        OutboxRelay b = relay("relay-b", recording("B", bPause), storeClock);

        Future<Integer> aRun = threads.submit(a::sendDue);
        aPause.awaitPaused();
        storeClock.advance(LEASE.plusMinutes(1));
        Future<Integer> bRun = threads.submit(b::sendDue);
        bPause.awaitPaused();
        aPause.resume();

        assertThat(aRun.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(outbox.find("m-1")).as("A's late failure is not recorded").contains(mail("m-1", T0));
        bPause.resume();
        assertThat(bRun.get(30, TimeUnit.SECONDS)).isEqualTo(1);

        OutboxMail m = outbox.find("m-1").orElseThrow();
        assertThat(m.status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.lastError()).isNull();
        storeClock.advance(Duration.ofDays(1));
        assertThat(a.sendDue()).isZero();
        assertThat(b.sendDue()).isZero();
        assertThat(deliveries).containsExactly("B:m-1");
        assertThat(triedByA).hasValue(1);
    }

    @Test
    void dueTimesAndLeasesFollowTheStoreClockWhenRelayClocksAreHoursApart() {
        outbox.enqueue(mail("m-1", T0));
        outbox.enqueue(mail("m-2", T0.plus(Duration.ofMinutes(10))));
        Clock hoursBehind = Clock.offset(storeClock, Duration.ofHours(-3));
        Clock hoursAhead = Clock.offset(storeClock, Duration.ofHours(3));
        OutboxRelay b = relay("relay-b", recording("B"), hoursAhead);
        AtomicInteger sentByB = new AtomicInteger(-1);
        // while A sends m-1, a minute into its lease by the store's clock, B (3 h ahead) looks at the outbox
        MailSender aSender = mail -> {
            deliveries.add("A:" + mail.id());
            if (mail.id().equals("m-1")) {
                storeClock.advance(Duration.ofMinutes(1));
                sentByB.set(b.sendDue());
            }
        };
        OutboxRelay a = relay("relay-a", aSender, hoursBehind);

        assertThat(a.sendDue()).as("m-1 is due by the store's clock, though not by A's").isEqualTo(1);
        assertThat(sentByB).as("A's lease is live by the store's clock, though not by B's").hasValue(0);
        assertThat(b.sendDue()).as("m-2 is not due by the store's clock, though it is by B's").isZero();

        storeClock.set(T0.plus(Duration.ofMinutes(10)));
        assertThat(a.sendDue()).isEqualTo(1);
        assertThat(deliveries).containsExactly("A:m-1", "A:m-2");
    }

    @Test
    void theNextAttemptIsCountedFromTheStoreClockNotTheRelays() {
        outbox.enqueue(mail("m-1", T0));
        AtomicInteger attempts = new AtomicInteger();
        MailSender down = mail -> {
            attempts.incrementAndGet();
            throw new MailSendException(ErrorCode.UNAVAILABLE, "SMTP server unreachable", true, null);
        };
        OutboxRelay a = relay("relay-a", down, Clock.offset(storeClock, Duration.ofHours(-3)));

        assertThat(a.sendDue()).isZero();
        assertThat(outbox.find("m-1").orElseThrow().nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(a.sendDue()).isZero();
        assertThat(attempts).as("not due again before the backoff, by the store's clock").hasValue(1);

        storeClock.advance(Duration.ofMinutes(1));
        assertThat(a.sendDue()).isZero();
        assertThat(attempts).hasValue(2);
        assertThat(outbox.find("m-1").orElseThrow().nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private OutboxRelay relay(String owner, MailSender sender, Clock relayClock) {
        return OutboxRelay.builder().outbox(outbox).sender(sender).clock(relayClock).owner(owner).lease(LEASE)
                .backoff(Duration.ofMinutes(1)).maxBackoff(Duration.ofHours(1)).maxAttempts(5).build();
    }

    private MailSender recording(String relay) {
        return mail -> deliveries.add(relay + ":" + mail.id());
    }

    /** Records the delivery, then stalls on the first mail until the test resumes it. */
    private MailSender recording(String relay, Pause pause) {
        return mail -> {
            deliveries.add(relay + ":" + mail.id());
            if (mail.id().equals("m-1")) {
                pause.pause();
            }
        };
    }

    private static OutboxMail mail(String id, Instant due) {
        return new OutboxMail(id, TENANT, "robot@example.com", List.of("hr@example.com"), List.of(), "結果 " + id,
                "本文 " + id, null, OutboxMail.Status.PENDING, 0, due, null, T0.minus(Duration.ofHours(1)));
    }

    /** A relay's stall inside its sender, released by the test. */
    private static final class Pause {
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch resumed = new CountDownLatch(1);

        /** Called by the sender: stalls until {@link #resume()}. */
        void pause() {
            paused.countDown();
            try {
                if (!resumed.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never resumed the paused relay");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while paused", e);
            }
        }

        void awaitPaused() throws InterruptedException {
            assertThat(paused.await(30, TimeUnit.SECONDS)).as("the relay reached its sender").isTrue();
        }

        void resume() {
            resumed.countDown();
        }
    }
}
