package dev.renkei.ats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.RateLimit;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import dev.renkei.core.support.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The Lever connector; see {@code LeverAtsConnectorProvider} for the settings. Not API. */
public final class LeverConnector implements AtsConnector {
    private static final String VENDOR = "Lever";
    /** Lever's documented budget per API key: 10 requests per second, bursts to 20. */
    public static final RateLimit RATE = RateLimit.perSecond(10, 20);
    private static final int MAX_PAGES = 50;

    private final HttpExecutor http;
    private final String base;
    private final String authorization;
    private final String performAs;
    private final Mapping mapping;
    private final RateLimitedPost posts;
    private final System.Logger log;

    /** Reads the settings; no I/O. {@code baseUri} is the endpoint the provider chose. */
    public LeverConnector(ConnectorContext context, URI baseUri) {
        this.base = Mapping.base(baseUri);
        this.http = context.http().newBuilder().rateLimit(baseUri.getHost(), RATE).build();
        String key = context.requireCredentials().secret().reveal();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
        this.performAs = context.setting("performAs")
                .or(() -> java.util.Optional.ofNullable(context.credentials()).map(c -> c.loginId()))
                .orElseThrow(() -> new dev.renkei.core.ValidationException(
                        "Lever needs the acting user id: set 'performAs' or use it as the credentials' login id"));
        this.mapping = new Mapping(context);
        this.posts = new RateLimitedPost(context.sleeper(), context.clock(), 4, Duration.ofSeconds(30));
        this.log = context.logger();
    }

    @Override
    public void checkLogin() {
        HttpResult r = get(URI.create(base + "/opportunities?limit=1"));
        if (!r.isSuccess()) {
            throw HttpErrors.of(VENDOR, "check the API key", r);
        }
    }

    @Override
    public Optional<AtsRecord> find(ImportRequest request) {
        Mapping.requireNameAndEmail(VENDOR, request);
        return lookup(request, mapping.route(request.applicant()).orElse(null)).map(AtsRecord::existing);
    }

    @Override
    public AtsRecord importApplicant(ImportRequest request) {
        Mapping.requireNameAndEmail(VENDOR, request);
        String posting = mapping.route(request.applicant()).orElse(null);
        Optional<String> existing = lookup(request, posting);
        if (existing.isPresent()) {
            ensureFiles(existing.get(), request.applicant());
            return AtsRecord.existing(existing.get());
        }
        byte[] body = Json.bytes(createBody(request, posting));
        URI uri = URI.create(base + "/opportunities?perform_as=" + Mapping.enc(performAs));
        HttpResult r;
        try {
            r = posts.send(() -> http.execute(json(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
        } catch (ConnectorException e) {
            return afterUnclearCreate(request, posting, e);
        }
        if (HttpErrors.unclear(r.statusCode())) {
            return afterUnclearCreate(request, posting, HttpErrors.of(VENDOR, "create the opportunity", r));
        }
        if (!r.isSuccess()) {
            throw HttpErrors.of(VENDOR, "create the opportunity", r);
        }
        String id = Json.text(Json.parse(r, VENDOR).path("data"), "id");
        if (id == null) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "Lever created an opportunity but its answer has no id",
                    r.statusCode() + " " + uri.getPath(), null);
        }
        for (Attachment a : request.applicant().attachments()) {
            upload(id, a);
        }
        return new AtsRecord(id);
    }

    /** After a create whose outcome is unknown: look up again, never POST again. */
    private AtsRecord afterUnclearCreate(ImportRequest request, String posting, ConnectorException failure) {
        log.log(System.Logger.Level.INFO, () -> "Lever create ended unclearly (" + failure.code()
                + "); looking the opportunity up before anything else");
        Optional<String> found = lookup(request, posting);
        if (found.isPresent()) {
            ensureFiles(found.get(), request.applicant());
            return AtsRecord.existing(found.get());
        }
        throw new ConnectorException(failure.code(), failure.getMessage()
                + "; the opportunity may still appear, so the next attempt looks it up before creating",
                failure.detail(), failure);
    }

    private ObjectNode createBody(ImportRequest request, String posting) {
        Applicant a = request.applicant();
        ObjectNode b = Json.object();
        b.put("name", a.name().strip());
        if (a.nameKana() != null && !a.nameKana().isBlank()) {
            b.put("headline", a.nameKana().strip());
        }
        b.putArray("emails").add(a.email().strip());
        if (a.phone() != null && !a.phone().isBlank()) {
            b.putArray("phones").addObject().put("type", "mobile").put("value", a.phone().strip());
        }
        if (a.address() != null && !a.address().isBlank()) {
            b.put("location", a.address().strip());
        }
        b.putArray("links").add(Mapping.keyUrn(request.idempotencyKey()));
        b.putArray("tags").add(mapping.markerTag());
        b.putArray("sources").add(mapping.sourceName(request.medium()));
        b.put("origin", "applied");
        if (posting != null) {
            b.putArray("postings").add(posting);
        }
        b.put("createdAt", a.appliedAt().toEpochMilli());
        return b;
    }

    /**
     * Looks for the opportunity of this request among the e-mail's opportunities: one carrying our marker (the
     * fixed tag and the key in {@code links}), else one the person already has on the same posting.
     */
    private Optional<String> lookup(ImportRequest request, String posting) {
        String keyLink = Mapping.keyUrn(request.idempotencyKey());
        String email = request.applicant().email().strip();
        String first = base + "/opportunities?email=" + Mapping.enc(email)
                + "&expand=applications&confidentiality=all&limit=100";
        String url = first;
        String samePosting = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            HttpResult r = get(URI.create(url));
            if (!r.isSuccess()) {
                throw HttpErrors.of(VENDOR, "look up opportunities by e-mail", r);
            }
            JsonNode root = Json.parse(r, VENDOR);
            for (JsonNode o : root.path("data")) {
                String id = Json.text(o, "id");
                if (id == null) {
                    continue;
                }
                if (hasMarker(o, keyLink)) {
                    return Optional.of(id);
                }
                if (samePosting == null && posting != null && onPosting(o, posting)) {
                    samePosting = id;
                }
            }
            String next = Json.text(root, "next");
            if (!root.path("hasNext").asBoolean(false) || next == null) {
                return Optional.ofNullable(samePosting);
            }
            url = first + "&offset=" + Mapping.enc(next);
        }
        throw new ConnectorException(ErrorCode.UNKNOWN, "Lever lookup by e-mail returned more than " + MAX_PAGES
                + " pages; stopped", null, null);
    }

    private boolean hasMarker(JsonNode o, String keyLink) {
        boolean tagged = false;
        for (JsonNode t : o.path("tags")) {
            tagged |= mapping.markerTag().equalsIgnoreCase(t.asText());
        }
        if (!tagged) {
            return false;
        }
        for (JsonNode l : o.path("links")) {
            if (l.asText().contains(keyLink)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onPosting(JsonNode o, String posting) {
        for (JsonNode app : o.path("applications")) {
            if (posting.equals(Json.text(app, "posting"))) {
                return true;
            }
        }
        return false;
    }

    /** Uploads the attachments an existing opportunity does not have yet (by file name). */
    private void ensureFiles(String opportunityId, Applicant a) {
        if (a.attachments().isEmpty()) {
            return;
        }
        HttpResult r = get(URI.create(base + "/opportunities/" + Mapping.enc(opportunityId) + "/files"));
        if (!r.isSuccess()) {
            throw HttpErrors.of(VENDOR, "list the opportunity's files", r);
        }
        Set<String> have = new HashSet<>();
        for (JsonNode f : Json.parse(r, VENDOR).path("data")) {
            String name = Json.text(f, "name");
            if (name != null) {
                have.add(name);
            }
        }
        for (Attachment att : a.attachments()) {
            if (!have.contains(att.fileName())) {
                upload(opportunityId, att);
            }
        }
    }

    private void upload(String opportunityId, Attachment a) {
        Multipart m = new Multipart("file", a);
        URI uri = URI.create(base + "/opportunities/" + Mapping.enc(opportunityId) + "/files?perform_as="
                + Mapping.enc(performAs));
        HttpResult r = posts.send(() -> http.execute(HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build()));
        if (!r.isSuccess()) {
            throw HttpErrors.of(VENDOR, "upload the file '" + a.fileName() + "'", r);
        }
    }

    private HttpResult get(URI uri) {
        return http.execute(HttpRequest.newBuilder(uri).header("Authorization", authorization)
                .header("Accept", "application/json").GET().build());
    }

    private HttpRequest.Builder json(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", authorization)
                .header("Accept", "application/json").header("Content-Type", "application/json; charset=utf-8");
    }

    @Override
    public String toString() {
        return "LeverConnector[" + base + "]";
    }
}
