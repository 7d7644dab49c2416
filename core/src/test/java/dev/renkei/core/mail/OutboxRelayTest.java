package dev.renkei.core.mail;

import dev.renkei.core.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.renkei.core.StoreException;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.store.MailOutbox;
import dev.renkei.core.store.MailOutbox.LeasedMail;
import dev.renkei.core.store.OutboxMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The outbox relay over a real SMTP server (GreenMail) with an injected clock. */
class OutboxRelayTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryStore store = new InMemoryStore(clock);
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicReference<MailSender> target = new AtomicReference<>();
    /** Counts every attempt, then hands the mail to the current target (a real SMTP sender). */
    private final MailSender counting = mail -> {
        attempts.incrementAndGet();
        target.get().send(mail);
    };
    private SmtpMailSender greenMailSender;
    private SmtpMailSender downSender;

    @BeforeEach
    void setUp() throws Exception {
        greenMailSender = SmtpMailSender.builder().host(greenMail.getSmtp().getServerSetup().getBindAddress())
                .port(greenMail.getSmtp().getPort()).build();
        downSender = SmtpMailSender.builder().host("127.0.0.1").port(MailFixtures.closedPort())
                .connectTimeout(Duration.ofSeconds(2)).build();
        target.set(greenMailSender);
    }

    private OutboxRelay.Builder relay(MailOutbox outbox) {
        return OutboxRelay.builder().outbox(outbox).sender(counting).clock(clock).owner("relay-a")
                .lease(Duration.ofMinutes(5)).backoff(Duration.ofMinutes(1)).maxBackoff(Duration.ofHours(1)).maxAttempts(5);
    }

    private OutboxRelay relay() {
        return relay(store.outbox()).build();
    }

    private static OutboxMail mail(String id, String to) {
        return OutboxMail.pending(id, TenantId.of("acme"), "noreply@renkei.example", List.of(to), List.of(),
                "結果 " + id, "本文 " + id, "<p>" + id + "</p>", T0);
    }

    private OutboxMail stored(String id) {
        return store.outbox().find(id).orElseThrow();
    }

    @Test
    void sendsDueMailsMarksThemSentAndDeliversEachExactlyOnceAcrossRelayRuns() {
        for (int i = 1; i <= 3; i++) {
            store.outbox().enqueue(mail("m-" + i, "hr" + i + "@acme.example"));
        }
        OutboxRelay relay = relay();

        assertThat(relay.sendDue()).isEqualTo(3);
        clock.advance(Duration.ofHours(2));
        assertThat(relay.sendDue()).isZero();
        assertThat(relay().sendDue()).isZero();

        assertThat(greenMail.getReceivedMessages()).hasSize(3);
        assertThat(attempts).hasValue(3);
        assertThat(store.outbox().list(OutboxMail.Status.SENT)).extracting(OutboxMail::id)
                .containsExactly("m-1", "m-2", "m-3");
        assertThat(stored("m-1").attempts()).isEqualTo(1);
    }

    @Test
    void retriesWithExponentialBackoffWhileSmtpIsDownThenMarksSentOnceDelivered() throws Exception {
        store.outbox().enqueue(mail("m-1", "hr@acme.example"));
        target.set(downSender);
        OutboxRelay relay = relay();

        assertThat(relay.sendDue()).isZero();
        OutboxMail afterFirst = stored("m-1");
        assertThat(afterFirst.status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(afterFirst.lastError()).contains("could not be reached");

        clock.set(T0.plusSeconds(59));
        assertThat(relay.sendDue()).isZero();
        assertThat(attempts).as("not due yet: no attempt").hasValue(1);

        clock.set(T0.plus(Duration.ofMinutes(1)));
        assertThat(relay.sendDue()).isZero();
        assertThat(stored("m-1").attempts()).isEqualTo(2);
        assertThat(stored("m-1").nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(3))); // 1 min, then 2 min

        target.set(greenMailSender); // the SMTP server is back
        clock.set(T0.plus(Duration.ofMinutes(3)).minusSeconds(1));
        assertThat(relay.sendDue()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        clock.set(T0.plus(Duration.ofMinutes(3)));
        assertThat(relay.sendDue()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        assertThat(relay.sendDue()).isZero();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("結果 m-1");
        assertThat(stored("m-1").status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aMailIsDeadAfterMaxAttemptsAndNeverTriedAgain() {
        store.outbox().enqueue(mail("m-1", "hr@acme.example"));
        target.set(downSender);
        OutboxRelay relay = relay(store.outbox()).maxAttempts(3).build();

        for (int i = 0; i < 3; i++) {
            clock.set(stored("m-1").nextAttemptAt());
            assertThat(relay.sendDue()).isZero();
        }
        assertThat(stored("m-1").status()).isEqualTo(OutboxMail.Status.DEAD);
        assertThat(stored("m-1").attempts()).isEqualTo(3);

        target.set(greenMailSender);
        clock.advance(Duration.ofDays(1));
        assertThat(relay.sendDue()).isZero();
        assertThat(attempts).hasValue(3);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void backoffDoublesUpToTheCap() {
        OutboxRelay relay = relay(store.outbox()).backoff(Duration.ofMinutes(1)).maxBackoff(Duration.ofMinutes(10)).build();

        assertThat(List.of(1, 2, 3, 4, 5, 40).stream().map(relay::delayAfter).toList()).containsExactly(
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(10), Duration.ofMinutes(10));
    }

    @Test
    void anInvalidRecipientIsDeadAtOnce() {
        store.outbox().enqueue(mail("bad", "not an address"));
        store.outbox().enqueue(mail("good", "hr@acme.example"));

        assertThat(relay().sendDue()).isEqualTo(1);

        OutboxMail bad = stored("bad");
        assertThat(bad.status()).isEqualTo(OutboxMail.Status.DEAD);
        assertThat(bad.attempts()).isEqualTo(1);
        assertThat(bad.lastError()).contains("to");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRecipientRefusedWith550IsDeadAtOnce() throws Exception {
        store.outbox().enqueue(mail("m-1", "gone@acme.example"));
        try (ScriptedSmtpServer server = ScriptedSmtpServer.rejectingRecipients("550 5.1.1 no such user")) {
            target.set(SmtpMailSender.builder().host("127.0.0.1").port(server.port()).build());

            assertThat(relay().sendDue()).isZero();
        }
        assertThat(stored("m-1").status()).isEqualTo(OutboxMail.Status.DEAD);
        assertThat(stored("m-1").attempts()).isEqualTo(1);
        assertThat(stored("m-1").lastError()).contains("550").contains("no such user").doesNotEndWith("?");
    }

    @Test
    void aMailLeasedToOneRelayIsNotSentByAnother() {
        store.outbox().enqueue(mail("m-1", "hr@acme.example"));
        OutboxRelay other = OutboxRelay.builder().outbox(store.outbox()).sender(greenMailSender).clock(clock)
                .owner("relay-b").build();
        AtomicInteger sentByOther = new AtomicInteger(-1);
        // while relay A is sending, relay B looks at the outbox
        target.set(mail -> {
            sentByOther.set(other.sendDue());
            greenMailSender.send(mail);
        });

        assertThat(relay().sendDue()).isEqualTo(1);

        assertThat(sentByOther).hasValue(0);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRelayPausedPastItsLeaseIsRefusedItsMarkAndSendsNothingItNoLongerHolds() throws Exception {
        store.outbox().enqueue(mail("m-1", "hr1@acme.example"));
        store.outbox().enqueue(mail("m-2", "hr2@acme.example"));
        OutboxRelay b = OutboxRelay.builder().outbox(store.outbox()).sender(greenMailSender).clock(clock)
                .owner("relay-b").lease(Duration.ofMinutes(5)).build();
        AtomicInteger sentByB = new AtomicInteger(-1);
        // relay A delivers m-1, then stalls (a long GC pause) past its lease; its own clock stands still meanwhile
        target.set(mail -> {
            greenMailSender.send(mail);
            if (mail.id().equals("m-1")) {
                clock.advance(Duration.ofMinutes(6));
                sentByB.set(b.sendDue());
            }
        });
        OutboxRelay a = OutboxRelay.builder().outbox(store.outbox()).sender(counting)
                .clock(Clock.fixed(T0, ZoneOffset.UTC)).owner("relay-a").lease(Duration.ofMinutes(5)).build();

        assertThat(a.sendDue()).as("A's mark of m-1 is refused; m-2 is no longer A's to send").isZero();

        assertThat(sentByB).hasValue(2);
        assertThat(attempts).as("A tried m-1 only").hasValue(1);
        assertThat(stored("m-1").status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(stored("m-1").attempts()).as("B's mark only").isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        assertThat(a.sendDue()).isZero();
        assertThat(b.sendDue()).isZero();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(3); // m-1 by A and by B (the unavoidable send-then-mark window), m-2 by B
        assertThat(Arrays.stream(received).map(OutboxRelayTest::messageId).distinct()).hasSize(2);
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCrashBetweenSendAndMarkRepeatsTheMailOnceAfterTheLeaseWithTheSameMessageId() throws Exception {
        store.outbox().enqueue(mail("m-1", "hr@acme.example"));
        AtomicInteger markFailures = new AtomicInteger(1);
        MailOutbox flaky = new MailOutbox() {
            private final MailOutbox d = store.outbox();

            @Override public boolean enqueue(OutboxMail mail) { return d.enqueue(mail); }
            @Override public List<LeasedMail> claimDue(int limit, String owner, Duration lease) {
                return d.claimDue(limit, owner, lease);
            }
            @Override public boolean holdsLease(String id, String token) { return d.holdsLease(id, token); }
            @Override public boolean markSent(String id, String token) {
                if (markFailures.getAndDecrement() > 0) {
                    throw new StoreException("database went away", null);
                }
                return d.markSent(id, token);
            }
            @Override public boolean markFailed(String id, String token, String error, Duration retryAfter,
                                                boolean dead) {
                return d.markFailed(id, token, error, retryAfter, dead);
            }
            @Override public Optional<OutboxMail> find(String id) { return d.find(id); }
            @Override public List<OutboxMail> list(OutboxMail.Status status) { return d.list(status); }
        };
        OutboxRelay relay = relay(flaky).build();

        assertThatThrownBy(relay::sendDue).isInstanceOf(StoreException.class);
        assertThat(stored("m-1").status()).isEqualTo(OutboxMail.Status.PENDING);

        clock.advance(Duration.ofMinutes(4)); // still leased: not sent again
        assertThat(relay.sendDue()).isZero();
        clock.advance(Duration.ofMinutes(1)); // lease over: at-least-once, sent again and marked
        assertThat(relay.sendDue()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        assertThat(relay.sendDue()).isZero();

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).isEqualTo(received[1].getMessageID());
        assertThat(stored("m-1").status()).isEqualTo(OutboxMail.Status.SENT);
    }

    @Test
    void mailsWhoseLeaseRanOutDuringTheBatchAreLeftForTheNextCall() {
        store.outbox().enqueue(mail("m-1", "hr1@acme.example"));
        store.outbox().enqueue(mail("m-2", "hr2@acme.example"));
        target.set(mail -> {
            greenMailSender.send(mail);
            clock.advance(Duration.ofMinutes(6)); // a very slow server: the batch's lease (5 min) runs out
        });
        OutboxRelay relay = relay();

        assertThat(relay.sendDue()).isEqualTo(1);
        assertThat(stored("m-2").status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(stored("m-2").attempts()).isZero();

        assertThat(relay.sendDue()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        assertThat(store.outbox().list(OutboxMail.Status.SENT)).hasSize(2);
    }

    @Test
    void anUnexpectedFailureOfAHostSenderIsRetried() {
        store.outbox().enqueue(mail("m-1", "hr@acme.example"));
        target.set(mail -> {
            throw new IllegalStateException("host sender bug");
        });

        assertThat(relay().sendDue()).isZero();

        assertThat(stored("m-1").status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(stored("m-1").lastError()).contains("host sender bug");
    }
}
