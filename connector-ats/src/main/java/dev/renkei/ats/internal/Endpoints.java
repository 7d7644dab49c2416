package dev.renkei.ats.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import dev.renkei.core.spi.ConnectorContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a connector may send credentials. The host configures endpoints on the provider; a robot's endpoint setting
 * only picks one of the URLs the host allowed, so whoever edits a robot cannot send its API key, client secret or
 * signed applicants to a server of their choosing. Not API.
 *
 * <ul>
 *   <li>A URL the host sets exactly (an endpoint, an allowed URL): absolute {@code https}, or {@code http} (the
 *       host's explicit choice: a simulator, an internal gateway); a host; no user info or fragment.</li>
 *   <li>A URL prefix the host allows (the webhook): {@code https}, or {@code http} on a loopback host only, because
 *       a prefix lets a robot choose any URL under it.</li>
 *   <li>A robot's value is compared after canonicalisation (lower-case scheme and host, default port dropped,
 *       trailing slashes dropped); anything else is {@link ErrorCode#CONFIGURATION_INVALID} before any I/O.</li>
 * </ul>
 */
public final class Endpoints {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2e|2f|5c)", Pattern.CASE_INSENSITIVE);

    private Endpoints() {}

    /**
     * Checks a URL the host sets exactly on a provider.
     *
     * @param allowQuery whether a query is acceptable (a webhook URL may carry one; a base URL may not)
     * @throws ValidationException naming {@code what} when the URL is not acceptable
     */
    public static URI hostUrl(URI uri, String what, boolean allowQuery) {
        Objects.requireNonNull(uri, what);
        String scheme = scheme(uri);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                || (!allowQuery && uri.getRawQuery() != null)) {
            throw new ValidationException(what + " must be an absolute https (or http) URL with a host and without"
                    + " user info" + (allowQuery ? "" : ", query") + " or fragment: " + shown(uri));
        }
        return uri;
    }

    /**
     * Checks a URL prefix the host allows: as {@link #hostUrl}, but plain {@code http} only on a loopback host.
     *
     * @throws ValidationException naming {@code what} when the prefix is not acceptable
     */
    public static URI hostPrefix(URI uri, String what) {
        hostUrl(uri, what, false);
        if (scheme(uri).equals("http") && !loopback(uri.getHost())) {
            throw new ValidationException(what + " " + shown(uri) + " is plain http on a host that is not loopback:"
                    + " a prefix lets a robot choose any URL under it, so it must be https (http only for 127.0.0.1,"
                    + " ::1 or localhost); set an exact http URL as the endpoint instead");
        }
        if (ENCODED_SEPARATOR.matcher(uri.getRawPath()).find() || dotSegments(uri.getRawPath())) {
            throw new ValidationException(what + " " + shown(uri) + " has dot segments or encoded separators");
        }
        return uri;
    }

    /** Copies a host's list of URLs, checking each; duplicates (after canonicalisation) are dropped. */
    public static List<URI> hostUrls(Collection<URI> urls, String what, boolean prefixes) {
        Objects.requireNonNull(urls, what);
        Map<String, URI> out = new LinkedHashMap<>();
        for (URI u : urls) {
            URI checked = prefixes ? hostPrefix(u, what) : hostUrl(u, what, false);
            out.putIfAbsent(canonical(checked), checked);
        }
        return List.copyOf(out.values());
    }

    /**
     * The endpoint a connector uses for one setting: the host's {@code endpoint} when the robot does not set
     * {@code key}; the robot's value when it is one of {@code allowed} (exact match after canonicalisation).
     *
     * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} naming the setting and the allowed values
     *     when the robot's value is not allowed
     */
    public static URI choose(ConnectorContext context, String connector, String key, URI endpoint, List<URI> allowed) {
        Optional<String> raw = context.setting(key);
        if (raw.isEmpty()) {
            return endpoint;
        }
        URI wanted = parse(raw.get());
        if (wanted != null) {
            String c = canonical(wanted);
            for (URI a : allowed) {
                if (canonical(a).equals(c)) {
                    return a;
                }
            }
        }
        throw new ConnectorException(ErrorCode.CONFIGURATION_INVALID, "ATS setting '" + key + "' is "
                + described(wanted) + ", which the " + connector + " connector does not allow here; allowed: "
                + list(allowed) + ". Remove the setting to use " + endpoint + ", or ask the operator to allow the URL"
                + " on the connector (endpoints are host configuration). Nothing was sent.");
    }

    /**
     * The webhook URL: the host's {@code endpoint} when the robot does not set {@code key}; the robot's value when
     * it equals the endpoint or lies under one of {@code prefixes} (same scheme, host and port; the path equal to or
     * below the prefix's path; no user info, fragment, dot segments or encoded separators).
     *
     * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} when there is no URL or the robot's value
     *     is not allowed
     */
    public static URI chooseUnder(ConnectorContext context, String connector, String key, URI endpoint,
                                  List<URI> prefixes) {
        Optional<String> raw = context.setting(key);
        if (raw.isEmpty()) {
            if (endpoint == null) {
                throw new ConnectorException(ErrorCode.CONFIGURATION_INVALID, "the " + connector + " connector has"
                        + " no receiver URL: the operator sets it on the connector (endpoint), or allows URL"
                        + " prefixes under which a robot's '" + key + "' setting may name one");
            }
            return endpoint;
        }
        URI wanted = parse(raw.get());
        if (wanted != null) {
            if (endpoint != null && canonical(endpoint).equals(canonical(wanted))) {
                return endpoint;
            }
            for (URI p : prefixes) {
                if (under(wanted, p)) {
                    return wanted;
                }
            }
        }
        List<String> allowed = new ArrayList<>();
        if (endpoint != null) {
            allowed.add(shown(endpoint));
        }
        prefixes.forEach(p -> allowed.add("URLs under " + p));
        throw new ConnectorException(ErrorCode.CONFIGURATION_INVALID, "ATS setting '" + key + "' is "
                + described(wanted) + ", which the " + connector + " connector does not allow here; allowed: "
                + (allowed.isEmpty() ? "none (the operator has not allowed robots to choose a URL)"
                : String.join(", ", allowed)) + ". Remove the setting"
                + (endpoint == null ? "" : " to use the operator's URL") + ", or ask the operator to allow the URL"
                + " on the connector (endpoints are host configuration). Nothing was sent.");
    }

    /** Lower-case scheme and host, default port dropped, trailing slashes dropped; user info, query, fragment kept. */
    public static String canonical(URI u) {
        String scheme = scheme(u);
        StringBuilder s = new StringBuilder(scheme).append("://");
        if (u.getRawUserInfo() != null) {
            s.append(u.getRawUserInfo()).append('@');
        }
        s.append(u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT));
        if (u.getPort() != -1 && u.getPort() != defaultPort(scheme)) {
            s.append(':').append(u.getPort());
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        s.append(path);
        if (u.getRawQuery() != null) {
            s.append('?').append(u.getRawQuery());
        }
        if (u.getRawFragment() != null) {
            s.append('#').append(u.getRawFragment());
        }
        return s.toString();
    }

    /** True for {@code localhost}, 127.0.0.0/8 and ::1 literals; never resolves a name. */
    public static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return false; // a name: not resolved here (no I/O before create, and DNS could change)
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean under(URI u, URI prefix) {
        if (!u.isAbsolute() || u.getHost() == null || u.getRawUserInfo() != null || u.getRawFragment() != null) {
            return false;
        }
        if (!scheme(u).equals(scheme(prefix)) || !u.getHost().equalsIgnoreCase(prefix.getHost())
                || effectivePort(u) != effectivePort(prefix)) {
            return false;
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        if (ENCODED_SEPARATOR.matcher(path).find() || dotSegments(path)) {
            return false;
        }
        String p = prefix.getRawPath() == null ? "" : prefix.getRawPath();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() || path.equals(p) || path.startsWith(p + "/");
    }

    private static boolean dotSegments(String rawPath) {
        for (String seg : rawPath.split("/", -1)) {
            if (seg.equals(".") || seg.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static URI parse(String raw) {
        try {
            URI u = new URI(raw.strip());
            return u.isAbsolute() ? u : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String scheme(URI u) {
        return u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }

    private static int effectivePort(URI u) {
        return u.getPort() != -1 ? u.getPort() : defaultPort(scheme(u));
    }

    /** A URL for a message: scheme, host, port and path only (user info and query may hold secrets). */
    private static String shown(URI u) {
        String host = u.getHost() == null ? "" : u.getHost();
        return Checks.printable(scheme(u) + "://" + host + (u.getPort() == -1 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath()));
    }

    private static String described(URI parsed) {
        return parsed != null && parsed.getHost() != null ? shown(parsed) : "not an absolute URL with a host";
    }

    private static String list(List<URI> urls) {
        return urls.stream().map(Endpoints::shown).collect(Collectors.joining(", "));
    }
}
