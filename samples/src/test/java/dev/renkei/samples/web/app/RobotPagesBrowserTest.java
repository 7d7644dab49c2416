package dev.renkei.samples.web.app;

import static dev.renkei.samples.web.app.RobotPageSteps.RUN_WAIT;
import static dev.renkei.samples.web.app.RobotPageSteps.WRONG_PASSWORD;
import static dev.renkei.samples.web.app.RobotPageSteps.click;
import static dev.renkei.samples.web.app.RobotPageSteps.clickText;
import static dev.renkei.samples.web.app.RobotPageSteps.enc;
import static dev.renkei.samples.web.app.RobotPageSteps.noSecretShown;
import static dev.renkei.samples.web.app.RobotPageSteps.post;
import static dev.renkei.samples.web.app.RobotPageSteps.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.model.AtsAccount;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.NotificationSettings;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.model.Schedule;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.sync.SyncListener;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.samples.sim.Simulators;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The robot pages in Chromium: the whole setup as a person clicks through it (a failed login check corrected via
 * 戻る, two accounts on one board and one deleted after the warning), 今すぐ実行 with its live page, the history
 * and its chart against what the ATS simulator received, and the forms' server-side validation.
 */
class RobotPagesBrowserTest {

    @TempDir
    static Path dir;
    static WebApp app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = WebApp.builder().dir(dir).port(0).start();
        browser = Browser.open(app);
        RobotPageSteps.use(app, browser);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            app.close();
        }
    }

    @Test
    void aRobotIsSetUpStepByStepRunNowAndItsHistoryChartsWhatTheAtsReceived() throws InterruptedException {
        browser.go("/robots");
        clickText("新しいロボットを作成");
        basicStep();
        atsStep();
        String robotPath = browser.path().replace("/media", "");
        mediaStepWithTwoAccountsOnOneBoardAndOneDeleted(robotPath);
        loginCheckFailsThenIsCorrectedViaBack(robotPath);
        notificationStep();
        scheduleAndDone();

        assertThat(browser.text("#flash")).isEqualTo("ロボットの設定が完了しました。");
        assertThat(browser.text("#state")).isEqualTo("連携中");
        Robot robot = app.renkei().robots().get(WebApp.TENANT, RobotId.of(robotPath.substring("/robots/".length())));
        assertThat(robot.linkageEnabled()).isTrue();
        assertThat(robot.schedule()).isEqualTo(Schedule.of(RobotSetup.TOKYO, LocalTime.of(9, 0), LocalTime.of(13, 30)));

        int first = firstRunWatchedLive();
        assertThat(browser.text("#run-status")).isEqualTo("成功");
        assertThat(first).isPositive().isEqualTo(app.simulators().ats().createCount());
        browser.screenshot("robot-run");
        browser.go(robotPath);
        int second = runNow();
        assertThat(second).isZero();
        assertThat(browser.text(".counts .already")).as("what the second run read was imported before")
                .isEqualTo(browser.text(".counts .fetched"));
        assertThat(app.simulators().ats().createCount()).isEqualTo(first);

        historyChartsEveryRun(robotPath, List.of(first, second));
        browser.go("/mailbox");
        assertThat(browser.all(".mail")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.text("main")).contains("saiyo@demo-shoji.example");
        browser.go("/robots");
        assertThat(browser.text("main")).contains("デモ商事 採用ロボット", "連携中", "09:00、13:30");
        noSecretShown();
        browser.screenshot("robot-list");
    }

    private void basicStep() {
        assertThat(browser.heading()).isEqualTo("ロボットの基本設定");
        assertThat(browser.text(".steps li.current")).isEqualTo("1. 基本設定");
        clickText("次へ");
        assertThat(browser.text("#error")).contains("robot name");
        assertThat(browser.find("input[name=linkage]").isSelected()).as("連携を有効にする, ticked by default").isTrue();
        browser.type("name", "デモ商事 採用ロボット");
        browser.screenshot("robot-basic");
        clickText("次へ");
    }

    private void atsStep() {
        assertThat(browser.heading()).isEqualTo("ATSアカウント");
        assertThat(browser.text("#hint")).contains(Simulators.ATS_SECRET);
        browser.type("accountId", "demo-shoji-hr").type("keyId", "demo-key-1").type("secret", Simulators.ATS_SECRET);
        browser.screenshot("robot-ats");
        clickText("次へ");
        assertThat(browser.heading()).isEqualTo("求人媒体アカウント");
        noSecretShown();
    }

    private void mediaStepWithTwoAccountsOnOneBoardAndOneDeleted(String robotPath) {
        assertThat(browser.text("#hint")).contains(DemoBoards.HTML_LOGIN_ID, DemoBoards.CSV_LOGIN_ID);
        addAccount(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID, WRONG_PASSWORD, DemoBoards.HTML_COMPANY_CODE);
        assertThat(browser.text("#flash")).isEqualTo("demo-html_001 を追加しました。");
        addAccount(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID, DemoBoards.CSV_PASSWORD, "");
        addAccount(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID, DemoBoards.HTML_PASSWORD, DemoBoards.HTML_COMPANY_CODE);
        assertThat(slotIds()).containsExactly("demo-html_001", "demo-csv_001", "demo-html_002");
        browser.screenshot("robot-media");
        noSecretShown();

        click("a[href='" + robotPath + "/media/demo-html_002/delete']");
        assertThat(browser.text("#warning")).contains("demo-html_002", "この操作は取り消せません");
        browser.screenshot("robot-media-delete");
        clickText("削除する");
        assertThat(browser.text("#flash")).isEqualTo("demo-html_002 を削除しました。");
        assertThat(slotIds()).containsExactly("demo-html_001", "demo-csv_001");
    }

    private void addAccount(String medium, String loginId, String password, String companyCode) {
        new Select(browser.find("#medium")).selectByValue(medium);
        browser.type("loginId", loginId).type("password", password).type("companyCode", companyCode);
        clickText("追加");
    }

    private List<String> slotIds() {
        return browser.all(".slot-id").stream().map(WebElement::getText).toList();
    }

    private void loginCheckFailsThenIsCorrectedViaBack(String robotPath) {
        clickText("次へ（ログイン確認）");
        assertThat(browser.heading()).isEqualTo("ログイン確認");
        assertThat(browser.text("#result")).contains("ログインできなかったアカウントがあります");
        assertThat(rowOf("ATS")).contains("OK");
        assertThat(rowOf("demo-csv_001")).contains("OK");
        assertThat(rowOf("demo-html_001")).contains("失敗", "要対応",
                "demo-html_001 のログインID・パスワードが正しいか確認し、ロボット設定で更新してください。");
        assertThat(browser.all("#next")).isEmpty();
        browser.screenshot("robot-login-check-failed");
        noSecretShown();

        clickText("戻る");
        assertThat(browser.path()).isEqualTo(robotPath + "/media");
        click("a[href='" + robotPath + "/media/demo-html_001']");
        assertThat(browser.find("input[name=password]").getAttribute("value")).isEmpty();
        assertThat(browser.text("#password-set")).contains("設定済み");
        assertThat(browser.find("input[name=loginId]").getAttribute("value")).isEqualTo(DemoBoards.HTML_LOGIN_ID);
        browser.type("password", DemoBoards.HTML_PASSWORD);
        clickText("保存");
        assertThat(browser.text("#flash")).isEqualTo("demo-html_001 を保存しました。");

        clickText("次へ（ログイン確認）");
        assertThat(browser.text("#result")).isEqualTo("すべてのアカウントにログインできました。");
        assertThat(rowOf("demo-html_001")).contains("OK");
        browser.screenshot("robot-login-check-ok");
        click("#next");
    }

    private String rowOf(String account) {
        return browser.all("tbody tr").stream().map(WebElement::getText).filter(t -> t.startsWith(account))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + account));
    }

    private void notificationStep() {
        assertThat(browser.heading()).isEqualTo("通知先");
        assertThat(browser.find("input[name=to]").getAttribute("value")).isEmpty();
        browser.type("to", "saiyo@demo-shoji.example, not-an-address").type("cc", "jinji@demo-shoji.example");
        clickText("次へ");
        assertThat(browser.text("#error")).isEqualTo("To address 'not-an-address' is not a valid e-mail address");
        assertThat(browser.find("input[name=cc]").getAttribute("value")).isEqualTo("jinji@demo-shoji.example");
        browser.type("to", "saiyo@demo-shoji.example");
        browser.screenshot("robot-notifications");
        clickText("次へ");
    }

    private void scheduleAndDone() {
        assertThat(browser.heading()).isEqualTo("実行時刻");
        new Select(browser.find("#time1")).selectByValue("09:00");
        new Select(browser.find("#time2")).selectByValue("13:30");
        assertThat(new Select(browser.find("#time1")).getOptions()).hasSize(49);
        browser.screenshot("robot-schedule");
        clickText("次へ");
        assertThat(browser.heading()).isEqualTo("設定の確認");
        assertThat(browser.text("main")).contains("saiyo@demo-shoji.example", "09:00、13:30", "demo-html_001",
                "demo-csv_001");
        assertThat(browser.text("#linkage")).isEqualTo("有効");
        browser.screenshot("robot-done");
        clickText("完了");
    }

    /** Clicks 今すぐ実行, follows the self-refreshing page until the run finished, and answers its imports. */
    private int runNow() {
        clickText("今すぐ実行");
        return runEnd();
    }

    private int runEnd() {
        waitFor("実行が完了しました");
        assertThat(browser.path()).contains("/runs/");
        assertThat(browser.all("meta[http-equiv=refresh]")).as("no more refreshing once done").isEmpty();
        noSecretShown();
        return Integer.parseInt(browser.text(".counts .imported"));
    }

    /**
     * The first run, watched while it goes on: a listener holds the engine at the first import until the live page
     * showed it, so the page is seen running whatever the machine's speed.
     */
    private int firstRunWatchedLive() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        app.addSyncListener(new SyncListener() {
            @Override
            public void applicationImported(SyncRun run, SlotId slot, String boardApplicationId, String atsId) {
                if (held.compareAndSet(false, true)) {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        try {
            clickText("今すぐ実行");
            waitFor("実行中です");
            assertThat(browser.find("meta[http-equiv=refresh]").getAttribute("content")).isEqualTo("1");
            new WebDriverWait(browser.driver(), RUN_WAIT).ignoring(StaleElementReferenceException.class)
                    .ignoring(NoSuchElementException.class)
                    .until(d -> Integer.parseInt(browser.text("#run-live .imported")) >= 1);
            browser.screenshot("robot-run-live");
        } finally {
            release.countDown();
        }
        return runEnd();
    }

    private void historyChartsEveryRun(String robotPath, List<Integer> importsOldestFirst) {
        browser.go(robotPath + "/history");
        assertThat(browser.all("svg.chart rect.bar")).hasSize(importsOldestFirst.size());
        List<Integer> labels = browser.all("svg.chart text.count").stream()
                .map(e -> Integer.parseInt(e.getText())).toList();
        assertThat(labels).containsExactlyElementsOf(importsOldestFirst);
        assertThat(labels.stream().mapToInt(Integer::intValue).sum()).isEqualTo(app.simulators().ats().createCount());
        assertThat(browser.all("svg.chart rect.bar title")).extracting(e -> e.getAttribute("textContent"))
                .allMatch(t -> t.contains("手動：取り込み "));
        String table = browser.text("main table");
        assertThat(table).contains("手動", "成功", "取得", "取り込み", "取り込み済み", "失敗");
        assertThat(browser.source()).doesNotContain("<script", "http://", "https://" + "cdn");
        browser.screenshot("robot-history");
    }

    @Test
    void aRunWithAnErrorShowsItsClassificationAndRemedyOnTheRunPageAndInTheHistory() {
        RobotId id = robotOnTheSimulators("error-robot");
        app.renkei().robots().addSlot(WebApp.TENANT, id, DemoBoards.HTML, new Credentials(DemoBoards.HTML_LOGIN_ID,
                Secret.of(WRONG_PASSWORD), Map.of("companyCode", DemoBoards.HTML_COMPANY_CODE)));
        int atsCreates = app.simulators().ats().createCount();
        browser.go("/robots/" + id.value());

        assertThat(runNow()).isZero();
        assertThat(browser.text("#run-status")).isEqualTo("エラーあり");
        String remedy = "demo-html_001 のログインID・パスワードが正しいか確認し、ロボット設定で更新してください。";
        assertThat(rowOf("要対応")).contains("demo-html_001", "ログインできませんでした", remedy);
        browser.screenshot("robot-run-error");

        browser.go("/robots/" + id.value() + "/history");
        assertThat(browser.all("svg.chart rect.bar")).hasSize(1);
        assertThat(browser.text("svg.chart text.count")).isEqualTo("0");
        assertThat(browser.text("main table")).contains("手動", "エラーあり", "要対応", remedy);
        assertThat(app.simulators().ats().createCount()).isEqualTo(atsCreates);
        noSecretShown();
    }

    /** A robot made through the API: the ATS simulator, linkage on, manual runs only, no slot yet. */
    private static RobotId robotOnTheSimulators(String id) {
        RobotId robot = RobotId.of(id);
        app.renkei().robots().create(WebApp.TENANT, robot, "検証用ロボット " + id,
                new AtsAccount(WebhookAtsConnectorProvider.ID, "acct", Map.of(), new Credentials("key-1",
                        Secret.of(Simulators.ATS_SECRET), Map.of())), NotificationSettings.to("kakunin@demo-shoji.example"),
                Schedule.manualOnly(RobotSetup.TOKYO));
        return robot;
    }

    @Test
    void theLoginCheckOfARobotWithLinkageOffSaysWhyNothingWasCheckedAndChangesNothing() {
        RobotId id = robotOnTheSimulators("linkage-off-robot");
        app.renkei().robots().addSlot(WebApp.TENANT, id, DemoBoards.HTML, DemoBoards.htmlCredentials());
        app.renkei().robots().setLinkage(WebApp.TENANT, id, false);
        browser.go("/robots/" + id.value() + "/check");

        clickText("ログインを確認する");

        waitFor("連携が無効のため、ログイン確認は行われませんでした");
        assertThat(browser.all("#next")).as("nothing failed: the next step stays open").hasSize(1);
        assertThat(app.renkei().robots().get(WebApp.TENANT, id).linkageEnabled()).isFalse();
    }

    @Test
    void theFormsRefuseWhatTheLibraryRefusesAndNeverShowASecret() throws Exception {
        RobotId id = robotOnTheSimulators("validation-robot");
        String base = "/robots/" + id.value();

        browser.go(base + "/notifications").type("to", "saiyo@@example");
        clickText("次へ");
        assertThat(browser.text("#error")).contains("'saiyo@@example' is not a valid e-mail address");
        assertThat(browser.find("input[name=to]").getAttribute("value")).isEqualTo("saiyo@@example");

        browser.go(base + "/schedule");
        HttpResponse<String> third = post(base + "/schedule", "time=09:00&time=13:30&time=18:00");
        assertThat(third.statusCode()).isEqualTo(400);
        assertThat(third.body()).contains("a schedule holds at most 2 run times a day");
        HttpResponse<String> quarter = post(base + "/schedule", "time=09:15&time=");
        assertThat(quarter.statusCode()).isEqualTo(400);
        assertThat(quarter.body()).contains("run times must be on the hour or the half hour");
        HttpResponse<String> garbage = post(base + "/schedule", "time=" + enc("九時"));
        assertThat(garbage.body()).contains("実行時刻「九時」を時刻として読み取れません");
        assertThat(app.renkei().robots().get(WebApp.TENANT, id).schedule().times()).isEmpty();

        browser.go(base + "/ats");
        assertThat(browser.find("input[name=secret]").getAttribute("value")).isEmpty();
        assertThat(browser.text("#secret-set")).contains("設定済み");
        browser.type("accountId", "acct-2");
        clickText("次へ");
        assertThat(app.renkei().robots().get(WebApp.TENANT, id).ats().credentials().secret().reveal())
                .isEqualTo(Simulators.ATS_SECRET);
        assertThat(app.renkei().robots().get(WebApp.TENANT, id).ats().accountId()).isEqualTo("acct-2");

        String tooLong = "長".repeat(201);
        browser.go(base + "/basic").type("name", tooLong);
        clickText("次へ");
        assertThat(browser.text("#error")).isEqualTo("robot name is longer than 200 characters");
        assertThat(browser.find("input[name=name]").getAttribute("value")).isEqualTo(tooLong);
        noSecretShown();
    }
}
