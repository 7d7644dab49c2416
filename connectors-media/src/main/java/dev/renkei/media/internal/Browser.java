package dev.renkei.media.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.CallOptions;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.support.HttpFailures;
import dev.renkei.media.SiteProfile;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * One board session's HTTP: a private cookie jar, pacing between page loads, redirects followed within the
 * session (at most {@value #MAX_REDIRECTS}), statuses mapped to error codes, charsets detected. Not thread-safe:
 * a session is used by one thread at a time. Not API.
 *
 * <p>A session knows its board's <em>origins</em> (scheme, host and port): those added with
 * {@link #allowOrigin(URI)} (the login connector adds the base URL's and {@code login.url}'s) and
 * {@code login.allowedOrigins} of the profile. Cookies are kept from and sent to
 * those origins only, and only where their domain matches; a redirect to any other origin is refused. A request
 * body (a form, which may hold the password) never follows a redirect to another origin, and no redirect leads
 * from https to plain http.
 */
public final class Browser {
    static final int MAX_REDIRECTS = 10;
    private static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (compatible; Renkei/0.1; +https://github.com/renkei-dev/renkei)";

    private final HttpExecutor http;
    private final CallOptions options;
    private final Sleeper sleeper;
    private final Duration delay;
    private final String userAgent;
    private final String fixedCharset;
    private final Screens screens;
    private final Set<String> origins = ConcurrentHashMap.newKeySet();
    private boolean loadedOnce;
    private int requests;

    /** A browser with a fresh cookie jar. */
    public Browser(HttpExecutor http, Sleeper sleeper, SiteProfile profile, Screens screens) {
        this.http = http;
        if (profile.login() != null && profile.login().allowedOrigins() != null) {
            for (String o : profile.login().allowedOrigins()) {
                allowOrigin(URI.create(o.strip()));
            }
        }
        this.options = CallOptions.DEFAULT.withCookies(new SessionCookies(this::allows));
        this.sleeper = sleeper;
        this.delay = profile.pacing() != null && profile.pacing().delay() != null
                ? profile.pacing().delay() : Duration.ofSeconds(1);
        this.userAgent = profile.userAgent() != null ? profile.userAgent() : DEFAULT_USER_AGENT;
        this.fixedCharset = profile.charset();
        this.screens = screens;
    }

    /** How many requests (including redirects) this session sent. */
    public int requests() {
        return requests;
    }

    /**
     * Adds the origin of a URI (scheme, host and port) to the session's origins: redirects may lead there and
     * cookies are exchanged with it.
     */
    public void allowOrigin(URI uri) {
        String o = origin(uri);
        if (o == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + Redaction.uri(uri));
        }
        origins.add(o);
    }

    /** True when the URI is on one of the session's origins. */
    public boolean allows(URI uri) {
        String o = origin(uri);
        return o != null && origins.contains(o);
    }

    /** Loads a page with GET. */
    public Page get(URI uri) {
        return load(uri, "GET", null, null);
    }

    /** Submits a form, encoding values with {@code charset} (the charset of the page that holds the form). */
    public Page submit(URI uri, String method, List<Map.Entry<String, String>> form, Charset charset) {
        String encoded = encode(form, charset);
        if ("GET".equalsIgnoreCase(method)) {
            String sep = uri.getRawQuery() == null ? "?" : "&";
            URI target = encoded.isEmpty() ? uri : URI.create(uri.toString().split("#", 2)[0] + sep + encoded);
            return load(target, "GET", null, null);
        }
        return load(uri, "POST", encoded, "application/x-www-form-urlencoded; charset=" + charset.name());
    }

    /** Downloads a file (GET) with a size cap; the result's body is the file. */
    public Page download(URI uri, long maxBytes) {
        return fetch(uri, "GET", null, null, maxBytes, false);
    }

    /** Sends a form and returns the raw response without parsing it as HTML (exports). */
    public Page submitForDownload(URI uri, String method, List<Map.Entry<String, String>> form, Charset charset,
                                  long maxBytes) {
        String encoded = encode(form, charset);
        if ("GET".equalsIgnoreCase(method)) {
            String sep = uri.getRawQuery() == null ? "?" : "&";
            URI target = encoded.isEmpty() ? uri : URI.create(uri + sep + encoded);
            return fetch(target, "GET", null, null, maxBytes, false);
        }
        return fetch(uri, "POST", encoded, "application/x-www-form-urlencoded; charset=" + charset.name(), maxBytes,
                false);
    }

    private Page load(URI uri, String method, String body, String contentType) {
        return fetch(uri, method, body, contentType, 0, true);
    }

    private Page fetch(URI start, String method, String body, String contentType, long maxBytes, boolean parse) {
        pace();
        URI uri = start;
        String m = method;
        String b = body;
        String ct = contentType;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                    .header("User-Agent", userAgent)
                    .header("Accept-Language", "ja,en;q=0.8");
            if ("POST".equals(m)) {
                rb.header("Content-Type", ct).POST(HttpRequest.BodyPublishers.ofString(b == null ? "" : b));
            } else {
                rb.GET();
            }
            CallOptions o = maxBytes > 0 ? options.withMaxResponseBytes(maxBytes) : options;
            requests++;
            HttpResult r = http.execute(rb.build(), o);
            int s = r.statusCode();
            if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                String location = r.header("Location").orElseThrow(() -> new ConnectorException(
                        ErrorCode.LAYOUT_CHANGED, "the board answered a redirect without a Location header",
                        "status " + s + " at " + Redaction.uri(r.uri()), null));
                if (hop >= MAX_REDIRECTS) {
                    throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the board redirected more than "
                            + MAX_REDIRECTS + " times", "last redirect at " + Redaction.uri(r.uri()), null);
                }
                URI target;
                try {
                    target = uri.resolve(location.strip());
                } catch (IllegalArgumentException e) {
                    throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the board redirected to a Location that "
                            + "is not a valid URL", "status " + s + " at " + Redaction.uri(r.uri()), null);
                }
                checkRedirect(uri, target, s, "POST".equals(m), origins);
                uri = target;
                if (s != 307 && s != 308) {
                    m = "GET";
                    b = null;
                    ct = null;
                }
                continue;
            }
            Page page = toPage(r, uri, parse);
            checkStatus(page);
            return page;
        }
    }

    /**
     * Whether a redirect may be followed; throws {@code LAYOUT_CHANGED} when not. Within one origin every redirect
     * is followed. Never from https to http. To another origin: never with the request body (307/308 of a form),
     * and otherwise only to one of {@code allowedOrigins} (as {@link #origin(URI)} strings).
     */
    static void checkRedirect(URI from, URI to, int status, boolean withBody, Set<String> allowedOrigins) {
        String where = "redirect " + status + " from " + Redaction.uri(from) + " to " + Redaction.uri(to);
        String target = origin(to);
        if (target == null) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the board redirected to a URL that is not http(s)"
                    + "; it was not followed", where, null);
        }
        if (isDowngrade(from, to)) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the board redirected from https to plain http ("
                    + target + "); Renkei never sends a session over plain http after https, so it was not followed",
                    where, null);
        }
        if (target.equals(origin(from))) {
            return;
        }
        if (withBody && (status == 307 || status == 308)) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the board redirected a form submission (" + status
                    + ") to another origin (" + target + "); the form, which may hold the password, was not sent "
                    + "there", where, null);
        }
        if (!allowedOrigins.contains(target)) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the board redirected to another origin ("
                    + target + ") that the site profile does not list; it was not followed. If the board moved "
                    + "there, add the origin to login.allowedOrigins", where + ", login.allowedOrigins", null);
        }
    }

    /** True when {@code to} is plain http while {@code from} is https. */
    static boolean isDowngrade(URI from, URI to) {
        return "https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(to.getScheme());
    }

    /**
     * The origin of an http(s) URI as {@code scheme://host:port}, lower-case, with the default port filled in; null
     * for anything else.
     */
    static String origin(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return Redaction.oneLine(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    }

    private Page toPage(HttpResult r, URI uri, boolean parse) {
        String contentType = r.header("Content-Type").orElse("");
        Charset charset = Charsets.detectHtml(r.body(), contentType, fixedCharset);
        boolean html = contentType.isEmpty() || contentType.toLowerCase(java.util.Locale.ROOT).contains("html");
        Document doc = parse || html || r.statusCode() >= 400
                ? Jsoup.parse(Charsets.decode(r.body(), charset), uri.toString()) : null;
        return new Page(uri, r.statusCode(), r.headers(), r.body(), charset, doc);
    }

    private void checkStatus(Page page) {
        int s = page.status();
        if (s >= 200 && s < 300) {
            return;
        }
        String at = "status " + s + " at " + Redaction.uri(page.uri());
        if (page.document() != null) {
            screens.checkMaintenance(page);
        }
        Optional<ErrorCode> transientCode = HttpFailures.transientCode(s);
        if (transientCode.isPresent()) {
            String message = switch (transientCode.get()) {
                case RATE_LIMITED -> "the board limited the request rate (429)";
                case TIMEOUT -> "the board timed out (" + s + ")";
                default -> "the board answered with a server error " + s;
            };
            throw new ConnectorException(transientCode.get(), message, at, null);
        }
        if (s == 401 || s == 403) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "the board refused access (" + s + ")", at, null);
        }
        throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the board answered " + s
                + " for a page the site profile expects", at, null);
    }

    private void pace() {
        if (loadedOnce && !delay.isZero()) {
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ErrorCode.UNAVAILABLE, "interrupted while pacing page loads", e);
            }
        }
        loadedOnce = true;
    }

    private static String encode(List<Map.Entry<String, String>> form, Charset charset) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : form) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), charset)).append('=')
                    .append(URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), charset));
        }
        return sb.toString();
    }

    /**
     * The session's cookie jar. It stores and sends cookies only for the session's origins. A {@code Set-Cookie}
     * whose {@code Domain} is not the host or a parent of it is dropped. A cookie is sent where its domain matches
     * on a label boundary (the JDK's own store would also send {@code example.jp} cookies to {@code badexample.jp}),
     * its path matches, and, when {@code Secure}, over https only.
     */
    static final class SessionCookies extends CookieHandler {
        private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[.*\\]");
        private final Predicate<URI> allowed;
        private final CookieManager jar = new CookieManager(null,
                (uri, cookie) -> uri.getHost() != null && domainMatches(uri.getHost(), cookie.getDomain()));

        SessionCookies(Predicate<URI> allowed) {
            this.allowed = allowed;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (uri.getHost() == null || !allowed.test(uri)) {
                return Map.of();
            }
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            List<String> values = jar.getCookieStore().getCookies().stream()
                    .filter(c -> !c.hasExpired() && (https || !c.getSecure())
                            && domainMatches(uri.getHost(), c.getDomain()) && pathMatches(path, c.getPath()))
                    .sorted(Comparator.comparingInt((HttpCookie c) -> c.getPath() == null ? 0 : c.getPath().length())
                            .reversed())
                    .map(c -> c.getName() + "=" + c.getValue())
                    .toList();
            return values.isEmpty() ? Map.of() : Map.of("Cookie", values);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws java.io.IOException {
            if (uri.getHost() != null && allowed.test(uri)) {
                jar.put(uri, responseHeaders);
            }
        }

        /**
         * RFC 6265 domain matching: the domain is the host, or a parent of it with at least one inner dot (not for
         * IP addresses). The JDK names the domain of a host-only cookie from a dot-less host {@code host.local}.
         */
        static boolean domainMatches(String host, String domain) {
            if (domain == null || host == null) {
                return false;
            }
            String h = host.toLowerCase(Locale.ROOT);
            String d = domain.toLowerCase(Locale.ROOT);
            if (d.startsWith(".")) {
                d = d.substring(1);
            }
            if (d.equals(h) || h.indexOf('.') < 0 && d.equals(h + ".local")) {
                return true;
            }
            return d.indexOf('.') > 0 && !IP_LITERAL.matcher(h).matches() && h.endsWith("." + d);
        }

        private static boolean pathMatches(String path, String cookiePath) {
            if (cookiePath == null || cookiePath.isEmpty() || path.equals(cookiePath)) {
                return true;
            }
            return path.startsWith(cookiePath)
                    && (cookiePath.endsWith("/") || path.charAt(cookiePath.length()) == '/');
        }
    }
}
