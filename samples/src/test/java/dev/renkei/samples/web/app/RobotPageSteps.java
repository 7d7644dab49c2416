package dev.renkei.samples.web.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.media.testing.DemoBoards;
import dev.renkei.samples.sim.Simulators;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.WebElement;

/**
 * What the robot pages' browser tests do on every page: click and wait for the next page, wait for a text on a
 * page that reloads itself, post a forged form with the session's cookie and CSRF token, and check that no secret
 * is shown.
 */
final class RobotPageSteps {
    /** A password no hint names: it must appear on no page. */
    static final String WRONG_PASSWORD = "wrong-pass-9";
    static final Duration RUN_WAIT = Duration.ofSeconds(90);
    private static final List<String> SECRETS = List.of(DemoBoards.HTML_PASSWORD, DemoBoards.CSV_PASSWORD,
            Simulators.ATS_SECRET, WRONG_PASSWORD);

    private static WebApp app;
    private static Browser browser;

    private RobotPageSteps() {}

    /** The app and browser the steps act on. */
    static void use(WebApp a, Browser b) {
        app = a;
        browser = b;
    }

    /** Clicks a button or link by its text and waits until the next page replaced this one. */
    static void clickText(String text) {
        browser.clickText(text);
    }

    /** Clicks the element matching a CSS selector and waits until the next page replaced this one. */
    static void click(String css) {
        browser.click(css);
    }

    /** POSTs a form to a path as the browser's session would, its CSRF token from the page shown (forged input). */
    static HttpResponse<String> post(String path, String form) throws Exception {
        String cookie = browser.driver().manage().getCookieNamed(Router.COOKIE).getValue();
        String token = browser.find("input[name=" + Router.CSRF_FIELD + "]").getAttribute("value");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", Router.COOKIE + "=" + cookie)
                .POST(HttpRequest.BodyPublishers.ofString(Router.CSRF_FIELD + "=" + enc(token) + "&" + form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * No secret in the page: no password field carries a value, and the secrets appear nowhere but in the hint
     * with the simulator's demo values (which the media and ATS steps show on purpose; the wrong password, which no
     * hint names, appears nowhere).
     */
    static void noSecretShown() {
        for (WebElement field : browser.all("input[type=password]")) {
            assertThat(field.getAttribute("value")).isEmpty();
        }
        String source = browser.source();
        for (WebElement hint : browser.all("#hint")) {
            source = source.replace(hint.getAttribute("outerHTML"), "");
        }
        for (String secret : SECRETS) {
            assertThat(source).doesNotContain(secret);
        }
    }

    /** Waits for a text while the page may reload itself (the live run page refreshes every second). */
    static void waitFor(String text) {
        browser.waitForText(text, RUN_WAIT);
    }
}
