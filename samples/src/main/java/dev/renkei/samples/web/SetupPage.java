package dev.renkei.samples.web;

import dev.renkei.core.mypage.MyPageService;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The MyPage setup page as a framework-neutral handler: method and form or query parameters in, status and HTML out.
 * The servlet, Spring MVC and JDK {@code HttpServer} wirings ({@link JdkHttpServerWiring}, {@link ServletWiring},
 * {@link SpringWiring}) are a few lines each around it. A sample: style and wording are the host's.
 *
 * <p>{@code GET ?token=…} shows the password form, or "expired" with a resend button, or "used / invalid".
 * {@code POST token, password, confirm} registers; {@code POST token, action=resend} mails a fresh link. The token is
 * only echoed HTML-escaped; nothing says whether an address exists.
 *
 * <p>What to show ({@link #decide}) is apart from how it looks ({@link View}): {@link #handle(String, Map)} draws
 * plain HTML, and a host with its own layout, CSRF field and wording passes its own view to
 * {@link #handle(String, Map, View)} (the sample web app's {@code /mypage/setup} does).
 */
public final class SetupPage {
    /** What to answer. */
    public record Response(int status, String html) {}

    /** The screens of the page, each with its Japanese heading. */
    public enum Screen {
        /** The password form (first visit, or again with an error). */
        FORM("パスワードを設定してください"),
        /** The link ran out or was replaced: a resend button. */
        EXPIRED("このリンクは有効期限が切れています"),
        /** A fresh link went to the address on file (whatever the token was). */
        RESENT("新しいリンクを送信しました"),
        /** The password is set. */
        REGISTERED("マイページの登録が完了しました"),
        /** The link was used. */
        USED("このリンクは使用済みです"),
        /** No such link. */
        INVALID("リンクが正しくありません"),
        /** Neither GET nor POST. */
        NOT_ALLOWED("この操作はできません");

        private final String title;

        Screen(String title) {
            this.title = title;
        }

        /** The heading, plain text. */
        public String title() {
            return title;
        }
    }

    /**
     * What a request comes to.
     *
     * @param status the HTTP status
     * @param screen what to show
     * @param token the link's token as sent (echo it only escaped)
     * @param error why the form was refused, plain text, or {@code null}
     */
    public record Outcome(int status, Screen screen, String token, String error) {}

    /** Draws an {@link Outcome} as a whole HTML page. */
    @FunctionalInterface
    public interface View {
        /** The page for {@code outcome}. */
        String render(Outcome outcome);
    }

    private final MyPageService mypage;

    /** A page over {@code renkei.mypage()}. */
    public SetupPage(MyPageService mypage) {
        this.mypage = Objects.requireNonNull(mypage, "mypage");
    }

    /**
     * Handles one request with the plain view.
     *
     * @param method {@code GET} or {@code POST}
     * @param params the query (GET) or form (POST) parameters: {@code token}, {@code password}, {@code confirm},
     *     {@code action}
     */
    public Response handle(String method, Map<String, String> params) {
        return handle(method, params, SetupPage::plain);
    }

    /** Handles one request and draws the answer with {@code view}. */
    public Response handle(String method, Map<String, String> params, View view) {
        Outcome o = decide(method, params);
        return new Response(o.status(), view.render(o));
    }

    /** What a request comes to, calling {@code status}, {@code redeem} or {@code resend}; draws nothing. */
    public Outcome decide(String method, Map<String, String> params) {
        String token = params.getOrDefault("token", "");
        if ("GET".equalsIgnoreCase(method)) {
            return shown(token);
        }
        if (!"POST".equalsIgnoreCase(method)) {
            return new Outcome(405, Screen.NOT_ALLOWED, token, null);
        }
        if ("resend".equals(params.get("action"))) {
            mypage.resend(token);
            return new Outcome(200, Screen.RESENT, token, null);
        }
        return register(token, params.getOrDefault("password", ""), params.getOrDefault("confirm", ""));
    }

    private Outcome shown(String token) {
        return switch (mypage.status(token)) {
            case VALID -> new Outcome(200, Screen.FORM, token, null);
            case EXPIRED -> new Outcome(200, Screen.EXPIRED, token, null);
            case ALREADY_USED -> new Outcome(410, Screen.USED, token, null);
            case INVALID -> new Outcome(404, Screen.INVALID, token, null);
        };
    }

    private Outcome register(String token, String password, String confirm) {
        String refused = refusal(password, confirm);
        if (refused != null) {
            // a link that cannot set a password says so rather than asking for one again
            Outcome now = shown(token);
            return now.screen() == Screen.FORM ? new Outcome(400, Screen.FORM, token, refused) : now;
        }
        char[] chars = password.toCharArray();
        try {
            return switch (mypage.redeem(token, chars)) {
                case REGISTERED -> new Outcome(200, Screen.REGISTERED, token, null);
                case EXPIRED -> new Outcome(200, Screen.EXPIRED, token, null);
                case ALREADY_USED -> new Outcome(410, Screen.USED, token, null);
                case INVALID -> new Outcome(404, Screen.INVALID, token, null);
            };
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Why a password is refused ({@link MyPageService}'s limits), or {@code null}. */
    static String refusal(String password, String confirm) {
        int length = password.toCharArray().length;
        if (length < MyPageService.MIN_PASSWORD_LENGTH || length > MyPageService.MAX_PASSWORD_LENGTH) {
            return "パスワードは" + MyPageService.MIN_PASSWORD_LENGTH + "〜" + MyPageService.MAX_PASSWORD_LENGTH
                    + "文字で入力してください。";
        }
        return password.equals(confirm) ? null : "確認用のパスワードが一致しません。同じパスワードを2回入力してください。";
    }

    private static String plain(Outcome o) {
        String body = switch (o.screen()) {
            case FORM -> "<form method=post><input type=hidden name=token value=\"" + escape(o.token())
                    + "\"><input type=password name=password minlength=" + MyPageService.MIN_PASSWORD_LENGTH
                    + " required><input type=password name=confirm required><button>登録</button></form>";
            case EXPIRED -> "<form method=post><input type=hidden name=token value=\"" + escape(o.token())
                    + "\"><input type=hidden name=action value=resend><button>メールを再送する</button></form>";
            case RESENT -> "<p>登録済みのメールアドレスに新しいリンクを送信しました。</p>";
            default -> "";
        };
        return "<!doctype html><meta charset=utf-8><title>マイページ登録</title><h1>" + escape(o.screen().title())
                + "</h1>" + (o.error() == null ? "" : "<p>" + escape(o.error()) + "</p>") + body;
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

    /** HTML-escapes text for an element or a double-quoted attribute; {@code null} is empty. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
