package dev.renkei.samples;

import dev.renkei.samples.bench.BenchCommand;
import dev.renkei.samples.demo.Demo;
import dev.renkei.samples.runner.RunnerCommand;
import dev.renkei.samples.sim.Simulators;
import dev.renkei.samples.web.app.ServeCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code renkei-samples.jar}: {@code demo}, {@code run}, {@code bench}, {@code serve},
 * {@code simulators} and {@code help}.
 *
 * <p>Exit codes: 0 success, 1 a run or check had errors (or the demo failed), 2 bad arguments or configuration.
 */
public final class Main {
    /** Printed by {@code help}. */
    static final String USAGE = """
            Renkei samples

            Usage:
              java -jar renkei-samples.jar demo [--json] [--dir DIR] [--only robots|meetings|mypage]
                  Runs the demo (robots, Zoom interview meetings, PORTERS MyPage sync) against local simulators with
                  an H2 database in DIR (default ./renkei-demo, wiped first). --json prints one JSON summary on stdout
                  and the report on stderr; --only runs one chapter.
              java -jar renkei-samples.jar run --config FILE
                  Runs the robots and the MyPage batch of FILE on their schedules until stopped (Ctrl-C stops
                  gracefully).
              java -jar renkei-samples.jar run --config FILE --once ROBOT_ID
                  Runs one robot now and prints its result as JSON; exit 0 without errors, 1 otherwise.
              java -jar renkei-samples.jar run --config FILE --check ROBOT_ID
                  Checks the logins of one robot and prints the verdicts as JSON; exit 0 when all are OK, 1 otherwise.
              java -jar renkei-samples.jar run --config FILE --batch
                  Runs one MyPage batch now and prints its result as JSON; exit 0 without errors, 1 otherwise.
              java -jar renkei-samples.jar bench NAME [options]
                  Runs a benchmark against local simulators and prints its figures as JSON; exit 0 when it met its bar.
                  bench all runs every benchmark; bench --help lists them.
              java -jar renkei-samples.jar serve [--port N] [--dir DIR]
                  Starts the sample web app on http://localhost:N (default 8080): robot setup and run history, the
                  Zoom link and interview slots, the MyPage password pages, on local simulators (Ctrl-C stops).
              java -jar renkei-samples.jar simulators
                  Starts the local job boards, ATS receiver, Zoom, PORTERS and mail catcher on the ports runner.json
                  names, so the example config runs end to end before it points at real services (Ctrl-C stops).
              java -jar renkei-samples.jar help
              Every command answers --help with its own usage.

            Exit codes: 0 success, 1 errors in the run, check or batch, 2 bad arguments or configuration.
            """;

    private Main() {}

    /** Runs a command and exits with its code. */
    public static void main(String[] args) {
        // one line per log record on stderr; the demo shows only warnings so its report stays readable
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        }
        if (args.length > 0 && args[0].equals("demo")) {
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs a command without exiting the JVM (tests call this).
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "demo":
                return Demo.run(rest, out, err);
            case "run":
                return RunnerCommand.run(rest, out, err);
            case "bench":
                return BenchCommand.run(rest, out, err);
            case "serve":
                return ServeCommand.run(rest, out, err);
            case "simulators":
                return Simulators.run(rest, out, err);
            case "help":
            case "--help":
            case "-h":
                out.print(USAGE);
                return 0;
            default:
                err.println("unknown command '" + args[0] + "'");
                err.print(USAGE);
                return 2;
        }
    }
}
