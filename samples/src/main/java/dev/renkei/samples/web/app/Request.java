package dev.renkei.samples.web.app;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/** One request as a page sees it: method, path, the query and form parameters, the path's groups and the session. */
public final class Request {
    private final String method;
    private final String path;
    private final Map<String, List<String>> params;
    private final Matcher match;
    private final Session session;

    Request(String method, String path, Map<String, List<String>> params, Matcher match, Session session) {
        this.method = method;
        this.path = path;
        this.params = params;
        this.match = match;
        this.session = session;
    }

    /** {@code GET} or {@code POST}. */
    public String method() {
        return method;
    }

    /** The path, without the query. */
    public String path() {
        return path;
    }

    /** The first value of a query or form parameter, trimmed of nothing; empty when absent. */
    public String param(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** Every value of a parameter (check boxes, repeated fields), in order. */
    public List<String> params(String name) {
        return params.getOrDefault(name, List.of());
    }

    /** Whether a parameter was sent at all (a ticked check box). */
    public boolean has(String name) {
        return params.containsKey(name);
    }

    /** A group of the route's path pattern, URL-decoded (e.g. the robot id of {@code /robots/(.+)/history}). */
    public String pathParam(int group) {
        return URLDecoder.decode(match.group(group), StandardCharsets.UTF_8);
    }

    /** The browser's session. */
    public Session session() {
        return session;
    }

    /** Parses a query string or an {@code application/x-www-form-urlencoded} body, keeping repeated names. */
    static Map<String, List<String>> parse(String urlEncoded, Map<String, List<String>> into) {
        if (urlEncoded == null || urlEncoded.isEmpty()) {
            return into;
        }
        for (String pair : urlEncoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return into;
    }

    static Map<String, List<String>> newParams() {
        return new LinkedHashMap<>();
    }
}
