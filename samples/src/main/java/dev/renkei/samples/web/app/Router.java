package dev.renkei.samples.web.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.renkei.core.NotFoundException;
import dev.renkei.core.RenkeiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web app's one {@link HttpHandler}: finds the session by its cookie (or starts one), refuses a POST without
 * the session's CSRF token, calls the page of the first matching route and writes its answer with headers that keep
 * pages out of caches, frames and referrers. A {@link RenkeiException} a page lets through becomes a page with the
 * library's message; anything else a 500 that says nothing of the cause (it is logged).
 */
public final class Router implements HttpHandler {
    /** The form field that carries the CSRF token. */
    public static final String CSRF_FIELD = "_csrf";
    static final String COOKIE = "renkei_sample_session";
    private static final int MAX_BODY = 1 << 20;
    static final int MAX_SESSIONS = 10_000;
    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** A page: a request in, a response out. */
    @FunctionalInterface
    public interface Page {
        /** Answers one request. */
        Response handle(Request request) throws Exception;
    }

    private record Route(String method, Pattern path, Page page) {}

    private final List<Route> routes = new ArrayList<>();
    /** The sessions, the least recently used dropped beyond the cap (a client without cookies makes one a request). */
    private final Map<String, Session> sessions;
    private final String formActions;

    /**
     * A router.
     *
     * @param extraFormAction an origin forms may also be sent to (the Zoom consent page), or empty
     */
    Router(String extraFormAction) {
        this(extraFormAction, MAX_SESSIONS);
    }

    /** A router that keeps at most {@code maxSessions} sessions. */
    Router(String extraFormAction, int maxSessions) {
        this.formActions = "'self'" + (extraFormAction.isEmpty() ? "" : " " + extraFormAction);
        this.sessions = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > maxSessions;
            }
        });
    }

    /** Serves {@code GET} requests whose whole path matches {@code pathRegex}. */
    public Router get(String pathRegex, Page page) {
        routes.add(new Route("GET", Pattern.compile(pathRegex), page));
        return this;
    }

    /** Serves {@code POST} requests whose whole path matches {@code pathRegex}; the CSRF token is checked first. */
    public Router post(String pathRegex, Page page) {
        routes.add(new Route("POST", Pattern.compile(pathRegex), page));
        return this;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Response r;
            Session session = session(ex);
            try {
                r = dispatch(ex, session);
            } catch (NotFoundException e) {
                r = Response.html(404, Html.page(null, "見つかりません", Html.error(e.getMessage())));
            } catch (RenkeiException e) {
                r = Response.html(400, Html.page(null, "処理できませんでした", Html.error(e.getMessage())));
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, ex.getRequestMethod() + " " + ex.getRequestURI().getPath()
                        + " failed", e);
                r = Response.html(500, Html.page(null, "エラーが発生しました",
                        "<p>処理中にエラーが発生しました。時間をおいてもう一度お試しください。</p>"));
            }
            write(ex, session, r);
        }
    }

    private Response dispatch(HttpExchange ex, Session session) throws Exception {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        Map<String, List<String>> params = Request.parse(ex.getRequestURI().getRawQuery(), Request.newParams());
        if (method.equals("POST")) {
            byte[] body = readBody(ex.getRequestBody());
            if (body == null) {
                return Response.html(413, Html.page(null, "送信内容が大きすぎます", ""));
            }
            Request.parse(new String(body, StandardCharsets.UTF_8), params);
            List<String> token = params.getOrDefault(CSRF_FIELD, List.of());
            if (token.size() != 1 || !MessageDigest.isEqual(token.get(0).getBytes(StandardCharsets.UTF_8),
                    session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                return Response.html(403, Html.page(null, "フォームの有効期限が切れました",
                        "<p>このフォームは送信できません。ページを開き直してから、もう一度送信してください。</p>"));
            }
        }
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                return route.page().handle(new Request(method, path, params, m, session));
            }
        }
        return pathKnown ? Response.html(405, Html.page(null, "この操作はできません", ""))
                : Response.html(404, Html.page(null, "ページが見つかりません",
                        "<p><a href=\"/\">トップページへ戻る</a></p>"));
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private Session session(HttpExchange ex) {
        String id = null;
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(COOKIE + "=")) {
                    id = p.substring(COOKIE.length() + 1);
                }
            }
        }
        Session s = id == null ? null : sessions.get(id);
        if (s == null) {
            s = new Session();
            sessions.put(s.id(), s);
        }
        return s;
    }

    private void write(HttpExchange ex, Session session, Response r) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Set-Cookie", COOKIE + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Lax");
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action "
                + formActions + "; frame-ancestors 'none'; base-uri 'none'");
        if (r.location() != null) {
            h.set("Location", r.location());
        }
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        if (r.contentType() != null) {
            h.set("Content-Type", r.contentType());
        }
        ex.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
