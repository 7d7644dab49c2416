package dev.renkei.ats.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import dev.renkei.core.support.Checks;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Greenhouse Harvest v3 pagination: which {@code Link: rel="next"} URL may be followed, and how. Not API. */
final class GreenhousePaging {
    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?", Pattern.CASE_INSENSITIVE);

    private GreenhousePaging() {}

    /**
     * The next page from the {@code Link} header: only to the configured scheme, host and port, and rebuilt so the
     * cursor is the only query parameter (Greenhouse refuses a cursor combined with filters).
     */
    static Optional<URI> nextLink(HttpResult r, URI current, URI baseUri, String base) {
        List<String> values = r.headers().allValues("Link");
        for (String v : values) {
            Matcher m = LINK_NEXT.matcher(v);
            if (!m.find()) {
                continue;
            }
            URI next;
            try {
                next = current.resolve(m.group(1).strip());
            } catch (IllegalArgumentException e) {
                throw new ConnectorException(ErrorCode.UNKNOWN, "Greenhouse sent an unreadable pagination link", null, e);
            }
            if (!sameOrigin(next, baseUri)) {
                throw new ConnectorException(ErrorCode.UNKNOWN, "Greenhouse pagination link points to another host ("
                        + Checks.printable(String.valueOf(next.getHost())) + "); refused to follow it",
                        "configured host " + baseUri.getHost(), null);
            }
            String cursor = queryParam(next.getRawQuery(), "cursor");
            if (cursor == null) {
                throw new ConnectorException(ErrorCode.UNKNOWN, "Greenhouse pagination link has no cursor", null, null);
            }
            return Optional.of(URI.create(base + next.getRawPath().substring(Math.max(0,
                    next.getRawPath().indexOf("/v3/"))) + "?cursor=" + cursor));
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String p : rawQuery.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).equals(name)) {
                return p.substring(eq + 1);
            }
        }
        return null;
    }
}
