package dev.renkei.media.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.CallOptions;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.http.Sleeper;
import dev.renkei.media.SiteProfile;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * One board session's HTTP: a private cookie jar, pacing between page loads, redirects followed within the
 * session (at most {@value #MAX_REDIRECTS}), statuses mapped to error codes, charsets detected. Not thread-safe:
 * a session is used by one thread at a time. Not API.
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
    private boolean loadedOnce;
    private int requests;

    /** A browser with a fresh cookie jar. */
    public Browser(HttpExecutor http, Sleeper sleeper, SiteProfile profile, Screens screens) {
        this.http = http;
        this.options = CallOptions.DEFAULT.withCookies(new CookieManager(null, CookiePolicy.ACCEPT_ALL));
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
                uri = uri.resolve(location.strip());
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
        if (s == 429) {
            throw new ConnectorException(ErrorCode.RATE_LIMITED, "the board limited the request rate (429)", at, null);
        }
        if (s >= 500) {
            throw new ConnectorException(ErrorCode.UNAVAILABLE, "the board answered with a server error " + s, at, null);
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
}
