package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.sync.SyncEngine;
import dev.renkei.samples.Main;
import dev.renkei.samples.ResultJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bench memory}: one robot slot reads a synthetic board of {@code N} applications with {@code K} KB résumés
 * and imports them into a webhook receiver, run by the packaged runner ({@code run --once}) in a child JVM with a
 * small heap. Board and receiver run in this JVM; the child's peak RSS is sampled from {@code /proc} and its heap
 * after each collection read from its GC log. The run passes when the child exits 0, the receiver created exactly
 * {@code N} applications and no idempotency key was posted twice.
 */
final class MemoryBenchmark implements Benchmark {
    /** Applications on the board by default. */
    public static final int DEFAULT_APPLICATIONS = 100_000;
    /** Résumé size in KB by default. */
    public static final int DEFAULT_RESUME_KB = 50;
    /** The child's heap limit by default. */
    public static final String DEFAULT_XMX = "128m";
    /** Rows per list page by default. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** The child is stopped when it runs longer than the engine's run deadline and this margin. */
    static final Duration CHILD_LIMIT = SyncEngine.DEFAULT_RUN_TIMEOUT.plusMinutes(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Pattern XMX = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final String ROBOT = "bench";

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String options() {
        return "[--applications N] [--resume-kb K] [--xmx SIZE] [--page-size ROWS]";
    }

    @Override
    public String summary() {
        return "the runner imports one slot of N applications with K KB résumés under -Xmx SIZE (defaults "
                + DEFAULT_APPLICATIONS + ", " + DEFAULT_RESUME_KB + ", " + DEFAULT_XMX + ", " + DEFAULT_PAGE_SIZE
                + " rows per page)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        int applications = DEFAULT_APPLICATIONS;
        int resumeKb = DEFAULT_RESUME_KB;
        int pageSize = DEFAULT_PAGE_SIZE;
        String xmx = DEFAULT_XMX;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.println("Usage: bench memory " + options() + "\n  " + summary());
                return 0;
            }
            String value = i + 1 < args.size() ? args.get(++i) : null;
            if (value == null) {
                err.println("bench memory: " + a + " needs a value");
                return 2;
            }
            try {
                switch (a) {
                    case "--applications" -> applications = positive(a, value, 1);
                    case "--resume-kb" -> resumeKb = positive(a, value, 0);
                    case "--page-size" -> pageSize = positive(a, value, 1);
                    case "--xmx" -> {
                        if (!XMX.matcher(value).matches()) {
                            throw new IllegalArgumentException("--xmx must be a heap size such as 128m, got '" + value + "'");
                        }
                        xmx = value;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + a + "' (use " + options() + ")");
                }
            } catch (IllegalArgumentException e) {
                err.println("bench memory: " + e.getMessage());
                return 2;
            }
        }
        if ((long) resumeKb * 1024 > Integer.MAX_VALUE / 2) {
            err.println("bench memory: --resume-kb is too large");
            return 2;
        }
        try {
            return measure(applications, resumeKb, xmx, pageSize, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bench memory: interrupted");
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("bench memory: " + e.getMessage());
            return 1;
        }
    }

    private static int positive(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " must be a whole number of at least " + min + ", got '" + value + "'");
    }

    private int measure(int applications, int resumeKb, String xmx, int pageSize, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        // the JDK server sends a response's headers and body in two writes; without TCP_NODELAY each small page
        // waits for the runner's delayed ACK (~40 ms). Read once, when the first server starts in this JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        Path dir = Files.createTempDirectory("renkei-bench-memory-");
        String signingSecret = HexFormat.of().formatHex(random(24));
        ObjectNode result = ResultJson.MAPPER.createObjectNode();
        result.put("name", name());
        result.putObject("parameters").put("applications", applications).put("resumeKb", resumeKb)
                .put("xmx", xmx).put("pageSize", pageSize);
        List<String> failures = new ArrayList<>();
        try (SyntheticBoard board = new SyntheticBoard(applications, pageSize, resumeKb * 1024);
             CountingWebhookReceiver ats = new CountingWebhookReceiver(signingSecret)) {
            Path config = writeConfig(dir, board, ats, signingSecret);
            Path gcLog = dir.resolve("gc.log");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + xmx, "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + dir,
                    "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog,
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "run", "--config", config.toString(), "--once", ROBOT);
            err.printf(Locale.ROOT, "bench memory: %d applications × %d KB résumés, runner under -Xmx%s; board %s, "
                    + "receiver %s, files in %s%n", applications, resumeKb, xmx, board.baseUrl(), ats.url(), dir);
            long started = System.nanoTime();
            Process child = new ProcessBuilder(cmd)
                    .redirectOutput(dir.resolve("runner-out.json").toFile())
                    .redirectError(dir.resolve("runner-err.txt").toFile())
                    .start();
            Path status = Path.of("/proc", Long.toString(child.pid()), "status");
            long peakKb = -1;
            long nextProgress = started + PROGRESS_EVERY.toNanos();
            long limit = started + CHILD_LIMIT.toNanos();
            ArrayNode live = ResultJson.MAPPER.createArrayNode();
            int quarter = 1;
            while (!child.waitFor(100, TimeUnit.MILLISECONDS)) {
                peakKb = Math.max(peakKb, HeapSampling.vmKb(status, "VmHWM:"));
                if (quarter < 4 && ats.created() >= (long) applications * quarter / 4) {
                    // a full collection in the child: what it still holds a quarter, half, three quarters through
                    HeapSampling.liveHeap(child, ats.created(), live, quarter == 3, err);
                    quarter++;
                }
                long now = System.nanoTime();
                if (now > limit) {
                    child.destroyForcibly().waitFor();
                    failures.add("the runner ran longer than " + CHILD_LIMIT.toMinutes() + " minutes and was stopped");
                    break;
                }
                if (now >= nextProgress) {
                    nextProgress = now + PROGRESS_EVERY.toNanos();
                    err.printf(Locale.ROOT, "  %5.0f s: %d/%d created, %d list pages, %d detail pages, RSS %s%n",
                            (now - started) / 1e9, ats.created(), applications, board.listPages(), board.detailPages(),
                            peakKb < 0 ? "n/a" : "peak " + peakKb / 1024 + " MB");
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int exit = child.exitValue();

            result.put("exitCode", exit);
            result.put("seconds", round(seconds));
            result.put("applicationsPerSecond", round(ats.created() / seconds));
            result.put("imported", ats.created());
            result.put("duplicates", ats.duplicates());
            result.put("posts", ats.posts());
            result.put("lookups", ats.lookups());
            result.put("rejectedRequests", ats.rejected());
            if (peakKb >= 0) {
                result.put("peakRssMb", round(peakKb / 1024.0));
            } else {
                result.putNull("peakRssMb"); // no /proc on this system
            }
            result.put("heapLimit", xmx);
            HeapSampling.heapFigures(gcLog, result);
            result.set("liveHeap", live);
            result.put("logins", board.logins());
            result.put("listPages", board.listPages());
            result.put("detailPages", board.detailPages());
            result.put("resumesServed", board.resumes());
            result.put("resumeBytesServed", board.resumeBytesServed());
            result.put("attachmentsReceived", ats.attachments());
            result.put("attachmentBytesReceived", ats.attachmentBytes());
            result.put("maxPostBytes", ats.maxBody());
            JsonNode run = runnerResult(dir.resolve("runner-out.json"));
            if (run != null) {
                ObjectNode r = result.putObject("runner");
                for (String f : List.of("status", "ok", "fetched", "imported", "alreadyImported", "failed")) {
                    r.set(f, run.get(f));
                }
                r.put("errors", run.path("errors").size());
                if (run.path("errors").size() > 0) {
                    r.set("firstError", run.path("errors").get(0));
                }
            }

            if (exit != 0) {
                failures.add("the runner exited with " + exit + (exit == 3 ? " (out of memory)" : ""));
            }
            if (ats.created() != applications) {
                failures.add("the receiver created " + ats.created() + " applications, not " + applications);
            }
            if (ats.duplicates() > 0) {
                failures.add(ats.duplicates() + " idempotency keys were posted more than once");
            }
            if (ats.rejected() > 0) {
                failures.add(ats.rejected() + " requests had a bad signature or no idempotency key");
            }
        }
        ArrayNode f = result.putArray("failures");
        failures.forEach(f::add);
        result.put("ok", failures.isEmpty());
        if (failures.isEmpty()) {
            delete(dir);
        } else {
            result.put("workDir", dir.toString());
            err.println("bench memory: FAILED — " + String.join("; ", failures) + "; the runner's output, GC log and "
                    + "any heap dump are kept in " + dir);
            err.println(tail(dir.resolve("runner-err.txt"), 20));
        }
        out.println(result.toPrettyString());
        return failures.isEmpty() ? 0 : 1;
    }

    /** The runner config: H2 file database in {@code dir}, the board's profile file, the webhook receiver. */
    private static Path writeConfig(Path dir, SyntheticBoard board, CountingWebhookReceiver ats, String signingSecret)
            throws IOException {
        Path profile = dir.resolve(SyntheticBoard.ID + ".json");
        ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(profile.toFile(), board.profile());
        ObjectNode root = ResultJson.MAPPER.createObjectNode();
        root.put("tenant", "bench");
        root.putObject("database").put("url", "jdbc:h2:file:" + dir.resolve("db").resolve("renkei") + ";WRITE_DELAY=0")
                .put("user", "sa").put("password", "");
        root.putObject("secretKey").put("id", "k1").put("base64", Base64.getEncoder().encodeToString(random(32)));
        // every application on the board is new enough to be read
        root.putObject("engine").put("initialLookback", "3650d");
        ObjectNode medium = root.putObject("media").putObject(SyntheticBoard.ID);
        medium.put("profileFile", profile.getFileName().toString());
        medium.putObject("settings").put("baseUrl", board.baseUrl());
        ObjectNode robot = root.putArray("robots").addObject();
        robot.put("id", ROBOT);
        robot.put("name", "memory benchmark");
        ObjectNode a = robot.putObject("ats");
        a.put("connector", "webhook");
        a.put("account", "bench-hr");
        a.putObject("settings").put("url", ats.url()).put("allowInsecureHttp", "true");
        a.put("loginId", "bench-key");
        a.put("secret", signingSecret);
        robot.putObject("notifications").putArray("to").add("bench@renkei.invalid");
        robot.putArray("slots").addObject().put("medium", SyntheticBoard.ID).put("loginId", SyntheticBoard.LOGIN_ID)
                .put("password", SyntheticBoard.PASSWORD);
        Path file = dir.resolve("runner.json");
        ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        return file;
    }

    private static JsonNode runnerResult(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.isBlank() ? null : ResultJson.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no runner stderr: " + e.getMessage() + ")";
        }
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
