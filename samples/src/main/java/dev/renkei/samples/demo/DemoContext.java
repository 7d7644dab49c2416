package dev.renkei.samples.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.mail.OutboxRelay;
import dev.renkei.core.mail.ResultMailComposer;
import dev.renkei.core.mail.SmtpMailSender;
import dev.renkei.core.store.JdbcStore;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import com.zaxxer.hikari.HikariDataSource;
import dev.renkei.samples.Pools;
import java.time.Clock;
import javax.sql.DataSource;
import java.time.Duration;

/**
 * What every demo chapter shares: the H2 file database in the demo folder, an in-process SMTP server (GreenMail on
 * a free loopback port) with the outbox relay and result-mail composer in front of it, one HTTP executor and the
 * report. Nothing here talks to the internet.
 */
public final class DemoContext implements AutoCloseable {
    /** The sender of the demo's mails. */
    public static final String SENDER = "Renkei デモ <renkei@demo-shoji.example>";
    /** Where no-action errors go. */
    public static final String OPERATOR = "ops@demo-shoji.example";

    private final Path dir;
    private final Report report;
    private final GreenMail smtp;
    private final JdbcStore store;
    private final String jdbcUrl;
    private final HikariDataSource pool;
    private final HttpExecutor http;
    private final OutboxRelay relay;
    private final ResultMailComposer composer;
    private final SecretCipher cipher;
    private final SmtpMailSender sender;

    private DemoContext(Path dir, Report report) {
        this.dir = dir;
        this.report = report;
        this.smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            // WRITE_DELAY=0: every commit is on disk before the call returns, so a killed process loses nothing
            this.jdbcUrl = "jdbc:h2:file:" + dir.resolve("renkei").toAbsolutePath() + ";WRITE_DELAY=0";
            this.pool = Pools.open(jdbcUrl, "sa", null, "renkei-demo");
            this.cipher = SecretCipher.of("demo-key", SecretCipher.generateKey());
            this.store = JdbcStore.builder().dataSource(pool).cipher(cipher).build();
            store.migrate();
            this.http = HttpExecutor.builder().build();
            this.sender = SmtpMailSender.builder().host("127.0.0.1").port(smtpPort()).build();
            this.relay = OutboxRelay.builder().outbox(store.outbox()).sender(sender).owner("renkei-demo").build();
            this.composer = ResultMailComposer.builder().from(SENDER).operatorAddress(OPERATOR).build();
        } catch (RuntimeException e) {
            smtp.stop();
            throw e;
        }
    }

    /** Opens the shared infrastructure in an existing, empty demo folder. */
    public static DemoContext open(Path dir, Report report) {
        return new DemoContext(dir, report);
    }

    /** The demo folder. */
    public Path dir() {
        return dir;
    }

    /** The report. */
    public Report report() {
        return report;
    }

    /** The store on the H2 file database, migrated. */
    public JdbcStore store() {
        return store;
    }

    /**
     * A store on the same database whose clock is {@code clock}: the chapters that let time pass (link expiry,
     * reminders) move a {@code MutableClock} (from core's test-jar) instead of sleeping.
     */
    public JdbcStore store(Clock clock) {
        return JdbcStore.builder().dataSource(pool).cipher(cipher).clock(clock).build();
    }

    /** The demo database. */
    public DataSource dataSource() {
        return pool;
    }

    /** The sender to the demo SMTP server. */
    public SmtpMailSender mailSender() {
        return sender;
    }

    /** The JDBC URL of the demo database. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The shared HTTP executor. */
    public HttpExecutor http() {
        return http;
    }

    /** Sends due mails from the outbox to the demo SMTP server. */
    public OutboxRelay relay() {
        return relay;
    }

    /** Composes result mails (Japanese or English templates per robot). */
    public ResultMailComposer composer() {
        return composer;
    }

    /** The port of the demo SMTP server. */
    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    /** Every message the SMTP server received so far (one per recipient mailbox). */
    public MimeMessage[] receivedMails() {
        return smtp.getReceivedMessages();
    }

    /**
     * Waits until the SMTP server has received at least {@code count} messages.
     *
     * @return true when they arrived within the timeout
     */
    public boolean awaitMails(int count, Duration timeout) {
        return smtp.waitForIncomingEmail(timeout.toMillis(), count);
    }

    /** The text/plain part of a received message, or an empty string. */
    public static String textOf(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                String text = textOf(child);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    @Override
    public void close() {
        try {
            pool.close();
        } finally {
            smtp.stop();
        }
    }
}
