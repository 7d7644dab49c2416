package dev.renkei.samples.web.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.zoom.testing.ZoomSimulator;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

/**
 * The Zoom pages in Chromium, in the order an administrator goes: a declined consent, linking through the
 * simulator's consent page, a host per selection event, a slot published, moved and hidden (checked against the
 * simulator's meetings), invalid input, and the app removed in the Zoom Marketplace. No page shows a secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZoomPagesBrowserTest {
    private static final String TOPIC = "一次面接 <山田 太郎>";
    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    static final AppInBrowser WEB = new AppInBrowser();
    // one app and browser for the whole class, which goes step by step like the administrator
    private final WebApp app = WEB.app();
    private final Browser browser = WEB.browser();

    @Test
    @Order(1)
    void aDeclinedConsentShowsTheErrorAndLeavesZoomUnlinked() {
        browser.go("/zoom");
        assertThat(browser.text("#link-state")).isEqualTo("未連携");
        shot("zoom-unlinked");

        browser.click("#connect").waitForText("許可する", WAIT);
        assertThat(browser.path()).isEqualTo("/oauth/authorize");
        assertThat(browser.text("main")).contains("Renkei 面接連携", ZoomSimulator.ACCOUNT, "meeting:write:meeting");
        shot("zoom-consent");
        browser.clickText("拒否 (Decline)").waitForText("完了できませんでした", WAIT);

        assertThat(browser.path()).isEqualTo("/zoom/callback");
        assertThat(browser.heading()).isEqualTo("Zoom連携を完了できませんでした");
        assertThat(browser.text("#why")).contains("「拒否」が選ばれた");
        assertThat(browser.text("#error")).contains("no code or state");
        noSecrets();
        browser.go("/zoom");
        assertThat(browser.text("#link-state")).isEqualTo("認可待ち");
    }

    @Test
    @Order(2)
    void aCallbackThisBrowserDidNotStartIsRefusedBeforeTheLibrarySeesIt() {
        browser.go("/zoom/callback?code=AUTH_CODE_9&state=forged");

        assertThat(browser.heading()).isEqualTo("Zoom連携を完了できませんでした");
        assertThat(browser.text("#why")).contains("このブラウザーで始めたものではありません");
        browser.go("/zoom");
        assertThat(browser.text("#link-state")).isEqualTo("認可待ち");
    }

    @Test
    @Order(3)
    void linkingThroughTheConsentPageShowsTheLinkedAccount() {
        browser.go("/zoom").click("#connect").waitForText("許可する", WAIT).clickText("許可する (Allow)").waitForText("Zoomと連携しました", WAIT);

        assertThat(browser.path()).isEqualTo("/zoom");
        assertThat(browser.text("#link-state")).isEqualTo("連携済み (" + ZoomSimulator.ACCOUNT + ")");
        assertThat(browser.text("#flash")).contains("Zoomと連携しました");
        noSecrets();
        shot("zoom-linked");
    }

    @Test
    @Order(4)
    void aHostIsChosenPerSelectionEventFromTheAccountsUsers() {
        browser.go("/zoom/events");
        Select host = new Select(browser.find("#host-ev1"));
        assertThat(host.getOptions()).extracting(o -> o.getText()).contains("Hanako Sato (hanako@example.co.jp)",
                "Taro Yamada (taro@example.co.jp)");
        host.selectByVisibleText("Taro Yamada (taro@example.co.jp)");
        browser.click("#save-host-ev1").waitForText("Zoom ホストを Taro Yamada", WAIT);

        assertThat(browser.text("#flash")).contains("Taro Yamada");
        assertThat(new Select(browser.find("#host-ev1")).getFirstSelectedOption().getText())
                .isEqualTo("Taro Yamada (taro@example.co.jp)");
        assertThat(new Select(browser.find("#host-ev2")).getFirstSelectedOption().getText()).isEqualTo("選んでください");
        noSecrets();
        shot("zoom-events");
    }

    @Test
    @Order(5)
    void invalidSlotInputShowsTheMessageAndKeepsWhatWasTyped() {
        browser.go("/zoom/events/ev1");
        addSlot("2026-13-40 10:00", "");
        browser.waitForText("形式", WAIT);
        assertThat(browser.text("#error")).contains("「2026-12-10 10:00」の形式");
        assertThat(browser.find("input[name=start]").getAttribute("value")).isEqualTo("2026-13-40 10:00");

        addSlot("2020-01-01 10:00", TOPIC);
        browser.waitForText("開始日時が過去です", WAIT);
        assertThat(browser.text("#error")).contains("開始日時が過去です");
        assertThat(browser.find("input[name=topic]").getAttribute("value")).isEqualTo(TOPIC);

        addSlot(future(30, "10:00"), "");
        browser.waitForText("件名を入力してください", WAIT);
        assertThat(browser.text("#error")).contains("件名を入力してください");
        assertThat(browser.text("main")).contains("まだ面接枠はありません");
        shot("zoom-slot-invalid");
    }

    @Test
    @Order(6)
    void aPublishedSlotHasTheMeetingsJoinUrlWhichSurvivesAMoveAndHidingDeletesTheMeeting() {
        browser.go("/zoom/events/ev1");
        addSlot(future(30, "10:00"), TOPIC);
        browser.waitForText("面接枠を追加しました", WAIT);
        assertThat(app.simulators().zoom().meetings()).isEmpty();

        browser.clickText("公開").waitForText("面接枠を公開しました", WAIT);
        List<JsonNode> onZoom = app.simulators().zoom().meetings();
        assertThat(onZoom).as(browser.text("main")).hasSize(1);
        String joinUrl = onZoom.get(0).path("join_url").asText();
        String startBefore = onZoom.get(0).path("start_time").asText();
        assertThat(onZoom.get(0).path("host_id").asText()).isEqualTo(ZoomSimulator.OTHER_HOST);
        assertThat(browser.find("a.join-url").getAttribute("href")).isEqualTo(joinUrl);
        assertThat(browser.text("main")).contains(TOPIC, "公開中");
        noSecrets();
        shot("zoom-slot-published");

        browser.clickText("日時を変更").waitForText("面接枠の日時を変更", WAIT);
        browser.type("start", future(31, "14:30")).type("duration", "60").clickText("日時を変更")
                .waitForText("日時を変更しました", WAIT);
        assertThat(browser.text("#flash")).contains("同じ参加URL");
        JsonNode moved = app.simulators().zoom().meetings().get(0);
        assertThat(moved.path("join_url").asText()).isEqualTo(joinUrl);
        assertThat(moved.path("start_time").asText()).isNotEqualTo(startBefore);
        assertThat(moved.path("duration").asInt()).isEqualTo(60);
        assertThat(browser.find("a.join-url").getAttribute("href")).isEqualTo(joinUrl);
        assertThat(browser.text("main")).contains(future(31, "14:30"));

        browser.clickText("非公開").waitForText("非公開にしました", WAIT);
        assertThat(app.simulators().zoom().meetings()).isEmpty();
        assertThat(browser.all("a.join-url")).isEmpty();
        assertThat(browser.text("main")).contains("非公開");
    }

    @Test
    @Order(7)
    void removingTheAppInZoomRevokesTheLinkAndALaterPublishSaysSo() {
        browser.go("/zoom").click("#simulate-removal").waitForText("Webhook が届きました", WAIT);

        assertThat(browser.text("#flash")).contains("app_deauthorized", "HTTP 200");
        assertThat(browser.text("#link-state")).isEqualTo("連携解除済み");
        assertThat(browser.find("#connect").getText()).isEqualTo("Zoomと連携する");
        noSecrets();
        shot("zoom-revoked");

        browser.go("/zoom/events/ev1").clickText("公開").waitForText("要対応", WAIT);
        assertThat(browser.text("#error")).contains("revoked");
        assertThat(browser.text("#classification")).isEqualTo("要対応");
        assertThat(browser.text("#remedy")).contains("再度連携してください");
        assertThat(app.simulators().zoom().meetings()).isEmpty();
        shot("zoom-publish-revoked");
    }

    @Test
    @Order(8)
    void aRevokedLinkIsAuthorizedAgainAndThenUnlinkedByTheAdministrator() {
        browser.go("/zoom").click("#connect").waitForText("許可する", WAIT).clickText("許可する (Allow)")
                .waitForText("Zoomと連携しました", WAIT);
        assertThat(browser.text("#link-state")).isEqualTo("連携済み (" + ZoomSimulator.ACCOUNT + ")");
        int revokedBefore = app.simulators().zoom().revoked().size();

        browser.click("#unlink").waitForText("連携を解除しました", WAIT);

        assertThat(browser.text("#link-state")).isEqualTo("連携解除済み");
        assertThat(app.simulators().zoom().revoked()).hasSize(revokedBefore + 1);
        noSecrets();
    }

    private void addSlot(String start, String topic) {
        browser.type("start", start).type("duration", "45").type("topic", topic).click("#add-slot");
    }

    /** A date {@code days} ahead in Tokyo at {@code time}, as the form takes it. */
    private static String future(int days, String time) {
        return LocalDate.now(ZoomPages.TOKYO).plusDays(days) + " " + time;
    }

    private void noSecrets() {
        assertThat(browser.source()).doesNotContain(ZoomSimulator.CLIENT.secret().reveal(),
                WebApp.ZOOM_WEBHOOK_SECRET.reveal(), "access_token", "refresh_token", "zak=", "code_verifier");
    }

    private void shot(String name) {
        assertThat(browser.screenshot(name)).isRegularFile();
    }
}
