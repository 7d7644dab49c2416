package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.renkei.core.support.DaemonThreads;
import dev.renkei.samples.ResultJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A synthetic job board on the JDK's HTTP server (loopback, ephemeral port) for benchmarks: a login form with a
 * CSRF token, a newest-first application list of {@code applications} rows paged by {@code pageSize} with "next"
 * links, a detail page per application and a résumé of {@code resumeBytes} bytes each. Pages and résumés are
 * generated on request from the application's index, so the board holds no per-application state and its memory
 * does not grow with the number of applications. {@link #profile()} is the site profile that reads it.
 */
final class SyntheticBoard implements AutoCloseable {
    /** The profile id, the medium of the runner config. */
    static final String ID = "bench-board";
    static final String LOGIN_ID = "bench@renkei.invalid";
    static final String PASSWORD = "bench-password-1";
    private static final String COOKIE = "BENCHSESSION";
    private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZONE);
    private static final Pattern DETAIL = Pattern.compile("/" + ID + "/applications/(\\d{1,9})(/resume)?");
    private static final Pattern PAGE = Pattern.compile("(?:^|&)page=(\\d{1,6})(?:&|$)");

    private final int applications;
    private final int pageSize;
    private final int resumeBytes;
    private final Instant newest;
    private final HttpServer server;
    private final ExecutorService pool;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Set<String> csrf = ConcurrentHashMap.newKeySet();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong listPages = new AtomicLong();
    private final AtomicLong detailPages = new AtomicLong();
    private final AtomicLong resumes = new AtomicLong();
    private final AtomicLong resumeBytesServed = new AtomicLong();

    SyntheticBoard(int applications, int pageSize, int resumeBytes) {
        this.applications = applications;
        this.pageSize = pageSize;
        this.resumeBytes = resumeBytes;
        // application 1 is the oldest, one second apart, the newest a minute ago
        this.newest = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.MINUTES);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the synthetic board", e);
        }
        pool = Executors.newFixedThreadPool(4, DaemonThreads.named("bench-board"));
        server.createContext("/" + ID + "/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** {@code http://127.0.0.1:port}: the {@code baseUrl} setting of the medium. */
    String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    long logins() {
        return logins.get();
    }

    long listPages() {
        return listPages.get();
    }

    long detailPages() {
        return detailPages.get();
    }

    long resumes() {
        return resumes.get();
    }

    long resumeBytesServed() {
        return resumeBytesServed.get();
    }

    /** The site profile that reads this board: no pacing, a page cap above the number of list pages. */
    ObjectNode profile() {
        ObjectNode p = ResultJson.MAPPER.createObjectNode();
        p.put("id", ID);
        p.put("name", "Synthetic benchmark board");
        p.put("baseUrl", "http://127.0.0.1");
        p.put("zone", ZONE.getId());
        p.putObject("pacing").put("delay", "PT0S").put("maxPages", (applications + pageSize - 1) / pageSize + 10);
        ObjectNode login = p.putObject("login");
        login.put("url", "/" + ID + "/login");
        login.put("formSelector", "form#login");
        login.put("loginIdField", "login_id");
        login.put("passwordField", "password");
        login.putObject("success").put("selector", "#account-id");
        login.putArray("failure").addObject().put("selector", ".login-error");
        ObjectNode list = p.putObject("list");
        list.put("url", "/" + ID + "/applications?page={page}");
        list.put("firstPage", 1);
        list.put("paging", "nextLink");
        list.put("nextSelector", ".pager a.next");
        list.put("rowSelector", "table.applications > tbody > tr.application");
        list.put("emptySelector", ".no-applications");
        list.put("newestFirst", true);
        ObjectNode fields = list.putObject("fields");
        fields.putObject("boardApplicationId").put("selector", "td.id");
        fields.putObject("appliedAt").put("selector", "td.applied").put("format", "yyyy/MM/dd HH:mm:ss");
        fields.putObject("name").put("selector", "td.name");
        fields.putObject("appliedJob").put("selector", "td.job");
        list.putObject("detailLink").put("selector", "td.name a").put("attribute", "abs:href");
        ObjectNode detail = p.putObject("detail");
        ObjectNode df = detail.putObject("fields");
        df.putObject("boardApplicationId").put("selector", "#application-id");
        df.putObject("email").put("selector", "#email");
        df.putObject("phone").put("selector", "#phone");
        df.putObject("address").put("selector", "#address");
        detail.putObject("freeFields").putObject("志望動機").put("selector", "#motivation");
        detail.putObject("attachments").put("selector", "a.resume").put("maxBytes", Math.max(resumeBytes, 1) * 2L);
        return p;
    }

    /** The board id of application {@code n} (1 = oldest). */
    static String id(int n) {
        return "B" + String.format("%08d", n);
    }

    private Instant appliedAt(int n) {
        return newest.minusSeconds(applications - n);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/" + ID + "/login")) {
                if (method.equals("POST")) {
                    login(ex);
                } else {
                    html(ex, 200, loginPage(null));
                }
                return;
            }
            if (!hasSession(ex)) {
                ex.getResponseHeaders().set("Location", "/" + ID + "/login");
                ex.sendResponseHeaders(302, -1);
                return;
            }
            if (path.equals("/" + ID + "/home")) {
                html(ex, 200, page("Home", "<p>Welcome.</p>"));
                return;
            }
            if (path.equals("/" + ID + "/applications")) {
                list(ex);
                return;
            }
            Matcher m = DETAIL.matcher(path);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                if (n < 1 || n > applications) {
                    html(ex, 404, page("Not found", "<p>No such application.</p>"));
                } else if (m.group(2) == null) {
                    detail(ex, n);
                } else {
                    resume(ex, n);
                }
                return;
            }
            html(ex, 404, page("Not found", "<p>No such page.</p>"));
        } catch (IOException e) {
            // the client went away (e.g. the runner was stopped): nothing to answer
        }
    }

    private boolean hasSession(HttpExchange ex) {
        List<String> cookies = ex.getRequestHeaders().get("Cookie");
        if (cookies == null) {
            return false;
        }
        for (String header : cookies) {
            for (String c : header.split(";")) {
                String[] kv = c.strip().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE) && sessions.contains(kv[1])) {
                    return true;
                }
            }
        }
        return false;
    }

    private void login(HttpExchange ex) throws IOException {
        Map<String, String> form = new HashMap<>();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        String token = form.get("_csrf");
        if (token == null || !csrf.remove(token)) {
            html(ex, 200, loginPage("The form expired. Please log in again."));
            return;
        }
        if (!LOGIN_ID.equals(form.get("login_id")) || !PASSWORD.equals(form.get("password"))) {
            html(ex, 200, loginPage("The login id or the password is wrong."));
            return;
        }
        String session = token();
        sessions.add(session);
        logins.incrementAndGet();
        ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session + "; Path=/; HttpOnly");
        ex.getResponseHeaders().set("Location", "/" + ID + "/home");
        ex.sendResponseHeaders(303, -1);
    }

    private String loginPage(String error) {
        String token = token();
        csrf.add(token);
        return "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>Login | Synthetic board"
                + "</title></head><body>" + (error == null ? "" : "<p class=\"login-error\">" + error + "</p>")
                + "<form id=\"login\" action=\"/" + ID + "/login\" method=\"post\">"
                + "<input type=\"hidden\" name=\"_csrf\" value=\"" + token + "\">"
                + "<input type=\"text\" name=\"login_id\" value=\"\">"
                + "<input type=\"password\" name=\"password\" value=\"\">"
                + "<button type=\"submit\">Log in</button></form></body></html>";
    }

    private void list(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        Matcher m = PAGE.matcher(query == null ? "" : query);
        int page = m.find() ? Integer.parseInt(m.group(1)) : 1;
        listPages.incrementAndGet();
        int first = applications - (page - 1) * pageSize; // newest first
        StringBuilder sb = new StringBuilder(pageSize * 300 + 1024);
        sb.append("<p class=\"count\">").append(applications).append(" applications, page ").append(page).append("</p>");
        if (first < 1) {
            sb.append("<p class=\"no-applications\">No applications.</p>");
        } else {
            sb.append("<table class=\"applications\"><thead><tr><th>ID</th><th>Applied</th><th>Name</th><th>Job</th>"
                    + "</tr></thead><tbody>\n");
            for (int n = first; n > Math.max(0, first - pageSize); n--) {
                String id = id(n);
                sb.append("<tr class=\"application\"><td class=\"id\">").append(id).append("</td><td class=\"applied\">")
                        .append(TIME.format(appliedAt(n))).append("</td><td class=\"name\"><a href=\"/").append(ID)
                        .append("/applications/").append(n).append("\">応募者 ").append(n).append("</a></td>")
                        .append("<td class=\"job\">Job ").append(n % 7).append("</td></tr>\n");
            }
            sb.append("</tbody></table>");
            if (first - pageSize >= 1) {
                sb.append("<div class=\"pager\"><a class=\"next\" href=\"/").append(ID).append("/applications?page=")
                        .append(page + 1).append("\">next</a></div>");
            }
        }
        html(ex, 200, page("Applications", sb.toString()));
    }

    private void detail(HttpExchange ex, int n) throws IOException {
        detailPages.incrementAndGet();
        html(ex, 200, page("Application " + id(n), "<dl>"
                + "<dt>ID</dt><dd id=\"application-id\">" + id(n) + "</dd>"
                + "<dt>Email</dt><dd id=\"email\">applicant" + n + "@example.invalid</dd>"
                + "<dt>Phone</dt><dd id=\"phone\">090-" + String.format("%04d-%04d", n / 10000 % 10000, n % 10000)
                + "</dd><dt>Address</dt><dd id=\"address\">東京都千代田区 " + n + "</dd>"
                + "<dt>志望動機</dt><dd id=\"motivation\">" + "貴社の事業に関心があります。".repeat(5) + "</dd></dl>"
                + "<a class=\"resume\" href=\"/" + ID + "/applications/" + n + "/resume\">履歴書</a>"));
    }

    /** The résumé: {@code resumeBytes} bytes generated from the application number, streamed in chunks. */
    private void resume(HttpExchange ex, int n) throws IOException {
        resumes.incrementAndGet();
        ex.getResponseHeaders().set("Content-Type", "application/pdf");
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"resume-" + id(n) + ".pdf\"");
        ex.sendResponseHeaders(200, resumeBytes == 0 ? -1 : resumeBytes);
        byte[] chunk = new byte[8192];
        long state = 0x9E3779B97F4A7C15L * n + 1;
        int left = resumeBytes;
        OutputStream out = ex.getResponseBody();
        while (left > 0) {
            int len = Math.min(left, chunk.length);
            for (int i = 0; i < len; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                chunk[i] = (byte) state;
            }
            out.write(chunk, 0, len);
            left -= len;
            resumeBytesServed.addAndGet(len);
        }
    }

    /** A page behind the login: its header shows the account (the profile's login success marker). */
    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>" + title
                + " | Synthetic board</title></head><body><header><span id=\"account-id\">BENCH-1</span></header>"
                + "<main>" + body + "</main></body></html>";
    }

    private static void html(HttpExchange ex, int status, String html) throws IOException {
        byte[] b = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private String token() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
