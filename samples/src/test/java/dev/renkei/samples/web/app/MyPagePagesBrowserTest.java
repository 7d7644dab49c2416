package dev.renkei.samples.web.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.testing.MutableClock;
import dev.renkei.porters.testing.PortersSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The MyPage pages in Chromium, as the agency and a job seeker use them: the batch from {@code /mypage}, the
 * invitation link opened from {@code /mypage}'s mailbox, the password form's server-side checks, completion, a used
 * link, an expired link resent, and the sign-up switch on the login page. The tests build on each other in order
 * (one batch, one mailbox); a moved clock lets a day pass.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MyPagePagesBrowserTest {
    private static final String TOO_SHORT = "short7x";
    private static final String PASSWORD = "sakura-Tokyo-2026";
    private static final String OTHER = "sakura-Osaka-2026";
    @TempDir
    static Path dir;
    static MutableClock clock;
    static WebApp app;
    static Browser browser;
    /** Every password a test typed: no page may carry one. */
    static final List<String> typed = new ArrayList<>();
    /** Every page source the tests saw. */
    static final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        app = WebApp.builder().dir(dir).port(0).clock(clock).start();
        browser = Browser.open(app);
    }

    @AfterAll
    static void stop() {
        try (WebApp started = app; Browser open = browser) {
            assertThat(started).isNotNull(); // closed in reverse: the browser, then the app
        }
    }

    @AfterEach
    void noPageCarriesATypedPassword() {
        for (String source : seen) {
            for (String password : typed) {
                assertThat(source).as("a page source").doesNotContain(password);
            }
        }
        assertThat(seen).isNotEmpty();
    }

    @Test
    @Order(1)
    void theAdminPageShowsTheSettingsInShortAndRunsTheBatch() {
        browser.go("/mypage");
        assertThat(browser.heading()).isEqualTo("マイページ連携");
        assertThat(browser.text("main")).contains("PORTERS（パーティション " + PortersSimulator.PARTITION + "）",
                "24 時間", "最大 " + MyPagePages.REMINDERS + " 回", "まだ取り込みは実行されていません");
        assertThat(browser.text("#credentials")).isEqualTo("設定済み");
        assertThat(browser.source()).doesNotContain(PortersSimulator.SECRET);

        submit("今すぐ取り込み");

        assertThat(browser.path()).isEqualTo("/mypage");
        assertThat(browser.text("#flash")).contains("取り込みが完了しました", "対象 5 人", "アカウント作成 5 件",
                "送信メール 5 通", "受信メール");
        assertThat(browser.all("table").get(1).getText()).contains("手動", "成功");
        assertThat(browser.find("a[href='/mailbox']").isDisplayed()).isTrue();
        see();
        browser.screenshot("mypage-admin");
    }

    @Test
    @Order(2)
    void aJobSeekerSetsAPasswordThroughTheInvitationLinkOnce() {
        String link = openInvitation("js1@example.com");
        assertThat(browser.path()).isEqualTo("/mypage/setup");
        assertThat(browser.heading()).isEqualTo("パスワードを設定してください");
        see();
        browser.screenshot("mypage-setup");

        submitPassword(TOO_SHORT, TOO_SHORT);
        assertThat(browser.heading()).isEqualTo("パスワードを設定してください");
        assertThat(browser.text("#error")).isEqualTo("パスワードは8〜128文字で入力してください。");
        assertThat(browser.find("input[name=password]").getAttribute("value")).isEmpty();
        assertThat(browser.find("input[name=confirm]").getAttribute("value")).isEmpty();
        see();
        browser.screenshot("mypage-setup-error");

        submitPassword(PASSWORD, OTHER);
        assertThat(browser.text("#error")).contains("確認用のパスワードが一致しません");
        assertThat(browser.find("input[name=password]").getAttribute("value")).isEmpty();
        see();

        submitPassword(PASSWORD, PASSWORD);
        assertThat(browser.heading()).isEqualTo("マイページの登録が完了しました");
        see();
        browser.screenshot("mypage-complete");

        browser.driver().get(link);
        assertThat(browser.heading()).isEqualTo("このリンクは使用済みです");
        assertThat(browser.all("input[type=password]")).isEmpty();
        see();
    }

    @Test
    @Order(3)
    void anExpiredLinkIsResentAndTheFreshLinkOpensTheForm() {
        clock.advance(Duration.ofHours(25));
        String old = openInvitation("js2@example.com");
        assertThat(browser.heading()).isEqualTo("このリンクは有効期限が切れています");
        assertThat(browser.all("input[type=password]")).isEmpty();
        see();
        browser.screenshot("mypage-expired");

        submit("メールを再送する");
        assertThat(browser.heading()).isEqualTo("新しいリンクを送信しました");
        assertThat(browser.text("#resent")).contains("ご登録のメールアドレス宛てに").doesNotContain("js2@example.com");
        see();
        browser.screenshot("mypage-resent");

        browser.go("/mailbox");
        assertThat(mailsTo("js2@example.com")).hasSize(2);
        String fresh = openInvitation("js2@example.com");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(browser.heading()).isEqualTo("パスワードを設定してください");
        assertThat(browser.all("input[type=password]")).hasSize(2);
        see();
    }

    @Test
    @Order(4)
    void theSignUpSwitchShowsAndHidesTheButtonOnTheLoginPage() {
        browser.go("/mypage/login");
        assertThat(browser.text("main")).contains("このサンプルには実際のログイン機能はありません");
        assertThat(browser.all("#signup")).extracting(WebElement::getText).containsExactly("新規会員登録");
        see();
        browser.screenshot("mypage-login-signup-shown");

        switchSignUp("signup-hidden", "表示しない");
        browser.go("/mypage/login");
        assertThat(browser.all("#signup")).isEmpty();
        assertThat(browser.text("main")).doesNotContain("新規会員登録");
        see();
        browser.screenshot("mypage-login-signup-hidden");

        switchSignUp("signup-shown", "表示する");
        browser.go("/mypage/login");
        submit("新規会員登録");
        assertThat(browser.heading()).isEqualTo("新規会員登録");
    }

    @Test
    @Order(5)
    void theMockLoginRefusesWithoutEchoingThePassword() {
        browser.go("/mypage/login").type("email", "js1@example.com").type("password", PASSWORD);
        typed.add(PASSWORD);
        submit("ログイン");

        assertThat(browser.text("#error")).contains("ログイン機能がない");
        assertThat(browser.find("input[name=email]").getAttribute("value")).isEqualTo("js1@example.com");
        assertThat(browser.find("input[name=password]").getAttribute("value")).isEmpty();
        see();
    }

    @Test
    @Order(6)
    void aFailedWriteBackIsListedOnTheAdminPageAndRetried() {
        String link = openInvitation("js2@example.com"); // the fresh link of the resend
        app.simulators().porters().failNextWrite(9); // PORTERS in maintenance for one write
        submitPassword(PASSWORD, PASSWORD);
        assertThat(browser.heading()).isEqualTo("マイページの登録が完了しました");

        browser.go("/mypage");
        assertThat(browser.text("main")).contains("登録状態を PORTERS に書き戻せなかった求職者です");
        assertThat(browser.all("table").get(2).getText()).contains("Person.U_MyPageStatus", "失敗", "MAINTENANCE");
        see();
        submit("連携リトライ");

        assertThat(browser.text("#flash")).isEqualTo("連携リトライ：成功 1 件、失敗 0 件。");
        assertThat(browser.text("main")).contains("PORTERS への書き戻しはすべて完了しています");
        assertThat(link).contains("/mypage/setup?token=");
        see();
    }

    @Test
    @Order(7)
    void aForgedTokenIsNeitherFoundNorEchoed() {
        browser.go("/mypage/setup?token=%3Cscript%3Ealert(1)%3C/script%3E");

        assertThat(browser.heading()).isEqualTo("リンクが正しくありません");
        assertThat(browser.source()).doesNotContain("<script");
        see();
    }

    /** Opens the newest mail to {@code address} in the mailbox and follows its link; returns the link. */
    private static String openInvitation(String address) {
        browser.go("/mailbox");
        WebElement link = mailsTo(address).get(0).findElement(By.cssSelector(".body a"));
        String href = link.getAttribute("href");
        browser.click(link);
        return href;
    }

    /** The mails to {@code address} with a link in the mailbox shown, newest first. */
    private static List<WebElement> mailsTo(String address) {
        return browser.all("article.mail").stream().filter(m -> m.findElement(By.cssSelector("p.muted")).getText()
                .contains("宛先: " + address)).filter(m -> !m.findElements(By.cssSelector(".body a")).isEmpty())
                .toList();
    }

    private static void submitPassword(String password, String confirm) {
        typed.add(password);
        typed.add(confirm);
        browser.type("password", password).type("confirm", confirm);
        submit("登録する");
    }

    private static void switchSignUp(String radio, String state) {
        browser.go("/mypage").click("#" + radio);
        submit("保存");
        assertThat(browser.text("#flash")).isEqualTo("会員登録ボタンを「" + state + "」に変更しました。");
        assertThat(browser.text("#signup-state")).isEqualTo(state);
        see();
    }

    /** Clicks the button or link {@code text} and waits for the next page. */
    private static void submit(String text) {
        browser.clickText(text);
    }

    private static void see() {
        seen.add(browser.source());
    }
}
