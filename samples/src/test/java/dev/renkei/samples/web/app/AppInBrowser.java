package dev.renkei.samples.web.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The web app on a free port with its own database folder, and headless Chromium on it, for one test class:
 * {@code @RegisterExtension static final AppInBrowser web = new AppInBrowser();} then {@code web.app()} and
 * {@code web.browser()}. Both are closed, and the folder deleted, after the class.
 */
final class AppInBrowser implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private WebApp app;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("renkei-web-app");
        app = WebApp.builder().dir(dir).port(0).start();
        browser = Browser.open(app);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The database folder. */
    Path dir() {
        return dir;
    }

    /** The running app. */
    WebApp app() {
        return app;
    }

    /** The browser on it. */
    Browser browser() {
        return browser;
    }
}
