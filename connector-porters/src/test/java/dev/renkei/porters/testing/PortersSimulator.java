package dev.renkei.porters.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.renkei.porters.PortersJobSeekerProvider;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A stateful PORTERS HRBC simulator on WireMock (ephemeral port), serving PORTERS-shaped XML as
 * {@code specs/porters.md} §13 describes: {@code code_direct} codes (30 s), tokens (access 30 min, refresh 2 h, in
 * milliseconds, on the given clock), the guards (no token → 101, unknown → 402, expired → 401, wrong partition →
 * 404, maintenance → 9, grant missing → 403, over 15,000 characters → bare HTTP 400), Candidate and Resume reads
 * with offset paging ({@code count} defaults to 10) and status writes with per-item codes. Every request stays in
 * WireMock's journal, so tests {@code verify} what was sent. Faults are switches on the instance.
 */
public final class PortersSimulator implements AutoCloseable {
    /** The seeded partition. */
    public static final String PARTITION = "999999";
    /** The app id the simulator accepts. */
    public static final String APP_ID = "app-1";
    /** The secret the simulator accepts. */
    public static final String SECRET = "secret-1";

    private final Clock clock;
    private final WireMockServer server;
    private final TreeMap<Long, Person> people = new TreeMap<>();
    private final Map<String, Instant> codes = new HashMap<>();
    private final Map<String, Instant> access = new HashMap<>();
    private final Map<String, Instant> refresh = new HashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private final Map<String, Integer> itemFaults = new HashMap<>();
    private final AtomicInteger tokenSeq = new AtomicInteger();
    private volatile boolean maintenance;
    private volatile boolean grantMissing;
    private volatile boolean systemRootOnExpiry;
    private volatile int failNextWriteRoot;
    private volatile String rawNextRead;

    /** A person (Candidate) with its resumes. */
    public record Person(long id, String name, String mail, String ownerMail, List<Resume> resumes) {}

    /** A resume. */
    public record Resume(long id, String ownerMail) {}

    /** A status write the simulator accepted or refused. */
    public record Write(String resource, String id, String field, String valueXml, int code) {}

    private PortersSimulator(Clock clock, int port) {
        this.clock = clock;
        this.server = new WireMockServer(WireMockConfiguration.options().port(port).bindAddress("127.0.0.1")
                .extensions(new Sim()));
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).withName("sim").willReturn(aResponse()));
    }

    /** Starts a simulator whose tokens and codes expire on {@code clock}. */
    public static PortersSimulator start(Clock clock) {
        return new PortersSimulator(clock, 0);
    }

    /** Starts a simulator on a fixed loopback port (0: a free one), e.g. for the samples' {@code simulators}. */
    public static PortersSimulator start(Clock clock, int port) {
        return new PortersSimulator(clock, port);
    }

    /** The WireMock server (for {@code verify} and extra stubs). */
    public WireMockServer wireMock() {
        return server;
    }

    /** The API base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Connector settings pointing at this simulator. */
    public Map<String, String> settings() {
        return Map.of(PortersJobSeekerProvider.PARTITION, PARTITION, PortersJobSeekerProvider.BASE_URL, baseUrl());
    }

    /** Adds people. */
    public synchronized PortersSimulator add(Person... ps) {
        for (Person p : ps) {
            people.put(p.id(), p);
        }
        return this;
    }

    /** Adds {@code n} people with ids from {@code firstId}, each with one resume, mails {@code js<id>@example.com}. */
    public synchronized PortersSimulator addMany(long firstId, int n) {
        for (long id = firstId; id < firstId + n; id++) {
            add(new Person(id, "求職者" + id, "js" + id + "@example.com", "owner@example.com",
                    List.of(new Resume(id + 500_000, "resume-owner@example.com"))));
        }
        return this;
    }

    /** The writes received, in order. */
    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Maintenance (Code 9) on every resource call while on. */
    public void maintenance(boolean on) {
        maintenance = on;
    }

    /** The one-time browser grant is missing: resource calls answer Code 403. */
    public void grantMissing(boolean on) {
        grantMissing = on;
    }

    /** Expired tokens are answered under a {@code <System>} root instead of the resource's. */
    public void systemRootOnExpiry(boolean on) {
        systemRootOnExpiry = on;
    }

    /** The next write request fails as a whole with this root code (e.g. 9 or 403). */
    public void failNextWrite(int code) {
        failNextWriteRoot = code;
    }

    /** Writes to this record id get this per-item code until cleared with 0. */
    public synchronized void itemFault(String id, int code) {
        if (code == 0) {
            itemFaults.remove(id);
        } else {
            itemFaults.put(id, code);
        }
    }

    /** The next read is answered with this raw body (hostile XML tests). */
    public void rawNextRead(String body) {
        rawNextRead = body;
    }

    /** Expires every access token now (as PORTERS would after 30 min). */
    public synchronized void expireAccessTokens() {
        access.replaceAll((k, v) -> Instant.MIN);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Sim implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            if (event.getStubMapping() == null || !"sim".equals(event.getStubMapping().getName())) {
                return event.getResponseDefinition();
            }
            synchronized (PortersSimulator.this) {
                return handle(event.getRequest());
            }
        }

        @Override
        public String getName() {
            return "porters-sim";
        }
    }

    private ResponseDefinition handle(Request r) {
        String url = r.getUrl();
        if (url.length() + r.getBodyAsString().length() > 15_000) {
            return aResponse().withStatus(400).build();
        }
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Map<String, String> q = query(url.contains("?") ? url.substring(url.indexOf('?') + 1) : "");
        if (path.equals("/v1/oauth")) {
            return oauth(q);
        }
        if (path.equals("/v1/token")) {
            return token(query(r.getBodyAsString()));
        }
        String resource = path.replace("/v1/", "");
        String root = resource.equals("candidate") ? "Candidate" : resource.equals("resume") ? "Resume" : "Partition";
        String tok = r.containsHeader("X-porters-hrbc-oauth-token") ? r.getHeader("X-porters-hrbc-oauth-token") : null;
        if (tok == null) {
            return code(root, 101);
        }
        if (!access.containsKey(tok)) {
            return code(root, 402);
        }
        if (!clock.instant().isBefore(access.get(tok))) {
            return code(systemRootOnExpiry ? "System" : root, 401);
        }
        if (!PARTITION.equals(q.get("partition"))) {
            return code(root, 404);
        }
        if (maintenance) {
            return code(root, 9);
        }
        if (grantMissing) {
            return code(root, 403);
        }
        if (r.getMethod().getName().equals("POST")) {
            return write(resource, root, r.getBodyAsString());
        }
        String raw = rawNextRead;
        if (raw != null) {
            rawNextRead = null;
            return xml(raw);
        }
        return read(resource, root, q);
    }

    private ResponseDefinition oauth(Map<String, String> q) {
        if (!APP_ID.equals(q.get("app_id"))) {
            return xml("<Authentication><Error>104</Error><Message>invalid app_id</Message></Authentication>");
        }
        String code = "stub-code-" + tokenSeq.incrementAndGet();
        codes.put(code, clock.instant().plusSeconds(30));
        return xml("<Authentication><Code>" + code + "</Code><Error>0</Error><Message>Success</Message></Authentication>");
    }

    private ResponseDefinition token(Map<String, String> form) {
        if (!SECRET.equals(form.get("secret")) || !APP_ID.equals(form.get("app_id"))) {
            return xml("<Authentication><Error>105</Error><Message>invalid secret</Message></Authentication>");
        }
        String code = form.getOrDefault("code", "");
        String refreshToken;
        if ("oauth_code".equals(form.get("grant_type"))) {
            Instant until = codes.remove(code);
            if (until == null || !clock.instant().isBefore(until)) {
                return xml("<Authentication><Error>103</Error><Message>invalid code</Message></Authentication>");
            }
            refreshToken = "ref-" + tokenSeq.incrementAndGet();
            refresh.put(refreshToken, clock.instant().plus(Duration.ofHours(2)));
        } else {
            Instant until = refresh.get(code);
            if (until == null || !clock.instant().isBefore(until)) {
                return xml("<Authentication><Error>401</Error><Message>refresh token expired</Message></Authentication>");
            }
            refreshToken = code;
        }
        String t = "tok-" + tokenSeq.incrementAndGet();
        access.put(t, clock.instant().plus(Duration.ofMinutes(30)));
        return xml("<Authentication><AccessToken>" + t + "</AccessToken><AccessTokenExpiresIn>1800000"
                + "</AccessTokenExpiresIn><RefreshToken>" + refreshToken + "</RefreshToken><RefreshTokenExpiresIn>"
                + Duration.between(clock.instant(), refresh.get(refreshToken)).toMillis() + "</RefreshTokenExpiresIn>"
                + "<Error>0</Error><Message>Success</Message></Authentication>");
    }

    private ResponseDefinition read(String resource, String root, Map<String, String> q) {
        int count = Integer.parseInt(q.getOrDefault("count", "10"));
        int start = Integer.parseInt(q.getOrDefault("start", "0"));
        if (count < 1 || count > 200) {
            return code(root, 103);
        }
        String fields = q.getOrDefault("field", "");
        List<String> items = new ArrayList<>();
        if (resource.equals("candidate")) {
            for (Person p : people.values()) {
                items.add("<Item><Person.P_Id>" + p.id() + "</Person.P_Id>"
                        + (fields.contains("Person.P_Name") ? "<Person.P_Name>" + esc(p.name()) + "</Person.P_Name>" : "")
                        + (fields.contains("Person.P_Mail") ? (p.mail() == null ? "<Person.P_Mail/>"
                        : "<Person.P_Mail>" + esc(p.mail()) + "</Person.P_Mail>") : "")
                        + (fields.contains("Person.P_Owner") ? "<Person.P_Owner><User><User.P_Id>5</User.P_Id>"
                        + "<User.P_Name>担当</User.P_Name><User.P_Mail>" + p.ownerMail() + "</User.P_Mail></User>"
                        + "</Person.P_Owner>" : "")
                        + (fields.contains("Person.P_UpdateDate") ? "<Person.P_UpdateDate>2026/01/02 03:04:05"
                        + "</Person.P_UpdateDate>" : "")
                        + "<Person.P_Phase><Option.P_Entry><Option.P_Name>エントリー</Option.P_Name>"
                        + "<Option.P_Id>87</Option.P_Id></Option.P_Entry></Person.P_Phase></Item>");
            }
        } else if (resource.equals("resume")) {
            String cond = q.getOrDefault("condition", "");
            String candidate = cond.startsWith("Resume.P_Candidate:eq=") ? cond.substring(22) : null;
            for (Person p : people.values()) {
                if (candidate != null && !candidate.equals(String.valueOf(p.id()))) {
                    continue;
                }
                for (Resume res : p.resumes()) {
                    boolean nested = res.id() % 2 == 0;
                    items.add("<Item><Resume.P_Id>" + res.id() + "</Resume.P_Id><Resume.P_Owner><User><User.P_Id>6"
                            + "</User.P_Id><User.P_Mail>" + res.ownerMail() + "</User.P_Mail></User></Resume.P_Owner>"
                            + (nested ? "<Resume.P_Candidate><Candidate><Person.P_Id>" + p.id() + "</Person.P_Id>"
                            + "</Candidate></Resume.P_Candidate>" : "<Resume.P_Candidate>" + p.id()
                            + "</Resume.P_Candidate>") + "</Item>");
                }
            }
        }
        List<String> page = items.subList(Math.min(start, items.size()), Math.min(start + count, items.size()));
        return xml("<" + root + " Total=\"" + items.size() + "\" Count=\"" + page.size() + "\" Start=\"" + start
                + "\"><Code>0</Code>" + String.join("", page) + "</" + root + ">");
    }

    private ResponseDefinition write(String resource, String root, String body) {
        if (failNextWriteRoot != 0) {
            int c = failNextWriteRoot;
            failNextWriteRoot = 0;
            return code(root, c);
        }
        String prefix = resource.equals("candidate") ? "Person." : "Resume.";
        StringBuilder out = new StringBuilder("<" + root + "><Code>0</Code>");
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList items = f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement().getElementsByTagName("Item");
            for (int i = 0; i < items.getLength(); i++) {
                Element item = (Element) items.item(i);
                String id = item.getElementsByTagName(prefix + "P_Id").item(0).getTextContent();
                String field = null;
                String value = null;
                for (Node n = item.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e && !e.getTagName().equals(prefix + "P_Id")) {
                        field = e.getTagName();
                        Node child = e.getFirstChild();
                        value = child instanceof Element opt ? "<" + opt.getTagName() + "/>" : e.getTextContent();
                    }
                }
                boolean exists = resource.equals("candidate") ? people.containsKey(Long.parseLong(id))
                        : people.values().stream().flatMap(p -> p.resumes().stream()).anyMatch(x -> String.valueOf(x.id()).equals(id));
                int code = itemFaults.getOrDefault(id, exists ? 0 : 7);
                writes.add(new Write(resource, id, field, value, code));
                out.append("<Item><Id>").append(id).append("</Id><Code>").append(code).append("</Code></Item>");
            }
        } catch (Exception e) {
            return code(root, 100);
        }
        return xml(out.append("</").append(root).append(">").toString());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static ResponseDefinition code(String root, int code) {
        return xml("<" + root + "><Code>" + code + "</Code><Message>code " + code + "</Message></" + root + ">");
    }

    private static ResponseDefinition xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml; charset=UTF-8")
                .withBody(body.startsWith("<?xml") ? body : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body)
                .build();
    }

    private static Map<String, String> query(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : s.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
