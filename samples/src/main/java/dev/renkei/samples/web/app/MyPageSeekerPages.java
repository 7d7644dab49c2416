package dev.renkei.samples.web.app;

import dev.renkei.core.mypage.MyPageService;
import dev.renkei.samples.web.SetupPage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job seeker's side of MyPage: the password-setup page the invitation mail links to ({@code /mypage/setup},
 * drawn here around the framework-neutral {@link SetupPage}, which decides what to show), and the MyPage site's
 * login page ({@code /mypage/login}, a mock: the sample has no real login) whose 新規会員登録 button follows
 * {@link MyPageService#signUpVisible}.
 */
final class MyPageSeekerPages {
    /** The setup page the invitation mail links to. */
    static final String SETUP = "/mypage/setup";
    /** The MyPage site's login page. */
    static final String LOGIN = "/mypage/login";
    private static final String SIGN_UP = "/mypage/signup";
    private static final List<String> SETUP_FIELDS = List.of("token", "password", "confirm", "action");

    private final MyPageService mypage;
    private final SetupPage setup;

    MyPageSeekerPages(MyPageService mypage) {
        this.mypage = mypage;
        this.setup = new SetupPage(mypage);
    }

    void routes(Router router) {
        router.get(SETUP, this::setup);
        router.post(SETUP, this::setup);
        router.get(LOGIN, r -> Response.html(login(r, "", null)));
        router.post(LOGIN, this::logIn);
        router.get(SIGN_UP, this::signUp);
        // the 新規会員登録 button is a form (the layout styles buttons, not links); its POST only leads to the page
        router.post(SIGN_UP, r -> Response.redirect(SIGN_UP));
    }

    // ---- パスワード設定 -------------------------------------------------------------------------------

    private Response setup(Request r) {
        Map<String, String> params = new HashMap<>();
        SETUP_FIELDS.stream().filter(r::has).forEach(name -> params.put(name, r.param(name)));
        SetupPage.Response answer = setup.handle(r.method(), params, outcome -> render(r, outcome));
        return Response.html(answer.status(), answer.html());
    }

    private static String render(Request r, SetupPage.Outcome o) {
        String body = switch (o.screen()) {
            case FORM -> passwordForm(r, o.token());
            case EXPIRED -> "<p>このリンクは有効期限が切れているか、新しいリンクに置き換えられています。"
                    + "下のボタンから、ご登録のメールアドレスに新しいリンクをお送りします。</p>"
                    + tokenForm(r, o.token()) + "<input type=\"hidden\" name=\"action\" value=\"resend\">"
                    + "<button>メールを再送する</button></form>";
            case RESENT -> "<p id=\"resent\">ご登録のメールアドレス宛てに、パスワード設定用の新しいリンクをお送りしました。"
                    + "メールが届かない場合は、しばらく待ってから担当者にお問い合わせください。</p>";
            case REGISTERED -> "<p>パスワードを設定しました。マイページをご利用いただけます。</p>" + toLogin();
            case USED -> "<p>このリンクはすでに使われています。パスワードを設定済みの方はログインしてください。</p>" + toLogin();
            case INVALID -> "<p>リンクが正しくありません。メールに記載の URL が途中で切れていないか確かめて、"
                    + "もう一度開いてください。</p>";
            case NOT_ALLOWED -> "";
        };
        return Html.page(r, o.screen().title(), Html.error(o.error()) + body);
    }

    private static String passwordForm(Request r, String token) {
        return "<p>マイページで使うパスワードを決めてください（" + MyPageService.MIN_PASSWORD_LENGTH + "〜"
                + MyPageService.MAX_PASSWORD_LENGTH + "文字）。</p>" + tokenForm(r, token)
                + Html.password("パスワード", "password", false)
                + Html.password("パスワード（確認のためもう一度）", "confirm", false) + "<p><button>登録する</button></p></form>";
    }

    /** A form to the setup page carrying the link's token, escaped. */
    private static String tokenForm(Request r, String token) {
        return Html.form(r, SETUP) + "<input type=\"hidden\" name=\"token\" value=\"" + Html.escape(token) + "\">";
    }

    private static String toLogin() {
        return "<p><a href=\"" + LOGIN + "\">ログインページへ</a></p>";
    }

    // ---- ログイン（見本） --------------------------------------------------------------------------------

    private String login(Request r, String email, String error) {
        String signUp = mypage.signUpVisible(WebApp.TENANT) ? "<h2>はじめての方</h2>" + Html.form(r, SIGN_UP)
                + "<button id=\"signup\">新規会員登録</button></form>" : "";
        return Html.page(r, "マイページ ログイン", "<p class=\"muted\">求職者向けマイページのログイン画面の見本です。"
                + "このサンプルには実際のログイン機能はありません。</p>" + Html.error(error) + Html.form(r, LOGIN)
                + Html.input("メールアドレス", "email", "email", email) + Html.password("パスワード", "password", false)
                + "<p><button>ログイン</button></p></form>" + signUp);
    }

    private Response logIn(Request r) {
        String email = r.param("email").strip();
        String error = email.isEmpty() ? "メールアドレスを入力してください。"
                : r.param("password").isEmpty() ? "パスワードを入力してください。"
                : "このサンプルにはログイン機能がないため、ログインできません。";
        return Response.html(400, login(r, email, error));
    }

    private Response signUp(Request r) {
        if (!mypage.signUpVisible(WebApp.TENANT)) {
            return Response.html(404, Html.page(r, "会員登録は受け付けていません",
                    "<p>マイページには、担当者からの登録案内メールのリンクから登録してください。</p>"));
        }
        return Response.html(Html.page(r, "新規会員登録", "<p>このサンプルには会員登録画面はありません。"
                + "実際のサイトでは、ここに会員登録フォームを置きます。</p>"));
    }
}
