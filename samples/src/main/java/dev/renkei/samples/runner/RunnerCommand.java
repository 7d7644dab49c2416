package dev.renkei.samples.runner;

import dev.renkei.core.RenkeiException;
import dev.renkei.core.model.RobotId;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code run} command: {@code run --config FILE [--once ROBOT_ID | --check ROBOT_ID | --batch]}. Results go to stdout as
 * JSON; progress and warnings to stderr.
 */
public final class RunnerCommand {
    /** Printed by {@code run --help}. */
    static final String USAGE = """
            Usage: java -jar renkei-samples.jar run --config FILE [--once ROBOT_ID | --check ROBOT_ID | --batch]
              --config FILE      the runner's JSON configuration (start from samples/examples/runner.json)
              (no further option) run the robots and the MyPage batch on their schedules until stopped
                                 (Ctrl-C stops gracefully)
              --once ROBOT_ID    run one robot now and print its result as JSON
              --check ROBOT_ID   check the logins of one robot and print the verdicts as JSON
              --batch            run one MyPage batch now (the file's "mypage" section), send its mails and
                                 print its result as JSON
            Exit codes: 0 success, 1 errors in the run, check or batch, 2 bad arguments or configuration.
            """;

    private RunnerCommand() {}

    /**
     * Runs the command.
     *
     * @return 0 success, 1 the run or check had errors, 2 bad arguments or configuration
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path config = null;
        String once = null;
        String check = null;
        boolean batch = false;
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--batch")) {
                batch = true;
                continue;
            }
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--config" -> config = value == null ? null : Path.of(value);
                case "--once" -> once = value;
                case "--check" -> check = value;
                default -> {
                    err.println("run: unknown option '" + a + "' (use --config FILE [--once ROBOT_ID | --check ROBOT_ID | "
                            + "--batch])");
                    return 2;
                }
            }
            if (value == null) {
                err.println("run: " + a + " needs a value");
                return 2;
            }
            i++;
        }
        if (config == null) {
            err.println("run: --config FILE is required");
            return 2;
        }
        if ((once != null ? 1 : 0) + (check != null ? 1 : 0) + (batch ? 1 : 0) > 1) {
            err.println("run: give one of --once, --check and --batch");
            return 2;
        }
        RunnerConfig cfg;
        try {
            cfg = RunnerConfig.load(config);
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            return 2;
        }
        String robot = once != null ? once : check;
        if (robot != null && cfg.robot(robot) == null) {
            err.println("run: robot '" + robot + "' is not in " + config + " (robots: "
                    + String.join(", ", cfg.robots.stream().map(r -> r.id().value()).toList()) + ")");
            return 2;
        }
        Runner runner;
        try {
            runner = new Runner(cfg, err);
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            return 2;
        } catch (RenkeiException e) {
            err.println("cannot start: " + e.getMessage());
            return 2;
        }
        try {
            if (once != null) {
                try (runner) {
                    return runner.once(RobotId.of(once), out);
                }
            }
            if (check != null) {
                try (runner) {
                    return runner.check(RobotId.of(check), out);
                }
            }
            if (batch) {
                try (runner) {
                    return runner.batch(out);
                }
            }
            return runner.runUntilStopped();
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            runner.close();
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RenkeiException e) {
            err.println("failed: " + e.getMessage());
            return 1;
        }
    }
}
