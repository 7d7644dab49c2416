package dev.renkei.samples.web.app;

import dev.renkei.samples.demo.Demo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** The {@code serve} command: starts the {@link WebApp} and runs until Ctrl-C. */
public final class ServeCommand {
    /** The default folder of the app's database, relative to the working directory. */
    public static final String DEFAULT_DIR = "renkei-serve";

    static final String USAGE = """
            Usage: java -jar renkei-samples.jar serve [--port N] [--dir DIR]
              Starts the sample web app on http://localhost:N (default 8080): robot setup and run history, the Zoom
              link and interview slots, the MyPage password pages, and the mails sent. It runs on local simulators
              and an H2 database in DIR (default ./renkei-serve, wiped at the start); nothing talks to the internet.
              Ctrl-C stops it.
            Exit codes: 0 stopped, 2 bad arguments, a taken port or a folder it cannot use.
            """;

    private ServeCommand() {}

    /**
     * Runs the command until the process is stopped.
     *
     * @return 0 when stopped, 2 for bad arguments, a taken port or an unusable folder
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        int port = 8080;
        Path dir = Path.of(DEFAULT_DIR);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.print(USAGE);
                return 0;
            } else if (a.equals("--port") && i + 1 < args.size()) {
                try {
                    port = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65_535) {
                    err.println("serve: --port must be a number from 1 to 65535, got '" + args.get(i) + "'");
                    return 2;
                }
            } else if (a.equals("--dir") && i + 1 < args.size()) {
                dir = Path.of(args.get(++i));
            } else {
                err.println("serve: unknown or incomplete option '" + a + "'");
                err.print(USAGE);
                return 2;
            }
        }
        try {
            Demo.wipe(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            err.println("serve: cannot prepare the folder " + dir.toAbsolutePath() + ": " + e.getMessage());
            return 2;
        }
        WebApp app;
        try {
            app = WebApp.builder().dir(dir).port(port).scheduling(true).start();
        } catch (UncheckedIOException e) {
            err.println("serve: " + e.getMessage() + " — is another program using it? Choose one with --port N");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "renkei-serve-stop"));
        out.println("Renkei sample web app: " + app.baseUrl() + "/  (database in " + dir.toAbsolutePath()
                + "; Ctrl-C stops)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
