package dev.renkei.ats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.AtsRecord;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import dev.renkei.core.support.Checks;
import dev.renkei.core.support.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The Greenhouse Harvest v3 connector; see {@code GreenhouseAtsConnectorProvider} for the settings. Not API. */
public final class GreenhouseConnector implements AtsConnector {
    private static final String VENDOR = "Greenhouse";
    private static final int MAX_PAGES = 50;
    private static final Duration MAX_RATE_WAIT = Duration.ofSeconds(30);

    private final HttpExecutor http;
    private final URI baseUri;
    private final String base;
    private final GreenhouseTokens tokens;
    private final Mapping mapping;
    private final String kanaCustomField;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RateLimitedPost posts;
    private final System.Logger log;
    private final RateGate gate;

    /** Reads the settings; no I/O. {@code baseUri} is the Harvest endpoint the provider chose. */
    public GreenhouseConnector(ConnectorContext context, GreenhouseTokens tokens, URI baseUri) {
        this.baseUri = Objects.requireNonNull(baseUri);
        this.base = Mapping.base(baseUri);
        this.http = context.http();
        this.tokens = Objects.requireNonNull(tokens);
        this.mapping = new Mapping(context);
        this.kanaCustomField = context.setting("kanaCustomField").orElse(null);
        this.clock = context.clock();
        this.sleeper = context.sleeper();
        this.posts = new RateLimitedPost(sleeper, clock, 4, MAX_RATE_WAIT);
        this.gate = new RateGate(clock, sleeper, MAX_RATE_WAIT);
        this.log = context.logger();
    }

    @Override
    public void checkLogin() {
        HttpResult r = send(t -> get(t, URI.create(base + "/v3/candidates?per_page=1")));
        if (!r.isSuccess()) {
            throw HttpErrors.of(VENDOR, "check the API credentials", r);
        }
    }

    @Override
    public Optional<AtsRecord> find(ImportRequest request) {
        Mapping.requireNameAndEmail(VENDOR, request);
        String job = mapping.requireRoute(VENDOR, request.applicant());
        Lookup l = lookup(request, job);
        return l.applicationId == null ? Optional.empty() : Optional.of(l.record());
    }

    @Override
    public AtsRecord importApplicant(ImportRequest request) {
        Mapping.requireNameAndEmail(VENDOR, request);
        String job = mapping.requireRoute(VENDOR, request.applicant());
        Lookup l = lookup(request, job);
        if (l.applicationId != null) {
            ensureAttachments(l.applicationId, request.applicant());
            return l.record();
        }
        Lookup created = l.candidateId != null ? addApplication(request, job, l.candidateId) : createCandidate(request, job);
        if (created.fresh) {
            uploadAll(created.applicationId, request.applicant().attachments());
        } else {
            ensureAttachments(created.applicationId, request.applicant());
        }
        return created.record();
    }

    private Lookup createCandidate(ImportRequest request, String job) {
        URI uri = URI.create(base + "/v3/candidates");
        return postCreate(request, job, uri, Json.bytes(candidateBody(request, job)), "create the candidate",
                r -> candidateCreated(r, uri));
    }

    private Lookup candidateCreated(HttpResult r, URI uri) {
        JsonNode root = Json.parse(r, VENDOR);
        String cid = Json.text(root.path("candidate"), "id");
        String aid = Json.text(root.path("application"), "id");
        if (cid == null || aid == null) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "Greenhouse created a candidate but its answer lacks the"
                    + " candidate or application id", r.statusCode() + " " + uri.getPath(), null);
        }
        return new Lookup(cid, aid, true);
    }

    private Lookup addApplication(ImportRequest request, String job, String candidateId) {
        ObjectNode b = Json.object();
        b.set("candidate_id", asNumberOrText(candidateId));
        b.set("job_id", asNumberOrText(job));
        URI uri = URI.create(base + "/v3/applications");
        return postCreate(request, job, uri, Json.bytes(b), "add the application to candidate " + candidateId,
                r -> applicationCreated(r, uri, candidateId));
    }

    /**
     * POSTs a create. An unclear outcome (timeout, reset, 5xx) is settled by looking the record up again, never by
     * sending the POST a second time.
     */
    private Lookup postCreate(ImportRequest request, String job, URI uri, byte[] body, String what,
                              Function<HttpResult, Lookup> created) {
        HttpResult r;
        try {
            r = posts.send(() -> send(t -> post(t, uri, body)));
        } catch (ConnectorException e) {
            return afterUnclear(request, job, e);
        }
        if (HttpErrors.unclear(r.statusCode())) {
            return afterUnclear(request, job, HttpErrors.of(VENDOR, what, r));
        }
        if (!r.isSuccess()) {
            throw HttpErrors.of(VENDOR, what, r);
        }
        return created.apply(r);
    }

    private Lookup applicationCreated(HttpResult r, URI uri, String candidateId) {
        JsonNode root = Json.parse(r, VENDOR);
        JsonNode app = root.has("application") ? root.get("application") : root;
        String aid = Json.text(app, "id");
        if (aid == null) {
            throw new ConnectorException(ErrorCode.UNKNOWN, "Greenhouse created an application but its answer has no id",
                    r.statusCode() + " " + uri.getPath(), null);
        }
        return new Lookup(candidateId, aid, true);
    }

    private Lookup afterUnclear(ImportRequest request, String job, ConnectorException failure) {
        log.log(System.Logger.Level.INFO, () -> "Greenhouse create ended unclearly (" + failure.code()
                + "); looking the candidate up before anything else");
        Lookup l = lookup(request, job);
        if (l.applicationId != null) {
            return new Lookup(l.candidateId, l.applicationId, false);
        }
        throw new ConnectorException(failure.code(), failure.getMessage()
                + "; the candidate may still appear, so the next attempt looks it up before creating",
                failure.detail(), failure);
    }

    private ObjectNode candidateBody(ImportRequest request, String job) {
        Applicant a = request.applicant();
        Mapping.NameParts n = Mapping.splitName(a.name());
        ObjectNode b = Json.object();
        b.put("first_name", n.given().isEmpty() ? "-" : n.given());
        b.put("last_name", n.family());
        b.putArray("email_addresses").addObject().put("value", a.email().strip()).put("type", "personal");
        if (a.phone() != null && !a.phone().isBlank()) {
            b.putArray("phone_numbers").addObject().put("value", a.phone().strip()).put("type", "mobile");
        }
        if (a.address() != null && !a.address().isBlank()) {
            b.putArray("addresses").addObject().put("value", a.address().strip()).put("type", "home");
        }
        b.putArray("website_addresses").addObject().put("value", Mapping.keyUrn(request.idempotencyKey()))
                .put("type", "other");
        ArrayNode tags = b.putArray("tags");
        tags.add(mapping.markerTag());
        String source = mapping.sourceName(request.medium());
        if (!source.equalsIgnoreCase(mapping.markerTag())) {
            tags.add(source);
        }
        if (kanaCustomField != null && a.nameKana() != null && !a.nameKana().isBlank()) {
            b.putArray("custom_fields").addObject().put("name_key", kanaCustomField).put("value", a.nameKana().strip());
        }
        b.putObject("application").set("job_id", asNumberOrText(job));
        return b;
    }

    /** What the lookup found: a candidate (ours or the same person), and its application on the job if any. */
    private record Lookup(String candidateId, String applicationId, boolean fresh) {
        AtsRecord record() {
            return new AtsRecord(candidateId + "/" + applicationId, fresh);
        }
    }

    /**
     * Finds the candidate for this request among those with the e-mail: the one carrying our marker (the fixed tag
     * and {@code urn:renkei:<key>} among its website addresses), else the only one with that e-mail; then its
     * application on the routed job. Several unmarked candidates with one e-mail → {@code DATA_REJECTED} (merge
     * them in Greenhouse): no guessing.
     */
    private Lookup lookup(ImportRequest request, String job) {
        String email = request.applicant().email().strip();
        List<JsonNode> candidates = list(URI.create(base + "/v3/candidates?email=" + Mapping.enc(email) + "&per_page=100"),
                "look up candidates by e-mail");
        String keyUrn = Mapping.keyUrn(request.idempotencyKey());
        String marked = null;
        List<String> same = new ArrayList<>();
        String canonical = Mapping.canonicalEmail(email);
        for (JsonNode c : candidates) {
            String id = Json.text(c, "id");
            if (id == null) {
                continue;
            }
            if (hasMarker(c, keyUrn)) {
                marked = id;
                break;
            }
            for (JsonNode e : c.path("email_addresses")) {
                if (Mapping.canonicalEmail(Json.text(e, "value")).equals(canonical)) {
                    same.add(id);
                    break;
                }
            }
        }
        String cid = marked;
        if (cid == null) {
            if (same.isEmpty()) {
                return new Lookup(null, null, false);
            }
            if (same.size() > 1) {
                throw new ConnectorException(ErrorCode.DATA_REJECTED, "Greenhouse has " + same.size()
                        + " candidates with the e-mail of application " + Checks.printable(request.applicant().boardApplicationId())
                        + " (ids " + String.join(", ", same) + "): merge them in Greenhouse, then the next run imports it");
            }
            cid = same.get(0);
        }
        List<JsonNode> apps = list(URI.create(base + "/v3/applications?candidate_ids=" + Mapping.enc(cid) + "&per_page=100"),
                "look up the candidate's applications");
        for (JsonNode app : apps) {
            if (onJob(app, job)) {
                return new Lookup(cid, Json.text(app, "id"), false);
            }
        }
        return new Lookup(cid, null, false);
    }

    private boolean hasMarker(JsonNode c, String keyUrn) {
        boolean tagged = false;
        for (JsonNode t : c.path("tags")) {
            String name = t.isObject() ? Json.text(t, "name") : t.asText();
            tagged |= mapping.markerTag().equalsIgnoreCase(name);
        }
        if (!tagged) {
            return false;
        }
        for (JsonNode w : c.path("website_addresses")) {
            String v = Json.text(w, "value");
            if (v != null && v.contains(keyUrn)) {
                return true;
            }
        }
        return false;
    }

    private static boolean onJob(JsonNode app, String job) {
        if (Json.text(app, "id") == null) {
            return false;
        }
        if (job.equals(Json.text(app, "job_id"))) {
            return true;
        }
        for (JsonNode j : app.path("jobs")) {
            if (job.equals(Json.text(j, "id"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lists the application's attachments and uploads the applicant's files whose names are missing, so a found
     * record (an earlier run, a crash between create and upload, an unclear create) gets its résumé exactly once.
     */
    private void ensureAttachments(String applicationId, Applicant a) {
        if (a.attachments().isEmpty()) {
            return;
        }
        Set<String> have = new HashSet<>();
        for (JsonNode f : list(URI.create(base + "/v3/attachments?application_ids=" + Mapping.enc(applicationId)),
                "list the application's attachments")) {
            String name = Json.text(f, "filename");
            if (name != null) {
                have.add(name);
            }
        }
        List<Attachment> files = a.attachments();
        for (int i = 0; i < files.size(); i++) {
            if (!have.contains(files.get(i).fileName())) {
                upload(applicationId, files.get(i), i == 0);
            }
        }
    }

    private void uploadAll(String applicationId, List<Attachment> files) {
        for (int i = 0; i < files.size(); i++) {
            upload(applicationId, files.get(i), i == 0);
        }
    }

    /**
     * {@code POST /v3/attachments}. The applicant's first file is the {@code resume}, the others {@code other}
     * (only the first: a new résumé relabels the current one, so a later file must not take its place).
     */
    private void upload(String applicationId, Attachment a, boolean resume) {
        ObjectNode b = Json.object();
        b.set("application_id", asNumberOrText(applicationId));
        b.put("filename", a.fileName());
        b.put("type", resume ? "resume" : "other");
        b.put("content", a.content()); // Jackson writes standard base64, no copy held
        b.put("content_type", a.contentType());
        byte[] body = Json.bytes(b);
        URI uri = URI.create(base + "/v3/attachments");
        HttpResult r = posts.send(() -> send(t -> post(t, uri, body)));
        if (!r.isSuccess()) {
            throw HttpErrors.of(VENDOR, "attach the file '" + a.fileName() + "'", r);
        }
    }

    /** Reads every page of a list, following {@code Link: rel="next"} only on the configured host. */
    private List<JsonNode> list(URI first, String what) {
        List<JsonNode> out = new ArrayList<>();
        URI uri = first;
        for (int page = 0; page < MAX_PAGES; page++) {
            URI current = uri;
            HttpResult r = send(t -> get(t, current));
            if (!r.isSuccess()) {
                throw HttpErrors.of(VENDOR, what, r);
            }
            JsonNode root = Json.parse(r, VENDOR);
            JsonNode items = root.isArray() ? root : root.has("data") ? root.get("data") : root.path("items");
            items.forEach(out::add);
            Optional<URI> next = GreenhousePaging.nextLink(r, current, baseUri, base);
            if (next.isEmpty()) {
                return out;
            }
            uri = next.get();
        }
        throw new ConnectorException(ErrorCode.UNKNOWN, "Greenhouse list returned more than " + MAX_PAGES
                + " pages while trying to " + what + "; stopped", null, null);
    }

    /**
     * Sends with the cached token; on 401 drops it, mints one new token and replays once (a 401 means the request
     * was refused, so replaying a POST cannot duplicate it). Honours {@code X-RateLimit-Remaining: 0} by waiting
     * until {@code X-RateLimit-Reset} before the next call.
     */
    private HttpResult send(Function<String, HttpRequest> build) {
        gate.pace();
        String token = tokens.token(http);
        HttpResult r = http.execute(build.apply(token));
        gate.remember(r);
        if (r.statusCode() == 401) {
            tokens.invalidate(token);
            String fresh = tokens.token(http);
            gate.pace();
            r = http.execute(build.apply(fresh));
            gate.remember(r);
        }
        return r;
    }

    private static HttpRequest get(String token, URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
    }

    private static HttpRequest post(String token, URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static com.fasterxml.jackson.databind.node.ValueNode asNumberOrText(String id) {
        try {
            return Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Json.MAPPER.getNodeFactory().textNode(id);
        }
    }

    @Override
    public String toString() {
        return "GreenhouseConnector[" + base.toLowerCase(Locale.ROOT) + "]";
    }
}
