package dev.renkei.core.mail;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.support.Checks;
import dev.renkei.core.mail.internal.HeaderValues;
import dev.renkei.core.model.Secret;
import dev.renkei.core.store.OutboxMail;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends mails over SMTP with Angus Mail (Jakarta Mail).
 *
 * <ul>
 *   <li>Connect, read and write timeouts are always finite (Jakarta Mail's own defaults are infinite).</li>
 *   <li>A mail with an HTML body goes out as {@code multipart/alternative} (plain text first, HTML preferred);
 *       everything is UTF-8.</li>
 *   <li>Subject, sender and recipients are checked before anything is sent: a line break or control character
 *       (CR, LF, NUL, U+0085, U+2028, U+2029 …) or an address that does not parse strictly is refused with an
 *       {@link InvalidMailException}; nothing is stripped.</li>
 *   <li>The {@code Message-ID} is derived from the outbox id, so if a mail is sent twice (SMTP is at-least-once at
 *       best) both copies carry the same id and mail clients can tell.</li>
 *   <li>{@code mail.debug} is off and the password is never logged or shown in {@code toString}.</li>
 * </ul>
 *
 * <pre>{@code
 * MailSender sender = SmtpMailSender.builder()
 *         .host("smtp.example.com").port(587).startTls(true)
 *         .username("renkei@example.com").password(Secret.of(pw))
 *         .build();
 * }</pre>
 */
public final class SmtpMailSender implements MailSender {
    private final String host;
    private final int port;
    private final String username;
    private final Secret password;
    private final boolean startTls;
    private final boolean ssl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Clock clock;
    private final Session session;

    private SmtpMailSender(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.startTls = b.startTls;
        this.ssl = b.ssl;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.clock = b.clock;
        this.session = Session.getInstance(sessionProperties());
        this.session.setDebug(false);
    }

    /** A builder; {@code host} is required. */
    public static Builder builder() {
        return new Builder();
    }

    private Properties sessionProperties() {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(writeTimeout.toMillis()));
        p.setProperty("mail.smtp.auth", Boolean.toString(username != null));
        p.setProperty("mail.smtp.sendpartial", "false");
        p.setProperty("mail.debug", "false");
        p.setProperty("mail.debug.auth", "false");
        p.setProperty("mail.mime.charset", "UTF-8");
        if (startTls) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (ssl) {
            p.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (startTls || ssl) {
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public void send(OutboxMail mail) {
        Objects.requireNonNull(mail, "mail");
        MimeMessage message = build(mail);
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(host, port, username, password == null ? null : password.reveal());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw classify(mail.id(), e);
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the mail was already accepted or the failure already reported
                }
            }
        }
    }

    /** Builds the MIME message, checking every header-bound value first. */
    private MimeMessage build(OutboxMail mail) {
        String subject = HeaderValues.requireSingleLine("subject", mail.subject());
        InternetAddress from = HeaderValues.parseAddress("from", mail.from());
        List<InternetAddress> to = new ArrayList<>();
        for (String a : mail.to()) {
            to.add(HeaderValues.parseAddress("to", a));
        }
        List<InternetAddress> cc = new ArrayList<>();
        for (String a : mail.cc()) {
            cc.add(HeaderValues.parseAddress("cc", a));
        }
        if (to.isEmpty() && cc.isEmpty()) {
            throw new InvalidMailException("to", "mail " + mail.id() + " has no recipient");
        }
        String messageId = messageId(mail.id(), from.getAddress());
        try {
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            m.setFrom(from);
            if (!to.isEmpty()) {
                m.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
            }
            if (!cc.isEmpty()) {
                m.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
            }
            m.setSubject(subject, "UTF-8");
            m.setSentDate(Date.from(clock.instant()));
            if (mail.html() == null) {
                m.setText(mail.text(), "UTF-8", "plain");
            } else {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.text(), "UTF-8", "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(mail.html(), "UTF-8", "html");
                MimeMultipart alternative = new MimeMultipart("alternative");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                m.setContent(alternative);
            }
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new InvalidMailException("message", "mail " + mail.id() + " could not be built: " + e.getMessage(), e);
        }
    }

    private static String messageId(String outboxId, String fromAddress) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(outboxId.getBytes(StandardCharsets.UTF_8));
            String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
            return "<" + HexFormat.of().formatHex(hash, 0, 16) + ".renkei@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Maps an Angus failure to retryable or permanent. */
    private MailSendException classify(String mailId, MessagingException e) {
        String where = "SMTP " + host + ":" + port;
        if (e instanceof AuthenticationFailedException) {
            // the relay's own credentials: not this mail's fault, so retry (the host may fix the configuration)
            return new MailSendException(ErrorCode.CONFIGURATION_INVALID,
                    where + " refused the login of the configured user; check the SMTP username and password", true, e);
        }
        int code = replyCode(e);
        if (code >= 500 && code < 600 && !isAuthReply(code)) {
            return new MailSendException(ErrorCode.DATA_REJECTED,
                    where + " permanently refused mail " + mailId + " (" + code + "): " + replyText(e),
                    false, e);
        }
        if (e instanceof SendFailedException sfe && code < 0 && hasInvalidAddresses(sfe)) {
            return new MailSendException(ErrorCode.DATA_REJECTED,
                    where + " refused the recipients of mail " + mailId + ": " + Checks.printable(e.getMessage()), false, e);
        }
        if (code >= 400) {
            return new MailSendException(ErrorCode.UNAVAILABLE,
                    where + " temporarily refused mail " + mailId + " (" + code + "): " + replyText(e),
                    true, e);
        }
        if (hasCause(e, SocketTimeoutException.class) || hasCause(e, InterruptedIOException.class)) {
            return new MailSendException(ErrorCode.TIMEOUT, where + " did not answer in time", true, e);
        }
        if (hasCause(e, IOException.class)) {
            return new MailSendException(ErrorCode.UNAVAILABLE,
                    where + " could not be reached: " + Checks.printable(e.getMessage()), true, e);
        }
        return new MailSendException(ErrorCode.UNAVAILABLE,
                where + " failed to send mail " + mailId + ": " + Checks.printable(e.getMessage()), true, e);
    }

    private static boolean isAuthReply(int code) {
        return code == 530 || code == 534 || code == 535 || code == 538;
    }

    /** The SMTP reply code of the failure (or of a nested recipient failure, 5xx first), or -1. */
    private static int replyCode(MessagingException e) {
        MessagingException x = reply(e);
        return x instanceof SMTPAddressFailedException a ? a.getReturnCode()
                : x instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
    }

    /** The server's reply text behind the failure, or the failure's own message. */
    private static String replyText(MessagingException e) {
        MessagingException x = reply(e);
        String text = x == null ? e.getMessage() : x.getMessage();
        return Checks.printable(text == null ? "" : text.strip());
    }

    private static MessagingException reply(MessagingException e) {
        MessagingException best = null;
        int bestCode = -1;
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            int c = -1;
            if (x instanceof SMTPAddressFailedException a) {
                c = a.getReturnCode();
            } else if (x instanceof SMTPSendFailedException s) {
                c = s.getReturnCode();
            }
            if (c >= 500) {
                return (MessagingException) x;
            }
            if (c > bestCode) {
                bestCode = c;
                best = (MessagingException) x;
            }
        }
        return best;
    }

    private static boolean hasInvalidAddresses(SendFailedException e) {
        return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable x = t; x != null; ) {
            if (type.isInstance(x)) {
                return true;
            }
            Throwable next = x instanceof MessagingException me && me.getNextException() != null
                    ? me.getNextException() : x.getCause();
            if (next == x) {
                return false;
            }
            x = next;
        }
        return false;
    }

    @Override
    public String toString() {
        return "SmtpMailSender[" + host + ":" + port + (ssl ? ", ssl" : "") + (startTls ? ", starttls" : "")
                + (username == null ? "" : ", user=" + username + ", password=<not logged>")
                + ", timeouts=" + connectTimeout + "/" + readTimeout + "/" + writeTimeout + "]";
    }

    /** Builds a {@link SmtpMailSender}. */
    public static final class Builder {
        private String host;
        private int port = 25;
        private String username;
        private Secret password;
        private boolean startTls;
        private boolean ssl;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The SMTP server host. Required. */
        public Builder host(String host) {
            this.host = Checks.singleLine(Checks.notBlank(host, "SMTP host"), "SMTP host");
            return this;
        }

        /** The port; default 25 (use 587 with STARTTLS or 465 with SSL). */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("SMTP port " + port + " is out of range 1-65535");
            }
            this.port = port;
            return this;
        }

        /** The login user; without it no SMTP AUTH is attempted. */
        public Builder username(String username) {
            this.username = username == null ? null
                    : Checks.singleLine(Checks.notBlank(username, "SMTP username"), "SMTP username");
            return this;
        }

        /** The login password. Never logged. */
        public Builder password(Secret password) {
            this.password = password;
            return this;
        }

        /** Upgrade with STARTTLS, and refuse to send when the server does not offer it. Default off. */
        public Builder startTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        /** Connect over TLS from the start (SMTPS, usually port 465). Default off. */
        public Builder ssl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        /** Connect timeout; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "SMTP connect timeout");
            return this;
        }

        /** Timeout for each read of a server reply; default 30 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "SMTP read timeout");
            return this;
        }

        /** Timeout for each write to the server; default 30 s. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive(timeout, "SMTP write timeout");
            return this;
        }

        /** The clock for the {@code Date} header; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /** Builds the sender. */
        public SmtpMailSender build() {
            Checks.notNull(host, "SMTP host");
            if (ssl && startTls) {
                throw new IllegalStateException("SMTP ssl and startTls exclude each other: choose one");
            }
            if (password != null && username == null) {
                throw new IllegalStateException("SMTP password given without a username");
            }
            return new SmtpMailSender(this);
        }

        private static Duration positive(Duration d, String field) {
            Checks.notNull(d, field);
            if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(field + " must be positive and finite, got " + d);
            }
            return d;
        }
    }
}
