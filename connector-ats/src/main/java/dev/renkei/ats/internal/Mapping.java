package dev.renkei.ats.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.support.Checks;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The per-robot mapping settings shared by the ATS connectors: job routing, source naming, the marker tag and the
 * base-URL helper. Settings are plain keys in {@link ConnectorContext#config()}:
 * <ul>
 *   <li>{@code routing.<board job>} = ATS job/posting id for applications to that board job (name or number as
 *       the board gives it; matched exactly, then after NFKC, trimming and lower-casing);</li>
 *   <li>{@code routing.default} = the fallback ("unassigned") target for any other job;</li>
 *   <li>{@code source.<medium>} = the source name for one medium, {@code source} = for all; default: the medium id;</li>
 *   <li>{@code markerTag} = the fixed tag put on every record Renkei creates (default {@code renkei}).</li>
 * </ul>
 * Endpoint settings ({@code baseUrl}, {@code authUrl}, {@code url}) are not mapping: see {@link Endpoints}.
 * Not API.
 */
public final class Mapping {
    /** Prefix of routing keys. */
    public static final String ROUTING = "routing.";
    /** The fallback routing key. */
    public static final String ROUTING_DEFAULT = "routing.default";
    /** The default marker tag. */
    public static final String DEFAULT_TAG = "renkei";
    /** The prefix of the opaque key as it is stored on a record (a link, website address or header). */
    public static final String KEY_URN = "urn:renkei:";

    private final Map<String, String> routes = new LinkedHashMap<>();
    private final Map<String, String> normalizedRoutes = new LinkedHashMap<>();
    private final String defaultRoute;
    private final Map<String, String> config;
    private final String markerTag;

    /** Reads the mapping settings. */
    public Mapping(ConnectorContext context) {
        this.config = context.config();
        config.forEach((k, v) -> {
            if (k.startsWith(ROUTING) && !k.equals(ROUTING_DEFAULT) && v != null && !v.isBlank()) {
                String job = k.substring(ROUTING.length());
                routes.put(job, v.strip());
                normalizedRoutes.put(normalize(job), v.strip());
            }
        });
        this.defaultRoute = context.setting(ROUTING_DEFAULT).map(String::strip).orElse(null);
        this.markerTag = context.setting("markerTag").map(String::strip).orElse(DEFAULT_TAG);
        Checks.singleLine(markerTag, "setting markerTag");
    }

    /** The fixed marker tag. */
    public String markerTag() {
        return markerTag;
    }

    /** The key as stored on a record: {@code urn:renkei:<key>}. */
    public static String keyUrn(String idempotencyKey) {
        return KEY_URN + idempotencyKey;
    }

    /** The routed ATS job for an applicant, or empty when neither a route nor {@code routing.default} matches. */
    public Optional<String> route(Applicant a) {
        String job = a.appliedJob();
        if (job != null && !job.isBlank()) {
            String exact = routes.get(job.strip());
            if (exact != null) {
                return Optional.of(exact);
            }
            String n = normalizedRoutes.get(normalize(job));
            if (n != null) {
                return Optional.of(n);
            }
        }
        return Optional.ofNullable(defaultRoute);
    }

    /**
     * The routed ATS job, required.
     *
     * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} when no route matches and no
     *     {@code routing.default} is set: the customer fixes it in the robot's ATS settings
     */
    public String requireRoute(String vendor, Applicant a) {
        return route(a).orElseThrow(() -> new ConnectorException(ErrorCode.CONFIGURATION_INVALID,
                "no " + vendor + " job is configured for the board job '" + Checks.printable(String.valueOf(a.appliedJob()))
                        + "': add 'routing.<board job>' or 'routing.default' to the ATS settings"));
    }

    /** The source name for a medium: {@code source.<medium>}, else {@code source}, else the medium id. */
    public String sourceName(String medium) {
        String v = config.get("source." + medium);
        if (v == null || v.isBlank()) {
            v = config.get("source");
        }
        return v == null || v.isBlank() ? medium : v.strip();
    }

    /**
     * Requires what a real ATS needs to look an applicant up and create it: a name and an e-mail. The board gave
     * none, and the customer cannot add it in Renkei, so this is {@link ErrorCode#APPLICANT_INCOMPLETE} (the
     * operator investigates), not an action-required error.
     */
    public static void requireNameAndEmail(String vendor, ImportRequest r) {
        Applicant a = r.applicant();
        StringBuilder missing = new StringBuilder();
        if (a.name() == null || a.name().isBlank()) {
            missing.append("name");
        }
        if (a.email() == null || a.email().isBlank()) {
            missing.append(missing.length() > 0 ? ", " : "").append("e-mail");
        }
        if (missing.length() > 0) {
            throw new ConnectorException(ErrorCode.APPLICANT_INCOMPLETE, "application "
                    + Checks.printable(a.boardApplicationId()) + " from " + r.medium() + " has no " + missing
                    + ", which " + vendor + " needs");
        }
    }

    /** E-mail canonical form for comparison: trimmed, NFKC, lower-case. */
    public static String canonicalEmail(String email) {
        return email == null ? "" : Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static String normalize(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /**
     * Splits a Japanese (or Western) full name on the first ASCII or full-width space: {@code 山田 太郎} →
     * family {@code 山田}, given {@code 太郎}. Without a space the whole name is the family name and the given name
     * is empty.
     */
    public static NameParts splitName(String fullName) {
        String n = fullName.strip();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == ' ' || c == '\u3000') {
                return new NameParts(n.substring(0, i).strip(), n.substring(i + 1).strip());
            }
        }
        return new NameParts(n, "");
    }

    /** A family and a given name. */
    public record NameParts(String family, String given) {}

    /** A base URL without a trailing slash. */
    public static String base(java.net.URI uri) {
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** URL-encodes a query value. */
    public static String enc(String v) {
        return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
    }
}
