package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.Renkei;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.RobotId;
import dev.renkei.core.store.InMemoryStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench login-check}: one robot with N board accounts whose login takes L (and an ATS whose check takes L)
 * is checked with {@link Renkei#checkLogins}. The accounts are checked at once, so the ideal is L; the sequential
 * time N·L (one account after another, as the hosted service does) is printed beside it. The store is in memory:
 * the figure is the checks' concurrency, not the database.
 */
final class LoginCheckBenchmark extends FigureBenchmark {
    /** The bar: the check takes at most this multiple of L. */
    static final double BAR = 1.5;

    LoginCheckBenchmark() {
        super("login-check",
                "checks the logins of N board accounts of latency L at once (ideal L; bar " + BAR + " × L)",
                options("accounts", "20", "latency-ms", "500", "rounds", "3"));
    }

    @Override
    void measure(Params p, ObjectNode result, List<String> failures, PrintStream err) throws Exception {
        int accounts = p.count("accounts");
        Duration latency = p.millis("latency-ms");
        int rounds = p.count("rounds");
        LatencyBoard board = new LatencyBoard(0, 1, latency, Duration.ZERO, Duration.ZERO, 0);
        LatencyAts ats = new LatencyAts(latency, Duration.ZERO);
        try (Renkei renkei = Renkei.builder().store(new InMemoryStore()).connector(board).connector(ats).build()) {
            RobotId robot = Fleet.create(renkei, 1, accounts, Fleet.manual(), 1).get(0);
            long best = Long.MAX_VALUE;
            long worst = 0;
            int failed = 0;
            long coldStart = System.nanoTime();
            renkei.checkLogins(Fleet.TENANT, robot); // the first check in the JVM: class loading, thread creation
            result.put("coldSeconds", seconds(System.nanoTime() - coldStart));
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                List<LoginVerdict> verdicts = renkei.checkLogins(Fleet.TENANT, robot);
                long took = System.nanoTime() - start;
                failed += (int) verdicts.stream().filter(v -> !v.ok()).count();
                best = Math.min(best, took);
                worst = Math.max(worst, took);
                err.printf(Locale.ROOT, "login-check: round %d: %d verdicts in %.3f s%n", r + 1, verdicts.size(),
                        took / 1e9);
                if (verdicts.size() != accounts + 1) {
                    failures.add("round " + (r + 1) + " returned " + verdicts.size() + " verdicts, not " + (accounts + 1));
                }
            }
            double ideal = latency.toNanos() / 1e9;
            figures(result, "seconds (worst of the rounds after the cold one)", worst / 1e9, ideal);
            result.put("bestSeconds", seconds(best));
            result.put("sequentialSeconds", round3(ideal * accounts));
            result.put("failedVerdicts", failed);
            result.put("boardLogins", board.counts().logins());
            result.put("atsLoginChecks", ats.loginChecks());
            if (failed > 0) {
                failures.add(failed + " verdicts failed");
            }
            if (worst > BAR * latency.toNanos()) {
                failures.add(String.format(Locale.ROOT, "took %.3f s, above %.1f × L", worst / 1e9, BAR));
            }
        }
    }
}
