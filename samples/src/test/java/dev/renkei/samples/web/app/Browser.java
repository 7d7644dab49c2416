package dev.renkei.samples.web.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driving the sample web app in the end-to-end tests: the system browser and driver (Debian
 * packages {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs when missing), never one
 * downloaded at run time. When Chromium cannot start, the test fails and says how to install it: these tests are
 * never skipped.
 *
 * <p>Other locations: {@code -Drenkei.chromium=PATH -Drenkei.chromedriver=PATH}.
 */
final class Browser implements AutoCloseable {
    /** Where {@link #screenshot} writes ({@code samples/target/screenshots}). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String INSTALL = "install the Debian packages with `apt-get install -y chromium chromium-driver`"
            + " (.ci/run does this when they are missing), or point -Drenkei.chromium and -Drenkei.chromedriver at a"
            + " Chromium and its matching chromedriver";

    private static final Duration NAVIGATION = Duration.ofSeconds(30);

    private final WebApp app;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(WebApp app, ChromeDriver driver, Path profile) {
        this.app = app;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts headless Chromium for {@code app}. */
    static Browser open(WebApp app) {
        String chromium = System.getProperty("renkei.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("renkei.chromedriver", "/usr/bin/chromedriver");
        if (!new File(chromium).canExecute() || !new File(chromedriver).canExecute()) {
            throw new IllegalStateException("Chromium is not installed (" + chromium + " or " + chromedriver
                    + " is missing): " + INSTALL);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("renkei-chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // no sandbox as root; no background traffic, which this machine's closed network refuses
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--lang=ja", "--window-size=1280,1100",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(app, driver, profile);
        } catch (WebDriverException e) {
            throw new IllegalStateException("Chromium could not start (" + e.getMessage().lines().findFirst()
                    .orElse("") + "): " + INSTALL, e);
        }
    }

    /** The driver, for what the helpers here do not cover. */
    WebDriver driver() {
        return driver;
    }

    /** Opens a path of the app (e.g. {@code /robots}). */
    Browser go(String path) {
        driver.get(app.baseUrl() + path);
        return this;
    }

    /** The one element matching a CSS selector. */
    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Every element matching a CSS selector. */
    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Clicks the element matching a CSS selector. A link or button leads to another page (the app has no scripts):
     * then this returns once the browser has left the page shown, even when the next one has the same address.
     */
    Browser click(String css) {
        return click(find(css));
    }

    /** Clicks the button or link whose visible text is {@code text} and waits for the next page. */
    Browser clickText(String text) {
        return click(driver.findElement(By.xpath("//button[normalize-space()=" + xpathLiteral(text)
                + "] | //a[normalize-space()=" + xpathLiteral(text) + "] | //input[@type='submit' and @value="
                + xpathLiteral(text) + "]")));
    }

    /** Clicks an element; after a link or button, waits until the next page replaced this one. */
    Browser click(WebElement element) {
        String tag = element.getTagName();
        boolean navigates = tag.equals("a") || tag.equals("button")
                || (tag.equals("input") && "submit".equals(element.getAttribute("type")));
        WebElement page = find("html");
        element.click();
        if (navigates) {
            new WebDriverWait(driver, NAVIGATION).until(d -> gone(page));
        }
        return this;
    }

    /** True once the element's page was replaced (Chromium reports that as stale, or as a node of another document). */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException replaced) {
            return true;
        }
    }

    /** Replaces the value of the field named {@code name}. */
    Browser type(String name, String text) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** The visible text of the element matching a CSS selector. */
    String text(String css) {
        return find(css).getText();
    }

    /** The page's main heading. */
    String heading() {
        return text("h1");
    }

    /** The HTML of the page as the browser has it. */
    String source() {
        return driver.getPageSource();
    }

    /** The path of the page shown. */
    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /**
     * Waits (up to {@code timeout}) until the page's text contains {@code text}, reloading nothing itself; a page
     * that replaces itself meanwhile (the live run page refreshes every second) is read again.
     */
    Browser waitForText(String text, Duration timeout) {
        new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
        return this;
    }

    /** Saves a PNG of the page as {@code target/screenshots/NAME.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String xpathLiteral(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        return "concat('" + s.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
