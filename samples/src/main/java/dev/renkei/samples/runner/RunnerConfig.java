package dev.renkei.samples.runner;

/*
 * Length: about 500 lines (the mypage section is read in MyPageConfig) because it reads the runner's whole JSON file, section by section, so that an unknown or
 * misspelled field anywhere is an error naming its path; value parsing (durations, times, secrets) is in Fields.
 */
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.renkei.ats.GreenhouseAtsConnectorProvider;
import dev.renkei.ats.LeverAtsConnectorProvider;
import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.crypto.SecretCipher;
import dev.renkei.core.http.RateLimit;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.AtsConnectorProvider;
import dev.renkei.media.SiteProfileMediaProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The runner's configuration, read from one JSON file (comments allowed). Relative paths (profile files, key files,
 * the default database folder) are resolved against the file's own folder. Every error names the field.
 *
 * <p>The file holds board passwords and API keys in clear text: keep it readable only by the account that runs the
 * runner. In the database they are stored AES-GCM encrypted under {@code secretKey}.
 *
 * <p>The operator writes this file, so the ATS endpoints it names in a robot's {@code ats.settings}
 * ({@code url}, {@code baseUrl}, {@code authUrl}) are host configuration: they go to the connector providers
 * ({@link #atsProviders}), not into the robots stored in the database.
 */
public final class RunnerConfig {
    /** ATS connectors the runner can use. */
    static final Set<String> ATS_CONNECTORS = Set.of(WebhookAtsConnectorProvider.ID, LeverAtsConnectorProvider.ID,
            GreenhouseAtsConnectorProvider.ID);
    /** Per ATS connector, the robot settings that name an endpoint: host configuration in this file. */
    static final Map<String, List<String>> ENDPOINT_SETTINGS = Map.of(
            WebhookAtsConnectorProvider.ID, List.of(WebhookAtsConnectorProvider.URL_SETTING),
            LeverAtsConnectorProvider.ID, List.of(LeverAtsConnectorProvider.BASE_URL_SETTING),
            GreenhouseAtsConnectorProvider.ID, List.of(GreenhouseAtsConnectorProvider.BASE_URL_SETTING,
                    GreenhouseAtsConnectorProvider.AUTH_URL_SETTING));
    /** The embedded database when {@code database.url} is absent, relative to the config file's folder. */
    static final String DEFAULT_H2 = "renkei-data/renkei";

    final Path file;
    final TenantId tenant;
    final Database database;
    final SecretCipher cipher;
    final boolean rotating;
    final Smtp smtp;
    final Http http;
    final Engine engine;
    final Scheduler scheduler;
    final Relay relay;
    final Map<String, Medium> media;
    final List<RobotConfig> robots;
    /** The MyPage sync, or null when the file has no {@code mypage} section. */
    final MyPageConfig mypage;
    /** One provider per ATS connector the runner knows, with the endpoints this file names. */
    final List<AtsConnectorProvider> atsProviders;

    /** The database: a JDBC URL with user and password. */
    record Database(String url, String user, Secret password) {
        boolean h2() {
            return url.startsWith("jdbc:h2:");
        }
    }

    /** The SMTP server and the result-mail addresses. */
    record Smtp(String host, int port, String user, Secret password, boolean startTls, boolean ssl, String from,
                String operator, Locale operatorLocale, Duration connectTimeout, Duration readTimeout) {}

    /** HTTP executor settings; null = the library default. */
    record Http(Duration connectTimeout, Duration deadline, Integer maxAttempts, Duration retryBaseDelay,
                Duration retryMaxDelay, Map<String, RateLimit> rateLimits) {}

    /** Engine settings; null = the library default. */
    record Engine(Integer slotConcurrency, Duration overlap, Duration initialLookback, Duration loginTimeout,
                  Duration heartbeatInterval, Duration staleAfter, Duration runTimeout) {}

    /** Scheduler settings; null = the library default. */
    record Scheduler(Duration pollInterval, Duration catchUp, Duration missedLookback, Duration deadAfter,
                     Integer maxConcurrentRuns, Duration shutdownWait) {}

    /** Mail relay settings; null = the library default. {@code interval}: how often the runner sends due mails. */
    record Relay(Integer maxAttempts, Duration backoff, Duration maxBackoff, Duration interval) {}

    /** A job board: its profile and connector settings (e.g. {@code baseUrl}). */
    record Medium(String id, SiteProfileMediaProvider provider, Map<String, String> settings) {}

    /** One slot as the file lists it. */
    record SlotConfig(String field, String medium, Credentials credentials) {}

    /** An endpoint as one robot's {@code ats.settings} names it. */
    private record Endpoint(URI url, String field) {}

    /** One robot as the file lists it. */
    record RobotConfig(String field, RobotId id, String name, boolean linkageEnabled, AtsAccount ats,
                       Schedule schedule, NotificationSettings notifications, List<SlotConfig> slots) {}

    private RunnerConfig(Path file, JsonNode root) {
        this.file = file;
        Path base = file.toAbsolutePath().getParent();
        Fields top = Fields.of(root, "").only("tenant", "database", "secretKey", "previousSecretKeys", "smtp", "http",
                "engine", "scheduler", "mailRelay", "media", "robots", "mypage");
        this.tenant = Fields.valid("tenant", () -> TenantId.of(top.string("tenant", "default")));
        this.database = database(top.optionalObject("database"), base);
        List<Fields> previous = top.objects("previousSecretKeys", false);
        this.cipher = cipher(top.object("secretKey"), previous, base);
        this.rotating = !previous.isEmpty();
        this.smtp = smtp(top.optionalObject("smtp"));
        this.http = http(top.optionalObject("http"));
        this.engine = engine(top.optionalObject("engine"));
        this.scheduler = scheduler(top.optionalObject("scheduler"));
        this.relay = relay(top.optionalObject("mailRelay"));
        this.media = media(top, base);
        this.mypage = MyPageConfig.read(top.optionalObject("mypage"), base, smtp == null ? null : smtp.from());
        if (mypage != null && smtp == null) {
            throw new ConfigException("mypage", "needs the 'smtp' section: the setup links go out by mail");
        }
        List<RobotConfig> listed = robots(top);
        Map<String, List<Endpoint>> endpoints = endpoints(listed);
        this.atsProviders = atsProviders(endpoints);
        this.robots = withoutHostEndpoints(listed, endpoints);
    }

    /**
     * Reads and validates a config file.
     *
     * @throws ConfigException naming the field when anything is missing or invalid
     */
    public static RunnerConfig load(Path file) {
        String text = Fields.readFile("--config", file, StandardCharsets.UTF_8,
                "copy samples/examples/runner.json and edit it (README, \"The standalone runner\")");
        JsonNode root;
        try {
            root = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS).readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.toString(), "is not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        return new RunnerConfig(file, root);
    }

    /** The robot with this id, or null. */
    RobotConfig robot(String id) {
        return robots.stream().filter(r -> r.id().value().equals(id)).findFirst().orElse(null);
    }

    // --- sections ------------------------------------------------------------------------------------------------

    private static Database database(Fields f, Path base) {
        if (f == null) {
            return new Database(defaultH2(base), "sa", null);
        }
        f.only("url", "user", "password");
        String url = f.has("url") ? relativeH2(f.string("url"), base) : defaultH2(base);
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(f.field("url"), "must be an H2 (jdbc:h2:…) or PostgreSQL (jdbc:postgresql:…) URL");
        }
        String password = f.anyString("password", "");
        return new Database(url, f.anyString("user", url.startsWith("jdbc:h2:") ? "sa" : null),
                password.isEmpty() ? null : Secret.of(password));
    }

    /**
     * An H2 file URL with a relative path ({@code jdbc:h2:file:./data/renkei}) made relative to the config file's
     * folder, like every other path in the file; absolute paths, {@code ~/…} and other URLs stay as written.
     */
    static String relativeH2(String url, Path base) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return url;
        }
        String rest = url.substring(prefix.length());
        int semicolon = rest.indexOf(';');
        String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (path.isEmpty() || path.startsWith("~") || Path.of(path).isAbsolute()) {
            return url;
        }
        return prefix + base.resolve(path).normalize() + (semicolon < 0 ? "" : rest.substring(semicolon));
    }

    private static String defaultH2(Path base) {
        // WRITE_DELAY=0: a commit is on disk when the call returns, so kill -9 loses no ledger entry
        return "jdbc:h2:file:" + base.resolve(DEFAULT_H2) + ";WRITE_DELAY=0";
    }

    private static SecretCipher cipher(Fields active, List<Fields> previous, Path base) {
        SecretCipher.Builder b = SecretCipher.builder();
        String activeId = key(b, active, base);
        Set<String> ids = new HashSet<>(Set.of(activeId));
        for (Fields p : previous) {
            String id = key(b, p, base);
            if (!ids.add(id)) {
                throw new ConfigException(p.field("id"), "key id '" + id + "' is given twice");
            }
        }
        return Fields.valid("secretKey", () -> b.activeKey(activeId).build());
    }

    private static String key(SecretCipher.Builder b, Fields f, Path base) {
        f.only("id", "base64", "file");
        String id = f.string("id", "k1");
        if (f.has("base64") == f.has("file")) {
            throw new ConfigException(f.path(), "give exactly one of 'base64' (the key itself) or 'file' (a file "
                    + "holding it); create one with: head -c 32 /dev/urandom | base64");
        }
        String text;
        String field;
        if (f.has("base64")) {
            field = f.field("base64");
            text = f.string("base64");
        } else {
            field = f.field("file");
            Path keyFile = base.resolve(f.string("file"));
            text = Fields.readFile(field, keyFile, StandardCharsets.US_ASCII, "create it with: head -c 32 "
                    + "/dev/urandom | base64 > " + keyFile.toAbsolutePath().normalize() + " (and keep it secret: it "
                    + "seals every stored password)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field, "is not valid base64");
        }
        if (key.length != 32) {
            throw new ConfigException(field, "must be 32 bytes (256 bits) in base64, got " + key.length + " bytes");
        }
        Fields.valid(f.field("id"), () -> b.key(id, key));
        return id;
    }

    private static Smtp smtp(Fields f) {
        if (f == null) {
            return null;
        }
        f.only("host", "port", "user", "password", "startTls", "ssl", "from", "operator", "operatorLocale",
                "connectTimeout", "readTimeout");
        String password = f.anyString("password", "");
        String user = f.has("user") ? f.string("user") : null;
        if (!password.isEmpty() && user == null) {
            throw new ConfigException(f.field("user"), "is required when a password is given");
        }
        Smtp s = new Smtp(f.string("host"), f.integer("port", 25, 1, 65535), user,
                password.isEmpty() ? null : Secret.of(password), f.bool("startTls", false), f.bool("ssl", false),
                f.string("from"), f.has("operator") ? f.string("operator") : null,
                Locale.forLanguageTag(f.string("operatorLocale", "ja")), f.duration("connectTimeout"),
                f.duration("readTimeout"));
        if (s.ssl() && s.startTls()) {
            throw new ConfigException(f.field("ssl"), "ssl and startTls exclude each other: choose one");
        }
        return s;
    }

    private static Http http(Fields f) {
        if (f == null) {
            return new Http(null, null, null, null, null, Map.of());
        }
        f.only("connectTimeout", "deadline", "maxAttempts", "retryBaseDelay", "retryMaxDelay", "rateLimits");
        Map<String, RateLimit> limits = new LinkedHashMap<>();
        f.members("rateLimits").forEach((host, l) -> {
            l.only("permits", "period", "burst", "maxConcurrent");
            int permits = l.integer("permits", 1, 1, 1_000_000);
            Duration period = l.duration("period");
            limits.put(host, Fields.valid(l.path(), () -> new RateLimit(permits, period == null ? Duration.ofSeconds(1)
                    : period, l.integer("burst", permits, 1, 1_000_000), l.integer("maxConcurrent", 0, 0, 10_000))));
        });
        return new Http(f.duration("connectTimeout"), f.duration("deadline"), f.integer("maxAttempts", 1, 20),
                f.duration("retryBaseDelay"), f.duration("retryMaxDelay"), limits);
    }

    private static Engine engine(Fields f) {
        if (f == null) {
            return new Engine(null, null, null, null, null, null, null);
        }
        f.only("slotConcurrency", "overlap", "initialLookback", "loginTimeout", "heartbeatInterval", "staleAfter",
                "runTimeout");
        return new Engine(f.integer("slotConcurrency", 1, 64), f.duration("overlap"), f.duration("initialLookback"),
                f.duration("loginTimeout"), f.duration("heartbeatInterval"), f.duration("staleAfter"),
                f.duration("runTimeout"));
    }

    private static Scheduler scheduler(Fields f) {
        if (f == null) {
            return new Scheduler(null, null, null, null, null, null);
        }
        f.only("pollInterval", "catchUp", "missedLookback", "deadAfter", "maxConcurrentRuns", "shutdownWait");
        return new Scheduler(f.duration("pollInterval"), f.duration("catchUp"), f.duration("missedLookback"),
                f.duration("deadAfter"), f.integer("maxConcurrentRuns", 1, 256), f.duration("shutdownWait"));
    }

    private static Relay relay(Fields f) {
        if (f == null) {
            return new Relay(null, null, null, null);
        }
        f.only("maxAttempts", "backoff", "maxBackoff", "interval");
        return new Relay(f.integer("maxAttempts", 1, 100), f.duration("backoff"), f.duration("maxBackoff"),
                f.duration("interval"));
    }

    private static Map<String, Medium> media(Fields top, Path base) {
        Map<String, Medium> out = new LinkedHashMap<>();
        top.members("media").forEach((id, f) -> {
            f.only("demoProfile", "profileFile", "settings");
            if (f.has("demoProfile") == f.has("profileFile")) {
                throw new ConfigException(f.path(), "give exactly one of 'profileFile' (a site profile JSON file) or "
                        + "'demoProfile' (demo-html or demo-csv)");
            }
            SiteProfileMediaProvider provider = f.has("profileFile")
                    ? Fields.valid(f.field("profileFile"), () -> SiteProfileMediaProvider.fromFile(
                            base.resolve(f.string("profileFile"))))
                    : Fields.valid(f.field("demoProfile"), () -> SiteProfileMediaProvider.demo(f.string("demoProfile")));
            if (!provider.id().equals(id)) {
                throw new ConfigException(f.path(), "the profile's id is '" + provider.id() + "': name this entry "
                        + "after it");
            }
            out.put(id, new Medium(id, provider, f.stringMap("settings")));
        });
        return out;
    }

    private List<RobotConfig> robots(Fields top) {
        List<RobotConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Fields r : top.objects("robots", true)) {
            r.only("id", "name", "linkageEnabled", "ats", "schedule", "notifications", "slots");
            RobotId id = Fields.valid(r.field("id"), () -> RobotId.of(r.string("id")));
            if (!ids.add(id.value())) {
                throw new ConfigException(r.field("id"), "robot id '" + id.value() + "' is given twice");
            }
            String name = r.string("name", id.value());
            AtsAccount ats = ats(r.object("ats"));
            Schedule schedule = schedule(r.optionalObject("schedule"), r.field("schedule"));
            NotificationSettings notifications = notifications(r.object("notifications"));
            List<SlotConfig> slots = new ArrayList<>();
            for (Fields s : r.objects("slots", false)) {
                s.only("medium", "loginId", "password", "extras");
                String medium = s.string("medium");
                if (!media.containsKey(medium)) {
                    throw new ConfigException(s.field("medium"), "'" + medium + "' is not defined under 'media' "
                            + "(defined: " + String.join(", ", media.keySet()) + ")");
                }
                Credentials c = Fields.valid(s.path(), () -> new Credentials(s.string("loginId"),
                        Secret.of(s.string("password")), s.stringMap("extras")));
                slots.add(new SlotConfig(s.path(), medium, c));
            }
            out.add(new RobotConfig(r.path(), id, name, r.bool("linkageEnabled", true), ats, schedule, notifications,
                    List.copyOf(slots)));
        }
        if (out.isEmpty()) {
            throw new ConfigException("robots", "must list at least one robot");
        }
        return List.copyOf(out);
    }

    // --- ATS endpoints: host configuration ----------------------------------------------------------------------

    /** Every endpoint the robots name, by "connector key", distinct values in file order. */
    private static Map<String, List<Endpoint>> endpoints(List<RobotConfig> robots) {
        Map<String, List<Endpoint>> out = new LinkedHashMap<>();
        for (RobotConfig r : robots) {
            String connector = r.ats().connectorId();
            for (String key : ENDPOINT_SETTINGS.get(connector)) {
                String raw = r.ats().settings().get(key);
                if (raw == null || raw.isBlank()) {
                    continue;
                }
                String field = r.field() + ".ats.settings." + key;
                URI url;
                try {
                    url = new URI(raw.strip());
                } catch (URISyntaxException e) {
                    throw new ConfigException(field, "is not a URL: " + e.getReason());
                }
                List<Endpoint> seen = out.computeIfAbsent(connector + " " + key, k -> new ArrayList<>());
                if (seen.stream().noneMatch(e -> e.url().equals(url))) {
                    seen.add(new Endpoint(url, field));
                }
            }
        }
        return out;
    }

    /**
     * The providers: per connector and setting, the first URL in file order is the provider's endpoint; other
     * URLs that robots name are allowed on the provider (Lever and Greenhouse keep their vendor defaults allowed).
     */
    private static List<AtsConnectorProvider> atsProviders(Map<String, List<Endpoint>> endpoints) {
        WebhookAtsConnectorProvider.Builder webhook = WebhookAtsConnectorProvider.builder();
        endpoint(endpoints.get("webhook url"), webhook::url, webhook::allowedUrlPrefixes, List.of());
        LeverAtsConnectorProvider.Builder lever = LeverAtsConnectorProvider.builder();
        endpoint(endpoints.get("lever baseUrl"), lever::baseUrl, lever::allowedBaseUrls,
                LeverAtsConnectorProvider.DEFAULT_ALLOWED_BASE_URLS);
        GreenhouseAtsConnectorProvider.Builder greenhouse = GreenhouseAtsConnectorProvider.builder();
        endpoint(endpoints.get("greenhouse baseUrl"), greenhouse::baseUrl, greenhouse::allowedBaseUrls,
                List.of(GreenhouseAtsConnectorProvider.DEFAULT_BASE_URL));
        endpoint(endpoints.get("greenhouse authUrl"), greenhouse::authUrl, greenhouse::allowedAuthUrls,
                List.of(GreenhouseAtsConnectorProvider.DEFAULT_AUTH_URL));
        return List.of(webhook.build(), lever.build(), greenhouse.build());
    }

    private static void endpoint(List<Endpoint> urls, Consumer<URI> endpoint, Consumer<List<URI>> allowed,
                                 List<URI> vendorDefaults) {
        if (urls == null) {
            return;
        }
        List<URI> all = new ArrayList<>(vendorDefaults);
        for (int i = 0; i < urls.size(); i++) {
            Endpoint e = urls.get(i);
            boolean first = i == 0;
            Fields.valid(e.field(), () -> {
                if (first) {
                    endpoint.accept(e.url());
                } else {
                    allowed.accept(List.of(e.url())); // checks it, naming its field; replaced by the full list below
                    all.add(e.url());
                }
                return e;
            });
        }
        allowed.accept(all);
    }

    /** The robots without the endpoint settings that became the providers' endpoints. */
    private static List<RobotConfig> withoutHostEndpoints(List<RobotConfig> robots, Map<String, List<Endpoint>> endpoints) {
        List<RobotConfig> out = new ArrayList<>();
        for (RobotConfig r : robots) {
            AtsAccount a = r.ats();
            Map<String, String> settings = new LinkedHashMap<>(a.settings());
            for (String key : ENDPOINT_SETTINGS.get(a.connectorId())) {
                List<Endpoint> urls = endpoints.getOrDefault(a.connectorId() + " " + key, List.of());
                String raw = settings.get(key);
                if (raw != null && (raw.isBlank() || urls.get(0).url().toString().equals(raw.strip()))) {
                    settings.remove(key);
                }
            }
            AtsAccount stored = new AtsAccount(a.connectorId(), a.accountId(), settings, a.credentials());
            out.add(new RobotConfig(r.field(), r.id(), r.name(), r.linkageEnabled(), stored, r.schedule(),
                    r.notifications(), r.slots()));
        }
        return List.copyOf(out);
    }

    private static AtsAccount ats(Fields f) {
        f.only("connector", "account", "settings", "loginId", "secret", "extras");
        String connector = f.string("connector");
        if (!ATS_CONNECTORS.contains(connector)) {
            throw new ConfigException(f.field("connector"), "'" + connector + "' is not an ATS connector the runner "
                    + "knows (use one of " + String.join(", ", ATS_CONNECTORS.stream().sorted().toList()) + ")");
        }
        Credentials c = null;
        if (f.has("secret")) {
            // loginId: the webhook key id, the Lever user id (perform_as) or the Greenhouse client id
            String loginId = f.string("loginId");
            c = Fields.valid(f.path(), () -> new Credentials(loginId, Secret.of(f.string("secret")),
                    f.stringMap("extras")));
        } else if (f.has("loginId")) {
            throw new ConfigException(f.field("secret"), "is required when a loginId is given");
        }
        Credentials credentials = c;
        return Fields.valid(f.path(), () -> new AtsAccount(connector, f.string("account"), f.stringMap("settings"),
                credentials));
    }

    private static Schedule schedule(Fields f, String field) {
        if (f == null) {
            return Schedule.manualOnly(ZoneId.of("Asia/Tokyo"));
        }
        f.only("zone", "times");
        ZoneId zone;
        try {
            zone = ZoneId.of(f.string("zone", "Asia/Tokyo"));
        } catch (DateTimeException e) {
            throw new ConfigException(f.field("zone"), "is not a time zone id such as Asia/Tokyo");
        }
        List<LocalTime> times = new ArrayList<>();
        List<String> raw = f.strings("times", false);
        for (int i = 0; i < raw.size(); i++) {
            try {
                times.add(LocalTime.parse(raw.get(i)));
            } catch (DateTimeException e) {
                throw new ConfigException(f.field("times") + "[" + i + "]", "'" + raw.get(i) + "' is not a time "
                        + "such as 09:00");
            }
        }
        return Fields.valid(field, () -> new Schedule(zone, times));
    }

    private static NotificationSettings notifications(Fields f) {
        f.only("to", "cc", "locale");
        List<String> to = f.strings("to", true);
        List<String> cc = f.strings("cc", false);
        Locale locale = Locale.forLanguageTag(f.string("locale", "ja"));
        return Fields.valid(f.path(), () -> new NotificationSettings(to, cc, locale));
    }
}
