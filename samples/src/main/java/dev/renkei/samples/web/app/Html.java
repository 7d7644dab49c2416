package dev.renkei.samples.web.app;

import dev.renkei.samples.web.SetupPage;
import java.util.List;

/**
 * The web app's HTML: escaping, the page layout and the small form parts every page repeats. Every value a user or
 * a vendor gave goes through {@link #escape}; pages build their markup from these pieces and literals only.
 */
public final class Html {
    /** The stylesheet at {@code /style.css} (a file, not inline, so the Content-Security-Policy needs no exception). */
    static final String STYLE = """
            body{font-family:"Hiragino Sans","Noto Sans JP","Yu Gothic",sans-serif;margin:0;color:#222;background:#f6f7f9}
            header{background:#1f3a5f;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.5rem;align-items:center}
            header a{color:#fff;text-decoration:none}header .brand{font-weight:bold}
            nav{display:flex;gap:1rem}main{max-width:62rem;margin:1.2rem auto;padding:0 1.2rem}
            h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
            table{border-collapse:collapse;background:#fff;width:100%}th,td{border:1px solid #d8dce3;padding:.35rem .5rem;text-align:left;vertical-align:top}
            th{background:#eef1f5}form.inline{display:inline}label{display:block;margin:.5rem 0 .2rem}
            input[type=text],input[type=email],input[type=password],input[type=datetime-local],input[type=number],select,textarea{padding:.3rem;min-width:18rem}
            button{padding:.35rem .9rem;margin:.5rem .4rem .5rem 0;cursor:pointer}button.danger{background:#b3261e;color:#fff;border:0}
            .flash{background:#e7f4ea;border:1px solid #9ccfa7;padding:.5rem}.error{background:#fdecea;border:1px solid #f1a9a0;padding:.5rem}
            .ok{color:#1e7b34;font-weight:bold}.ng{color:#b3261e;font-weight:bold}.muted{color:#667}
            .steps{display:flex;gap:.4rem;list-style:none;padding:0;flex-wrap:wrap}.steps li{padding:.2rem .6rem;border-radius:1rem;background:#e3e7ee}
            .steps li.current{background:#1f3a5f;color:#fff}.tag-action{color:#b3261e;font-weight:bold}.tag-info{color:#555}
            """;

    private Html() {}

    /** HTML-escapes text for an element or a double-quoted attribute; {@code null} is empty. */
    public static String escape(String s) {
        return SetupPage.escape(s);
    }

    /**
     * A whole page: header with the navigation, the title, the session's flash message (once) and the body.
     *
     * @param title plain text, escaped here
     * @param body markup built by the page
     */
    public static String page(Request request, String title, String body) {
        return page(request, title, body, "");
    }

    /** A page with extra markup in {@code <head>} (e.g. the run page's refresh). */
    public static String page(Request request, String title, String body, String head) {
        String flash = request == null ? null : request.session().takeFlash();
        return "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + " — Renkei サンプル</title><link rel=\"stylesheet\" href=\"/style.css\">"
                + head + "</head><body><header><a class=\"brand\" href=\"/\">Renkei サンプル</a><nav>"
                + "<a href=\"/robots\">求人媒体連携ロボット</a><a href=\"/zoom\">Zoom連携</a>"
                + "<a href=\"/mypage\">マイページ</a><a href=\"/mailbox\">受信メール</a></nav></header><main>"
                + "<h1>" + escape(title) + "</h1>"
                + (flash == null ? "" : "<p class=\"flash\" role=\"status\" id=\"flash\">" + escape(flash) + "</p>")
                + body + "</main></body></html>";
    }

    /** An error box with the library's message (escaped), or nothing when {@code message} is null. */
    public static String error(String message) {
        return message == null ? "" : "<p class=\"error\" role=\"alert\" id=\"error\">" + escape(message) + "</p>";
    }

    /** The opening tag of a POST form to {@code action}, with the session's CSRF token as its first field. */
    public static String form(Request request, String action) {
        return form(request, action, "");
    }

    /** As {@link #form(Request, String)} with extra attributes (e.g. {@code class="inline"}). */
    public static String form(Request request, String action, String attributes) {
        return "<form method=\"post\" action=\"" + escape(action) + "\"" + (attributes.isEmpty() ? "" : " " + attributes)
                + "><input type=\"hidden\" name=\"" + Router.CSRF_FIELD + "\" value=\""
                + escape(request.session().csrfToken()) + "\">";
    }

    /** A labelled text-like input whose value is escaped; {@code type} is text, email, number, … */
    public static String input(String label, String type, String name, String value) {
        return "<label for=\"" + escape(name) + "\">" + escape(label) + "</label><input type=\"" + type + "\" id=\""
                + escape(name) + "\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
    }

    /**
     * A labelled password input. It never carries a value: a stored secret shows as "設定済み" next to it, and an
     * empty submission keeps the stored one.
     */
    public static String password(String label, String name, boolean isSet) {
        return "<label for=\"" + escape(name) + "\">" + escape(label) + "</label><input type=\"password\" id=\""
                + escape(name) + "\" name=\"" + escape(name) + "\" autocomplete=\"new-password\">"
                + (isSet ? " <span class=\"muted\" id=\"" + escape(name) + "-set\">設定済み（変更する場合のみ入力）</span>" : "");
    }

    /** A table with a header row; cells are markup (escape values before passing them). */
    public static String table(List<String> headers, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        headers.forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            b.append("<tr>");
            row.forEach(cell -> b.append("<td>").append(cell).append("</td>"));
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
