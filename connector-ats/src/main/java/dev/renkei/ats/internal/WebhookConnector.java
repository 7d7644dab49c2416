package dev.renkei.ats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.ats.WebhookSignature;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import dev.renkei.core.support.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Optional;

/** The signed-webhook connector; see {@code WebhookAtsConnectorProvider}. Not API. */
public final class WebhookConnector implements AtsConnector {
    private static final String VENDOR = "The webhook receiver";

    private final HttpExecutor http;
    private final URI url;
    private final String secret;
    private final String keyId;
    private final Clock clock;
    private final Mapping mapping;

    /** Reads the settings; no I/O. {@code url} is the receiver URL the provider chose. */
    public WebhookConnector(ConnectorContext context, URI url) {
        this.url = java.util.Objects.requireNonNull(url);
        this.secret = context.requireCredentials().secret().reveal();
        this.keyId = context.requireCredentials().loginId();
        this.http = context.http();
        this.clock = context.clock();
        this.mapping = new Mapping(context);
    }

    @Override
    public void checkLogin() {
        HttpResult r = http.execute(signed(URI.create(url + (url.getRawQuery() == null ? "?" : "&") + "check=1"),
                null, new byte[0]).GET().build());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw HttpErrors.of(VENDOR, "check the signing secret", r);
        }
        if (r.statusCode() >= 500) {
            throw HttpErrors.of(VENDOR, "check the connection", r);
        }
    }

    @Override
    public Optional<AtsRecord> find(ImportRequest request) {
        URI uri = URI.create(url + (url.getRawQuery() == null ? "?" : "&") + "idempotencyKey="
                + Mapping.enc(request.idempotencyKey()));
        HttpResult r = http.execute(signed(uri, request.idempotencyKey(), new byte[0]).GET().build());
        if (r.statusCode() == 404 || r.statusCode() == 405 || r.statusCode() == 501) {
            return Optional.empty();
        }
        if (!r.isSuccess()) {
            throw HttpErrors.of(VENDOR, "look up an earlier import", r);
        }
        return Optional.of(AtsRecord.existing(candidateId(r)));
    }

    /**
     * POSTs the full payload (attachments included) in one request, with the request's key as
     * {@code Idempotency-Key}; the receiver dedups by it (409 with the stored id counts as found). One delivery
     * carries everything, so a receiver that stored it has the résumé too: when the key {@linkplain
     * ImportRequest#mayExist() may exist} (the engine settling a reservation an interrupted run left), the receiver
     * is asked first ({@link #find}) and nothing is sent again when it has the key. A receiver without the lookup
     * (404/405/501) gets the POST and dedups it.
     */
    @Override
    public AtsRecord importApplicant(ImportRequest request) {
        Optional<AtsRecord> found = findIfMayExist(request);
        if (found.isPresent()) {
            return found.get();
        }
        byte[] body = Json.bytes(payload(request));
        HttpResult r = http.execute(signed(url, request.idempotencyKey(), body)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        if (r.isSuccess()) {
            return new AtsRecord(candidateId(r));
        }
        if (r.statusCode() == 409) {
            return AtsRecord.existing(candidateId(r));
        }
        throw HttpErrors.of(VENDOR, "import the application", r);
    }

    private HttpRequest.Builder signed(URI uri, String key, byte[] body) {
        long ts = clock.instant().getEpochSecond();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Accept", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, ts, body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        if (keyId != null) {
            b.header(WebhookSignature.KEY_ID_HEADER, keyId);
        }
        return b;
    }

    private static String candidateId(HttpResult r) {
        JsonNode body = Json.parseOrNull(r.body());
        String id = Json.text(body, "candidateId");
        if (id == null) {
            id = Json.text(body, "id");
        }
        if (id == null) {
            throw new ConnectorException(ErrorCode.UNKNOWN, VENDOR + " answered " + r.statusCode()
                    + " without a candidateId in the body", String.valueOf(r.statusCode()), null);
        }
        return id;
    }

    ObjectNode payload(ImportRequest request) {
        Applicant a = request.applicant();
        ObjectNode root = Json.object();
        root.put("idempotencyKey", request.idempotencyKey());
        root.put("medium", request.medium());
        root.put("source", mapping.sourceName(request.medium()));
        mapping.route(a).ifPresent(job -> root.put("jobId", job));
        ObjectNode ap = root.putObject("applicant");
        ap.put("boardApplicationId", a.boardApplicationId());
        ap.put("appliedAt", a.appliedAt().toString());
        ap.put("name", a.name());
        ap.put("nameKana", a.nameKana());
        ap.put("email", a.email());
        ap.put("phone", a.phone());
        ap.put("birthDate", a.birthDate() == null ? null : a.birthDate().toString());
        ap.put("gender", a.gender());
        ap.put("address", a.address());
        ap.put("appliedJob", a.appliedJob());
        ObjectNode fields = ap.putObject("fields");
        a.fields().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> fields.put(e.getKey(), e.getValue()));
        ArrayNode files = ap.putArray("attachments");
        for (Attachment f : a.attachments()) {
            files.addObject().put("fileName", f.fileName()).put("contentType", f.contentType())
                    .put("contentBase64", f.content()); // Jackson writes standard base64, no copy held
        }
        return root;
    }
}
