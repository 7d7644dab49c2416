package dev.renkei.media.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local simulator of the two fictional demo boards the shipped profiles describe, on a WireMock server with a
 * dynamic port:
 *
 * <ul>
 *   <li>{@code demo-html} (デモ求人ナビ): login form with a CSRF token bound to a pre-login cookie and a company
 *   code; after login optionally an interstitial (notice, forced password change, terms); an applicant list of
 *   3 rows per page, newest first, with "next" links; detail pages served as Shift_JIS (Windows-31J bytes, the
 *   charset only in a {@code <meta http-equiv>}); a PDF résumé per application.</li>
 *   <li>{@code demo-csv} (デモキャリアCSV): login form, a download page with a token, and a Windows-31J CSV export
 *   of the applications made on or after the posted {@code from} date.</li>
 * </ul>
 *
 * <p>Pages are rendered from the fixture files under {@code fixtures/demo-html/} and {@code fixtures/demo-csv/}.
 * Both boards refuse pages without a session cookie (redirect to the login page). Use it like this:
 *
 * <pre>{@code
 * try (DemoBoards boards = DemoBoards.start()) {
 *     ConnectorContext ctx = ConnectorContext.of(http).with(Map.of("baseUrl", boards.baseUrl()), Map.of());
 *     MediaConnector board = SiteProfileMediaProvider.demo("demo-html").create(ctx);
 *     try (MediaSession s = board.login(DemoBoards.HTML_CREDENTIALS)) { ... }
 *     boards.addApplication(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID, newApplication);  // found by the next run
 * }
 * }</pre>
 *
 * <p>Thread-safe. Stub your own pages on {@link #server()} with a priority below {@value #PRIORITY} (e.g. 1) to
 * override a route.
 */
public final class DemoBoards implements AutoCloseable {
    /** Board id of the HTML demo board. */
    public static final String HTML = "demo-html";
    /** Board id of the CSV demo board. */
    public static final String CSV = "demo-csv";
    /** Login id of the seeded demo-html account. */
    public static final String HTML_LOGIN_ID = "saiyo@demo-shoji.example";
    /** Password of the seeded demo-html account. */
    public static final String HTML_PASSWORD = "correct-horse-42";
    /** Company code of the seeded demo-html account. */
    public static final String HTML_COMPANY_CODE = "C0042";
    /** Employer account id the demo-html board shows for the seeded account. */
    public static final String HTML_ACCOUNT_ID = "EMP-20001";
    /** Login id of the seeded demo-csv account. */
    public static final String CSV_LOGIN_ID = "dc-user01";
    /** Password of the seeded demo-csv account. */
    public static final String CSV_PASSWORD = "csv-pass-2";
    /** Account id the demo-csv board shows for the seeded account. */
    public static final String CSV_ACCOUNT_ID = "DC-7788";
    /** Rows per list page on demo-html. */
    public static final int PAGE_SIZE = 3;
    /** Priority of the simulator's catch-all stub. */
    public static final int PRIORITY = 5;

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Charset SJIS = Charset.forName("windows-31j");
    private static final DateTimeFormatter LIST_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");
    private static final DateTimeFormatter JP_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter SLASH_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final String TRANSFORMER = "renkei-demo-boards";
    private static final Pattern DETAIL = Pattern.compile("/demo-html/applicants/([A-Za-z0-9-]+)(/resume)?");

    private final WireMockServer server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, List<Application>> applications = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> csrf = new ConcurrentHashMap<>();
    private final Map<String, String> downloadTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean maintenance;

    private DemoBoards(int port) {
        this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").port(port).extensions(new Router()));
    }

    /** Starts the simulator with the seeded accounts and applications (8 on demo-html, 3 on demo-csv). */
    public static DemoBoards start() {
        return start(0);
    }

    /** Starts the simulator on a fixed loopback port (0: any free one), seeded like {@link #start()}. */
    public static DemoBoards start(int port) {
        DemoBoards b = new DemoBoards(port);
        b.server.start();
        b.server.stubFor(any(urlPathMatching("/demo-(html|csv)/.*")).atPriority(PRIORITY)
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
        b.seed();
        return b;
    }

    /** {@code http://localhost:port}: the {@code baseUrl} setting for both demo profiles. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The connector settings that point a demo profile at this simulator. */
    public Map<String, String> config() {
        return Map.of("baseUrl", baseUrl());
    }

    /** The WireMock server, for extra stubs and request verification. */
    public WireMockServer server() {
        return server;
    }

    /** Adds or replaces an account on a board. */
    public DemoBoards addAccount(String board, Account account) {
        accounts.put(key(board, account.loginId()), account);
        applications.computeIfAbsent(key(board, account.loginId()), k -> new CopyOnWriteArrayList<>());
        return this;
    }

    /** Adds an application to an account; a later robot run finds it. */
    public DemoBoards addApplication(String board, String loginId, Application application) {
        List<Application> list = applications.get(key(board, loginId));
        if (list == null) {
            throw new IllegalArgumentException("no account " + loginId + " on " + board);
        }
        list.add(application);
        return this;
    }

    /** The applications of an account, newest first. */
    public List<Application> applications(String board, String loginId) {
        List<Application> list = new ArrayList<>(applications.getOrDefault(key(board, loginId), List.of()));
        list.sort(NEWEST_FIRST);
        return list;
    }

    /** Switches the maintenance page on or off for both boards (every page answers 503). */
    public void maintenance(boolean on) {
        this.maintenance = on;
    }

    /** How many requests reached paths starting with the prefix, e.g. {@code /demo-html/applicants}. */
    public int requestCount(String pathPrefix) {
        return server.findAll(anyRequestedFor(urlPathMatching(Pattern.quote(pathPrefix) + ".*"))).size();
    }

    /** Forgets the recorded requests. */
    public void resetRequests() {
        server.resetRequests();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Credentials of the seeded demo-html account (with its company code). */
    public static dev.renkei.core.model.Credentials htmlCredentials() {
        return new dev.renkei.core.model.Credentials(HTML_LOGIN_ID, dev.renkei.core.model.Secret.of(HTML_PASSWORD),
                Map.of("companyCode", HTML_COMPANY_CODE));
    }

    /** Credentials of the seeded demo-csv account. */
    public static dev.renkei.core.model.Credentials csvCredentials() {
        return dev.renkei.core.model.Credentials.of(CSV_LOGIN_ID, CSV_PASSWORD);
    }

    /**
     * A board account.
     *
     * @param loginId login id
     * @param password password
     * @param companyCode company code (demo-html), or {@code null}
     * @param accountId the employer account id the board shows after login
     * @param companyName company name shown in the header
     * @param screen a screen shown right after login instead of the top page
     * @param locked whether the account is locked (the correct password shows the lock page)
     */
    public record Account(String loginId, String password, String companyCode, String accountId, String companyName,
                          Screen screen, boolean locked) {
        /** An ordinary account. */
        public static Account of(String loginId, String password, String companyCode, String accountId) {
            return new Account(loginId, password, companyCode, accountId, "デモ商事株式会社", Screen.NONE, false);
        }

        /** A copy that shows a screen after login. */
        public Account withScreen(Screen s) {
            return new Account(loginId, password, companyCode, accountId, companyName, s, locked);
        }

        /** A locked copy. */
        public Account asLocked() {
            return new Account(loginId, password, companyCode, accountId, companyName, screen, true);
        }
    }

    /** Screens the demo-html board can show after login. */
    public enum Screen {
        /** None: the top page. */
        NONE,
        /** An important-notice pop-up. */
        NOTICE,
        /** A forced password change. */
        PASSWORD_CHANGE,
        /** Revised terms to accept. */
        TERMS
    }

    /**
     * One application on a demo board.
     *
     * @param id the board's application id
     * @param appliedAt when it was made
     * @param name 氏名
     * @param nameKana フリガナ
     * @param email e-mail
     * @param phone phone
     * @param birthDate birth date
     * @param gender 性別
     * @param address 住所
     * @param job applied job
     * @param currentCompany 現在の勤務先
     * @param motivation 志望動機 (may contain commas, quotes and line breaks)
     * @param resume résumé bytes (demo-html), or {@code null} for none
     */
    public record Application(String id, Instant appliedAt, String name, String nameKana, String email, String phone,
                              LocalDate birthDate, String gender, String address, String job, String currentCompany,
                              String motivation, byte[] resume) {
        /** Validates. */
        public Application {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(appliedAt, "appliedAt");
        }

        /** A simple application with a name and a time, the other fields filled with plausible values. */
        public static Application simple(String id, Instant appliedAt, String name) {
            return new Application(id, appliedAt, name, "テスト", id.toLowerCase() + "@example.jp", "090-0000-0000",
                    LocalDate.of(1990, 1, 1), "回答しない", "東京都", "営業（法人向け）", "株式会社サンプル", "よろしくお願いします。",
                    fixture("demo-html/resume.pdf"));
        }
    }

    private static final Comparator<Application> NEWEST_FIRST =
            Comparator.comparing(Application::appliedAt).thenComparing(Application::id).reversed();

    private void seed() {
        addAccount(HTML, Account.of(HTML_LOGIN_ID, HTML_PASSWORD, HTML_COMPANY_CODE, HTML_ACCOUNT_ID));
        byte[] pdf = fixture("demo-html/resume.pdf");
        String[][] people = {
            {"A1001", "2026-11-14T09:00:00+09:00", "鈴木 一郎", "ｽｽﾞｷ ｲﾁﾛｳ", "男性", "経理スタッフ"},
            {"A1002", "2026-11-15T10:30:00+09:00", "髙橋 美咲", "ﾀｶﾊｼ ﾐｻｷ", "女性", "人事・労務"},
            {"A1003", "2026-11-16T13:45:00+09:00", "田中 健太", "ﾀﾅｶ ｹﾝﾀ", "男性", "エンジニア（Java）"},
            {"A1004", "2026-11-17T08:05:00+09:00", "伊藤 さくら", "ｲﾄｳ ｻｸﾗ", "女性", "営業（法人向け）"},
            {"A1005", "2026-11-18T19:20:00+09:00", "渡辺 翔", "ﾜﾀﾅﾍﾞ ｼｮｳ", "男性", "カスタマーサポート"},
            {"A1006", "2026-11-19T11:11:00+09:00", "中村 陽子", "ﾅｶﾑﾗ ﾖｳｺ", "女性", "経理スタッフ"},
            {"A1007", "2026-11-20T18:30:00+09:00", "佐藤 花子", "ｻﾄｳ ﾊﾅｺ", "女性", "経理スタッフ"},
            {"A1008", "2026-11-21T10:05:00+09:00", "山田 太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "男性", "営業（法人向け）"},
        };
        for (String[] p : people) {
            addApplication(HTML, HTML_LOGIN_ID, new Application(p[0], java.time.OffsetDateTime.parse(p[1]).toInstant(),
                    p[2], p[3], p[0].toLowerCase() + "@example.jp", "090-1234-" + p[0].substring(1), LocalDate.of(1990, 4, 1),
                    p[4], "〒100-0005 東京都千代田区丸の内1-1-①", p[5], "㈱デモ商事", "御社の「顧客第一」に共感しました。", pdf));
        }
        addAccount(CSV, new Account(CSV_LOGIN_ID, CSV_PASSWORD, null, CSV_ACCOUNT_ID, "株式会社デモ物産", Screen.NONE, false));
        addApplication(CSV, CSV_LOGIN_ID, new Application("C-5001", Instant.parse("2026-11-18T02:00:00Z"), "髙橋 一郎",
                "タカハシ イチロウ", "ichiro@example.jp", "070-0000-1111", LocalDate.of(1988, 7, 7), "男性",
                "愛知県名古屋市中区栄３－４－５", "エンジニア（Java）", null, "", null));
        addApplication(CSV, CSV_LOGIN_ID, new Application("C-5002", Instant.parse("2026-11-20T09:30:00Z"), "佐藤 花子",
                "サトウ ハナコ", "hanako.sato@example.jp", "080-2222-3333", LocalDate.of(1995, 12, 24), "女性",
                "大阪府大阪市北区梅田2丁目, 梅田ビル5F", "経理スタッフ", null, "簿記２級、ＭＯＳ取得済み。", null));
        addApplication(CSV, CSV_LOGIN_ID, new Application("C-5003", Instant.parse("2026-11-21T00:15:00Z"), "山田 太郎",
                "ﾔﾏﾀﾞ ﾀﾛｳ", "taro.yamada@example.jp", "090-1234-5678", LocalDate.of(1990, 4, 1), "男性",
                "〒100-0005 東京都千代田区丸の内１－１－①", "営業（法人向け）", null,
                "前職では㈱デモ商事で法人営業を担当し、\n新規開拓で成果を上げました。\n\"顧客第一\"を大切にしています。", null));
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Routes every demo request to the pages below. */
    private final class Router implements ResponseDefinitionTransformerV2 {
        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request req = event.getRequest();
            String path = URI.create(req.getUrl()).getPath();
            if (maintenance) {
                return html(503, fixtureText("demo-html/maintenance.html"), StandardCharsets.UTF_8, true);
            }
            return path.startsWith("/demo-html/") ? htmlBoard(req, path) : csvBoard(req, path);
        }
    }

    private ResponseDefinition htmlBoard(Request req, String path) {
        boolean post = "POST".equals(req.getMethod().getName());
        if (path.equals("/demo-html/login") && !post) {
            return loginPage(null);
        }
        if (path.equals("/demo-html/login")) {
            Map<String, String> form = form(req);
            String pre = cookie(req, "DH_PRE");
            if (pre == null || !Objects.equals(csrf.remove(pre), form.get("_csrf"))) {
                return html(403, "<html><body><p>不正なリクエストです（CSRF）。</p></body></html>", StandardCharsets.UTF_8, true);
            }
            Account a = accounts.get(key(HTML, form.getOrDefault("login_id", "")));
            if (a == null || !a.password().equals(form.get("password"))
                    || !Objects.equals(a.companyCode(), form.get("company_code"))) {
                return loginPage(fixtureText("demo-html/login-error.html"));
            }
            if (a.locked()) {
                return html(200, fixtureText("demo-html/locked.html"), StandardCharsets.UTF_8, true);
            }
            String session = token();
            sessions.put(session, key(HTML, a.loginId()));
            String next = switch (a.screen()) {
                case NONE -> "/demo-html/home";
                case NOTICE -> "/demo-html/notice";
                case PASSWORD_CHANGE -> "/demo-html/password";
                case TERMS -> "/demo-html/terms";
            };
            return ResponseDefinitionBuilder.responseDefinition().withStatus(302).withHeader("Location", next)
                    .withHeader("Set-Cookie", "DHSESSION=" + session + "; Path=/demo-html; HttpOnly").build();
        }
        String owner = sessions.get(Objects.requireNonNullElse(cookie(req, "DHSESSION"), ""));
        if (owner == null) {
            return redirect("/demo-html/login");
        }
        Account a = accounts.get(owner);
        switch (path) {
            case "/demo-html/home":
                return html(200, fill(fixtureText("demo-html/home.html"), Map.of("companyName", a.companyName(),
                        "accountId", a.accountId(), "count", Integer.toString(applications.get(owner).size()))),
                        StandardCharsets.UTF_8, true);
            case "/demo-html/notice":
                return html(200, fixtureText("demo-html/notice.html"), StandardCharsets.UTF_8, true);
            case "/demo-html/password":
                return html(200, fixtureText("demo-html/password-change.html"), StandardCharsets.UTF_8, true);
            case "/demo-html/terms":
                return html(200, fixtureText("demo-html/terms.html"), StandardCharsets.UTF_8, true);
            case "/demo-html/applicants":
                return listPage(req, owner, a);
            default:
                break;
        }
        Matcher m = DETAIL.matcher(path);
        if (m.matches()) {
            Application app = applications.get(owner).stream().filter(x -> x.id().equals(m.group(1))).findFirst()
                    .orElse(null);
            if (app == null) {
                return html(404, "<html><body>ページが見つかりません</body></html>", StandardCharsets.UTF_8, true);
            }
            return m.group(2) == null ? detailPage(app) : resume(app);
        }
        return html(404, "<html><body>ページが見つかりません</body></html>", StandardCharsets.UTF_8, true);
    }

    private ResponseDefinition loginPage(String error) {
        String pre = token();
        String token = token();
        csrf.put(pre, token);
        String body = fill(fixtureText("demo-html/login.html"), Map.of("csrf", token));
        body = body.replace("{{error}}", error == null ? "" : error);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withHeader("Set-Cookie", "DH_PRE=" + pre + "; Path=/demo-html; HttpOnly")
                .withBody(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    private ResponseDefinition listPage(Request req, String owner, Account a) {
        int page;
        try {
            page = Math.max(1, Integer.parseInt(query(req).getOrDefault("page", "1")));
        } catch (NumberFormatException e) {
            page = 1;
        }
        List<Application> all = applications(HTML, a.loginId());
        int from = (page - 1) * PAGE_SIZE;
        List<Application> rows = from >= all.size() ? List.of() : all.subList(from, Math.min(all.size(), from + PAGE_SIZE));
        StringBuilder sb = new StringBuilder();
        String rowTemplate = fixtureText("demo-html/list-row.html");
        for (Application app : rows) {
            sb.append(fill(rowTemplate, Map.of("id", app.id(), "appliedAt", LIST_TIME.format(app.appliedAt().atZone(TOKYO)),
                    "name", nz(app.name()), "job", nz(app.job()))));
        }
        String pager = from + PAGE_SIZE < all.size()
                ? "<span class=\"current\">" + page + "</span> <a class=\"next\" rel=\"next\" href=\"/demo-html/applicants?page="
                + (page + 1) + "\">次へ &gt;</a>"
                : "<span class=\"current\">" + page + "</span>";
        String body = fixtureText("demo-html/list.html")
                .replace("{{rows}}", sb.toString())
                .replace("{{pager}}", pager)
                .replace("{{empty}}", rows.isEmpty() ? fixtureText("demo-html/list-empty.html") : "");
        body = fill(body, Map.of("accountId", a.accountId(), "total", Integer.toString(all.size()),
                "page", Integer.toString(page)));
        return html(200, body, StandardCharsets.UTF_8, true);
    }

    private ResponseDefinition detailPage(Application app) {
        String template = new String(fixture("demo-html/detail.html"), SJIS);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("id", app.id());
        v.put("appliedAt", LIST_TIME.format(app.appliedAt().atZone(TOKYO)));
        v.put("name", nz(app.name()));
        v.put("nameKana", nz(app.nameKana()));
        v.put("email", nz(app.email()));
        v.put("phone", nz(app.phone()));
        v.put("birthDate", app.birthDate() == null ? "" : JP_DATE.format(app.birthDate()));
        v.put("gender", nz(app.gender()));
        v.put("address", nz(app.address()));
        v.put("currentCompany", nz(app.currentCompany()));
        v.put("motivation", nz(app.motivation()));
        String body = fill(template, v).replace("{{documents}}", app.resume() == null ? ""
                : fill(fixtureText("demo-html/detail-document.html"), Map.of("id", app.id())));
        // served like an old board: Shift_JIS bytes, the charset only in the page's meta tag
        return html(200, body, SJIS, false);
    }

    private ResponseDefinition resume(Application app) {
        if (app.resume() == null) {
            return html(404, "<html><body>書類はありません</body></html>", StandardCharsets.UTF_8, true);
        }
        String name = "履歴書_" + app.id() + ".pdf";
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/pdf")
                .withHeader("Content-Disposition", "attachment; filename=\"resume_" + app.id() + ".pdf\"; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .withBody(app.resume()).build();
    }

    private ResponseDefinition csvBoard(Request req, String path) {
        boolean post = "POST".equals(req.getMethod().getName());
        if (path.equals("/demo-csv/login")) {
            return html(200, fixtureText("demo-csv/login.html").replace("{{error}}", ""), StandardCharsets.UTF_8, true);
        }
        if (path.equals("/demo-csv/session") && post) {
            Map<String, String> form = form(req);
            Account a = accounts.get(key(CSV, form.getOrDefault("userid", "")));
            if (a == null || !a.password().equals(form.get("passwd"))) {
                return html(200, fixtureText("demo-csv/login.html").replace("{{error}}",
                        fixtureText("demo-csv/login-error.html")), StandardCharsets.UTF_8, true);
            }
            String session = token();
            sessions.put(session, key(CSV, a.loginId()));
            return ResponseDefinitionBuilder.responseDefinition().withStatus(303).withHeader("Location", "/demo-csv/menu")
                    .withHeader("Set-Cookie", "DCSID=" + session + "; Path=/; HttpOnly").build();
        }
        String owner = sessions.get(Objects.requireNonNullElse(cookie(req, "DCSID"), ""));
        if (owner == null) {
            return redirect("/demo-csv/login");
        }
        Account a = accounts.get(owner);
        switch (path) {
            case "/demo-csv/menu":
                return html(200, fill(fixtureText("demo-csv/menu.html"), Map.of("accountId", a.accountId(),
                        "companyName", a.companyName())), StandardCharsets.UTF_8, true);
            case "/demo-csv/download": {
                String token = token();
                downloadTokens.put(token, owner);
                return html(200, fill(fixtureText("demo-csv/download.html"), Map.of("token", token)),
                        StandardCharsets.UTF_8, true);
            }
            case "/demo-csv/export":
                if (!post) {
                    return html(405, "<html><body>POSTのみ</body></html>", StandardCharsets.UTF_8, true);
                }
                Map<String, String> form = form(req);
                if (!owner.equals(downloadTokens.remove(form.getOrDefault("token", "")))) {
                    return html(403, "<html><body><p class=\"error-box\">画面の有効期限が切れました。</p></body></html>",
                            StandardCharsets.UTF_8, true);
                }
                LocalDate fromDate = form.getOrDefault("from", "").isBlank() ? LocalDate.MIN
                        : LocalDate.parse(form.get("from"), SLASH_DATE);
                return export(a.loginId(), fromDate);
            default:
                return html(404, "<html><body>ページが見つかりません</body></html>", StandardCharsets.UTF_8, true);
        }
    }

    private ResponseDefinition export(String loginId, LocalDate fromDate) {
        CsvSchema schema = CsvSchema.builder().setUseHeader(false).setLineSeparator("\r\n").build();
        StringWriter out = new StringWriter();
        try (SequenceWriter w = new CsvMapper().writer(schema).writeValues(out)) {
            w.write(List.of("応募ID", "応募日時", "氏名", "氏名（カナ）", "メールアドレス", "電話番号", "生年月日", "性別", "住所",
                    "応募求人", "志望動機"));
            for (Application app : applications(CSV, loginId)) {
                if (app.appliedAt().atZone(TOKYO).toLocalDate().isBefore(fromDate)) {
                    continue;
                }
                w.write(List.of(app.id(), LIST_TIME.format(app.appliedAt().atZone(TOKYO)), nz(app.name()),
                        nz(app.nameKana()), nz(app.email()), nz(app.phone()),
                        app.birthDate() == null ? "" : SLASH_DATE.format(app.birthDate()), nz(app.gender()),
                        nz(app.address()), nz(app.job()), nz(app.motivation())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream")
                .withHeader("Content-Disposition", "attachment; filename=\"applicants.csv\"")
                .withBody(out.toString().getBytes(SJIS)).build();
    }

    // ------------------------------------------------------------------------------------------------------------

    private static ResponseDefinition html(int status, String body, Charset charset, boolean charsetInHeader) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", charsetInHeader ? "text/html; charset=" + charset.name() : "text/html")
                .withBody(body.getBytes(charset)).build();
    }

    private static ResponseDefinition redirect(String location) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(302).withHeader("Location", location).build();
    }

    private static String cookie(Request req, String name) {
        Cookie c = req.getCookies().get(name);
        return c == null ? null : c.getValue();
    }

    private static Map<String, String> form(Request req) {
        return decode(req.getBodyAsString());
    }

    private static Map<String, String> query(Request req) {
        String q = URI.create(req.getUrl()).getRawQuery();
        return q == null ? Map.of() : decode(q);
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private String token() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String key(String board, String loginId) {
        return board + "|" + loginId;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Replaces {@code {{name}}} with HTML-escaped values. */
    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", escape(e.getValue()));
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A fixture file's bytes, e.g. {@code demo-html/resume.pdf}. */
    public static byte[] fixture(String name) {
        try (InputStream in = DemoBoards.class.getClassLoader().getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fixtureText(String name) {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }
}
