package dev.renkei.media.indeed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.core.RenkeiException;
import dev.renkei.core.support.Checks;
import dev.renkei.core.model.Secret;
import dev.renkei.core.support.ControlCharacters;
import dev.renkei.media.internal.IndeedPayloads;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Receives Indeed Apply deliveries: the raw JSON body Indeed POSTs to the job's {@code postUrl}. Framework-neutral:
 * the host's web layer passes the raw body bytes and the headers, and writes back the returned status and body.
 *
 * <pre>{@code
 * IndeedApplyReceiver receiver = IndeedApplyReceiver.builder()
 *     .apiSecret(Secret.of(indeedApiSecret))
 *     .inbox(new JdbcIndeedInbox(dataSource).migrate())
 *     .build();
 * // e.g. POST /indeed/{accountId}
 * IndeedApplyReceiver.Response r = receiver.handle(accountId, rawBody, headers);
 * }</pre>
 *
 * <p>What it does, in order: a body over the size cap → 413; a missing or wrong {@code X-Indeed-Signature}
 * (base64 of HMAC-SHA1 over the raw body with the API secret, compared in constant time) → 401; a body that is not
 * a UTF-8 JSON object, or lacks {@code id} or {@code applicant.fullName} → 400; unknown fields are ignored. The
 * application is then stored in the {@link IndeedInbox} keyed by Indeed's id — a repeated delivery is stored once —
 * and answered 200, which stops Indeed's retries. If the inbox fails the answer is 500, so Indeed delivers again
 * later. Redirects must not be used in front of it: Indeed does not follow them. Thread-safe.
 */
public final class IndeedApplyReceiver {
    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Indeed-Signature";
    private static final System.Logger LOG = System.getLogger(IndeedApplyReceiver.class.getName());

    private final Function<String, Optional<Secret>> secrets;
    private final IndeedInbox inbox;
    private final Clock clock;
    private final long maxBodyBytes;

    private IndeedApplyReceiver(Builder b) {
        this.secrets = Objects.requireNonNull(b.secrets, "an API secret (apiSecret or secrets) is required");
        this.inbox = Objects.requireNonNull(b.inbox, "inbox is required");
        this.clock = b.clock;
        this.maxBodyBytes = b.maxBodyBytes;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The receiver's answer.
     *
     * @param status the HTTP status
     * @param contentType the content type of the body
     * @param body a short JSON body
     */
    public record Response(int status, String contentType, String body) {
        static Response of(int status, String message) {
            return new Response(status, "application/json; charset=UTF-8",
                    "{\"status\":" + status + ",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                            + "\"}");
        }
    }

    /**
     * Handles one delivery.
     *
     * @param accountId the employer account the delivery is for (from the host's URL, e.g. {@code /indeed/{id}});
     *     the robot slot for Indeed uses it as its login id
     * @param body the raw request body, unchanged
     * @param headers the request headers (names in any case)
     * @return the status and body to answer
     */
    public Response handle(String accountId, byte[] body, Map<String, List<String>> headers) {
        if (body == null) {
            return Response.of(400, "empty body");
        }
        if (body.length > maxBodyBytes) {
            return Response.of(413, "payload too large");
        }
        if (accountId == null || accountId.isBlank() || accountId.length() > 200
                || ControlCharacters.containsAny(accountId)) {
            return Response.of(404, "unknown account");
        }
        Optional<String> signature = header(headers, SIGNATURE_HEADER);
        Optional<Secret> secret = secrets.apply(accountId);
        if (signature.isEmpty() || secret.isEmpty() || !verify(secret.get(), body, signature.get())) {
            LOG.log(System.Logger.Level.WARNING, () -> "Indeed delivery for account " + accountId + " refused: "
                    + (signature.isEmpty() ? "no signature" : secret.isEmpty() ? "no API secret for the account"
                    : "wrong signature"));
            return Response.of(401, "missing or invalid " + SIGNATURE_HEADER);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return Response.of(400, "body is not UTF-8");
        }
        Optional<JsonNode> json = IndeedPayloads.parse(text);
        if (json.isEmpty()) {
            return Response.of(400, "body is not a JSON object");
        }
        Optional<String> id = IndeedPayloads.text(json.get(), "id");
        if (id.isEmpty()) {
            return Response.of(400, "missing required key: id");
        }
        if (id.get().length() > 200 || ControlCharacters.containsAny(id.get())) {
            return Response.of(422, "id is not a valid application id");
        }
        if (IndeedPayloads.text(json.get(), "applicant", "fullName").isEmpty()) {
            return Response.of(400, "missing required key: applicant.fullName");
        }
        Instant now = clock.instant();
        Instant appliedAt = IndeedPayloads.appliedOn(json.get()).orElse(now);
        try {
            boolean stored = inbox.store(new IndeedInboxEntry(accountId, id.get(), appliedAt, now, text));
            LOG.log(System.Logger.Level.DEBUG, () -> "Indeed application " + id.get() + " for account " + accountId
                    + (stored ? " stored" : " was already stored"));
            return Response.of(200, stored ? "received" : "already received");
        } catch (RenkeiException e) {
            LOG.log(System.Logger.Level.ERROR, () -> "Indeed application " + id.get() + " could not be stored: "
                    + e.getMessage());
            return Response.of(500, "could not store the application; deliver again later");
        }
    }

    /** True when {@code signature} is base64(HMAC-SHA1(secret, body)); compared in constant time. */
    static boolean verify(Secret secret, byte[] body, String signature) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, body), given);
    }

    /** base64(HMAC-SHA1(secret, body)): the {@code X-Indeed-Signature} value Indeed sends (for tests and tools). */
    public static String signature(Secret secret, byte[] body) {
        return Base64.getEncoder().encodeToString(sign(secret, body));
    }

    private static byte[] sign(Secret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(lower) && e.getValue() != null) {
                return e.getValue().stream().filter(v -> v != null && !v.isBlank()).findFirst();
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "IndeedApplyReceiver[inbox=" + inbox.getClass().getSimpleName() + ", maxBodyBytes=" + maxBodyBytes + "]";
    }

    /** Builds an {@link IndeedApplyReceiver}. */
    public static final class Builder {
        private Function<String, Optional<Secret>> secrets;
        private IndeedInbox inbox;
        private Clock clock = Clock.systemUTC();
        private long maxBodyBytes = 25L * 1024 * 1024;

        private Builder() {}

        /** One Indeed API secret for every account. */
        public Builder apiSecret(Secret secret) {
            Checks.notNull(secret, "apiSecret");
            this.secrets = account -> Optional.of(secret);
            return this;
        }

        /** The API secret per account id (empty for an unknown account, which is answered 401). */
        public Builder secrets(Function<String, Optional<Secret>> perAccount) {
            this.secrets = Checks.notNull(perAccount, "secrets");
            return this;
        }

        /** Where deliveries are stored. */
        public Builder inbox(IndeedInbox inbox) {
            this.inbox = Checks.notNull(inbox, "inbox");
            return this;
        }

        /** The clock for receipt times. */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /** The largest body accepted (default 25 MiB; Indeed states no maximum, résumés are inline base64). */
        public Builder maxBodyBytes(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            this.maxBodyBytes = n;
            return this;
        }

        /** Builds the receiver. */
        public IndeedApplyReceiver build() {
            if (secrets == null) {
                throw new IllegalStateException("IndeedApplyReceiver needs apiSecret(...) or secrets(...)");
            }
            if (inbox == null) {
                throw new IllegalStateException("IndeedApplyReceiver needs an inbox");
            }
            return new IndeedApplyReceiver(this);
        }
    }
}
