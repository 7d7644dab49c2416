package dev.renkei.samples.web;

import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.RedeemResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The MyPage setup page as a framework-neutral handler: method and form or query parameters in, status and HTML out.
 * The servlet, Spring MVC and JDK {@code HttpServer} wirings ({@link JdkHttpServerWiring}, {@link ServletWiring},
 * {@link SpringWiring}) are a few lines each around it. A sample: style and wording are the host's.
 *
 * <p>{@code GET ?token=…} shows the password form, or "expired" with a resend button, or "used / invalid".
 * {@code POST token, password} registers; {@code POST token, action=resend} mails a fresh link. The token is only
 * echoed HTML-escaped; nothing says whether an address exists.
 */
public final class SetupPage {
    /** What to answer. */
    public record Response(int status, String html) {}

    private final MyPageService mypage;

    /** A page over {@code renkei.mypage()}. */
    public SetupPage(MyPageService mypage) {
        this.mypage = Objects.requireNonNull(mypage, "mypage");
    }

    /**
     * Handles one request.
     *
     * @param method {@code GET} or {@code POST}
     * @param params the query (GET) or form (POST) parameters: {@code token}, {@code password}, {@code action}
     */
    public Response handle(String method, Map<String, String> params) {
        String token = params.getOrDefault("token", "");
        if ("GET".equalsIgnoreCase(method)) {
            return switch (mypage.status(token)) {
                case VALID -> page(200, "パスワードを設定してください", "<form method=post><input type=hidden name=token value=\""
                        + escape(token) + "\"><input type=password name=password minlength="
                        + MyPageService.MIN_PASSWORD_LENGTH + " required><button>登録</button></form>");
                case EXPIRED -> page(200, "このリンクは有効期限が切れています", resendForm(token));
                case ALREADY_USED -> page(410, "このリンクは使用済みです", "");
                case INVALID -> page(404, "リンクが正しくありません", "");
            };
        }
        if (!"POST".equalsIgnoreCase(method)) {
            return page(405, "Method not allowed", "");
        }
        if ("resend".equals(params.get("action"))) {
            mypage.resend(token);
            return page(200, "登録済みのメールアドレスに新しいリンクを送信しました", "");
        }
        char[] password = params.getOrDefault("password", "").toCharArray();
        if (password.length < MyPageService.MIN_PASSWORD_LENGTH || password.length > MyPageService.MAX_PASSWORD_LENGTH) {
            return page(400, "パスワードは" + MyPageService.MIN_PASSWORD_LENGTH + "〜" + MyPageService.MAX_PASSWORD_LENGTH
                    + "文字で入力してください", "");
        }
        RedeemResult r = mypage.redeem(token, password);
        return switch (r) {
            case REGISTERED -> page(200, "マイページの登録が完了しました", "");
            case EXPIRED -> page(200, "このリンクは有効期限が切れています", resendForm(token));
            case ALREADY_USED -> page(410, "このリンクは使用済みです", "");
            case INVALID -> page(404, "リンクが正しくありません", "");
        };
    }

    private static String resendForm(String token) {
        return "<form method=post><input type=hidden name=token value=\"" + escape(token)
                + "\"><input type=hidden name=action value=resend><button>リンクを再送する</button></form>";
    }

    private static Response page(int status, String title, String body) {
        return new Response(status, "<!doctype html><meta charset=utf-8><title>マイページ登録</title><h1>" + escape(title)
                + "</h1>" + body);
    }

    /** The parameters of a query string or an {@code application/x-www-form-urlencoded} body (null: none). */
    public static Map<String, String> params(String urlEncoded) {
        Map<String, String> out = new HashMap<>();
        if (urlEncoded == null || urlEncoded.isEmpty()) {
            return out;
        }
        for (String pair : urlEncoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** HTML-escapes text for an element or a double-quoted attribute. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
