package dev.renkei.zoom.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The simulator's {@code /oauth/authorize}: Zoom's consent page as a browser sees it. {@code GET} shows the app, the
 * account and the permissions asked, with 許可する (Allow) and 拒否 (Decline) buttons in a form that posts back with
 * the query kept; Allow answers 302 to {@code redirect_uri?code=…&state=…} with a code the token endpoint accepts
 * (the PKCE challenge is kept with it, as {@link ZoomSimulator#approve} does), Decline 302 to
 * {@code redirect_uri?error=access_denied&state=…}. An unknown {@code client_id}, a missing {@code redirect_uri} or
 * {@code state}, or another {@code response_type} gets a 400 error page, as Zoom shows one instead of redirecting.
 * Everything echoed is HTML-escaped.
 */
final class ZoomConsentPage {
    /** The app the simulated Marketplace lists under the simulator's client id. */
    static final String APP_NAME = "Renkei 面接連携";
    private static final String STYLE = "body{font-family:sans-serif;background:#f3f5f8;margin:0;color:#222}"
            + "header{background:#0b5cff;color:#fff;padding:.8rem 1.5rem;font-weight:bold}"
            + "main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:.6rem;"
            + "box-shadow:0 1px 4px #0002}li{margin:.3rem 0}.muted{color:#667}"
            + "button{padding:.5rem 1.4rem;margin:.6rem .6rem 0 0;border-radius:.4rem;border:1px solid #0b5cff;"
            + "cursor:pointer}button.allow{background:#0b5cff;color:#fff}button.decline{background:#fff;color:#0b5cff}"
            + ".error{background:#fdecea;border:1px solid #f1a9a0;padding:.6rem}";
    private static final Map<String, String> PERMISSIONS = Map.of(
            "meeting:write:meeting", "ミーティングの作成・変更・削除 (Create, update and delete meetings)",
            "user:read:user", "あなたのユーザー情報の参照 (View your user information)",
            "user:read:list_users:admin", "アカウントのユーザー一覧の参照 (View the account's users)");

    private final ZoomSimulator sim;

    ZoomConsentPage(ZoomSimulator sim) {
        this.sim = sim;
    }

    /**
     * Answers one request to {@code /oauth/authorize}.
     *
     * @param method GET (the page) or POST (a button)
     * @param query the authorize query
     * @param form the posted form ({@code decision=allow|decline}), empty for GET
     */
    ResponseDefinitionBuilder answer(String method, Map<String, String> query, Map<String, String> form) {
        String refused = refusal(query);
        if (refused != null) {
            return html(400, "エラー / Error", "<p class=\"error\" id=\"error\">" + escape(refused) + "</p>");
        }
        if (method.equals("GET")) {
            return html(200, APP_NAME + " を許可しますか？", consent(query));
        }
        if (!method.equals("POST")) {
            return aResponse().withStatus(405);
        }
        String state = query.get("state");
        return switch (form.getOrDefault("decision", "")) {
            case "allow" -> back(query, "code", sim.grant(query).get("code"), state);
            case "decline" -> back(query, "error", "access_denied", state);
            default -> html(400, "エラー / Error", "<p class=\"error\" id=\"error\">許可するか拒否するかを選んでください。"
                    + " (Choose Allow or Decline.)</p>");
        };
    }

    /** Why Zoom would show an error page instead of the consent, or {@code null}. */
    private static String refusal(Map<String, String> q) {
        if (!ZoomSimulator.CLIENT.loginId().equals(q.get("client_id"))) {
            return "Invalid client_id: " + q.getOrDefault("client_id", "") + " (4700)";
        }
        if (!"code".equals(q.get("response_type"))) {
            return "Unsupported response_type: " + q.getOrDefault("response_type", "") + " (4700)";
        }
        String redirect = q.getOrDefault("redirect_uri", "");
        if (redirect.isBlank() || !(redirect.startsWith("http://") || redirect.startsWith("https://"))) {
            return "Invalid redirect: " + redirect + " (4700)";
        }
        if (q.getOrDefault("state", "").isBlank()) {
            return "Missing state (4700)";
        }
        return null;
    }

    private static String consent(Map<String, String> q) {
        String permissions = PERMISSIONS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(p -> "<li>" + escape(p.getValue()) + " <span class=\"muted\">" + escape(p.getKey()) + "</span></li>")
                .collect(Collectors.joining());
        return "<p>アプリ <strong id=\"app\">" + escape(APP_NAME) + "</strong> が、あなたの Zoom アカウントへの"
                + "アクセスを求めています。</p><p class=\"muted\">サインイン中: Hanako Sato (hanako@example.co.jp)"
                + "<br>アカウント: <span id=\"account\">" + escape(ZoomSimulator.ACCOUNT) + "</span></p>"
                + "<p>このアプリに許可される操作:</p><ul id=\"permissions\">" + permissions + "</ul>"
                + "<p class=\"muted\">許可すると " + escape(URI.create(q.get("redirect_uri")).getAuthority())
                + " に戻ります。</p><form method=\"post\" action=\"/oauth/authorize?" + escape(encode(q)) + "\">"
                + "<button class=\"allow\" name=\"decision\" value=\"allow\">許可する (Allow)</button>"
                + "<button class=\"decline\" name=\"decision\" value=\"decline\">拒否 (Decline)</button></form>";
    }

    /** The 302 back to the app's redirect URI with one result parameter and the state. */
    private static ResponseDefinitionBuilder back(Map<String, String> q, String name, String value, String state) {
        String redirect = q.get("redirect_uri");
        String location = redirect + (redirect.contains("?") ? "&" : "?")
                + encode(Map.of(name, value)) + "&" + encode(Map.of("state", state));
        return aResponse().withStatus(302).withHeader("Location", location).withHeader("Cache-Control", "no-store");
    }

    private static ResponseDefinitionBuilder html(int status, String title, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/html; charset=utf-8")
                .withHeader("Cache-Control", "no-store")
                .withHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .withBody("<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                        + " - Zoom</title><style>" + STYLE + "</style></head><body><header>zoom</header><main><h1>"
                        + escape(title) + "</h1>" + body + "</main></body></html>");
    }

    private static String encode(Map<String, String> q) {
        return q.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** HTML-escapes text for an element or a double-quoted attribute. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
