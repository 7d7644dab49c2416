package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.samples.ResultJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** How the memory benchmark measures its child JVM: live heap by class histogram, RSS from /proc, GC-log figures. */
final class HeapSampling {
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)\\s*");

    private HeapSampling() {}

    /**
     * Runs {@code jcmd <pid> GC.class_histogram} (a full collection, then the live objects by class) and adds
     * {@code {"imported", "liveMb", "top"?}} to {@code into}: the classes holding the most bytes when {@code top}.
     * Adds nothing when jcmd is missing or fails (e.g. the child just ended).
     */
    static void liveHeap(Process child, int imported, ArrayNode into, boolean top, PrintStream err) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(child.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return;
            }
            ObjectNode sample = ResultJson.MAPPER.createObjectNode().put("imported", imported);
            ArrayNode classes = ResultJson.MAPPER.createArrayNode();
            for (String line : lines) {
                Matcher m = HISTOGRAM_ROW.matcher(line);
                if (m.matches() && classes.size() < 8) {
                    classes.addObject().put("class", m.group(3)).put("instances", Long.parseLong(m.group(1)))
                            .put("kb", Long.parseLong(m.group(2)) / 1024);
                }
                Matcher t = HISTOGRAM_TOTAL.matcher(line);
                if (t.matches()) {
                    sample.put("liveMb", MemoryBenchmark.round(Long.parseLong(t.group(1)) / (1024.0 * 1024)));
                }
            }
            if (!sample.has("liveMb")) {
                return;
            }
            if (top) {
                sample.set("top", classes);
            }
            into.add(sample);
            err.printf(Locale.ROOT, "  live heap after %d imports: %.1f MB%n", imported, sample.get("liveMb").asDouble());
        } catch (IOException e) {
            // no sample
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A {@code /proc/<pid>/status} value in kB, or -1 when it cannot be read (no /proc, process gone). */
    static long vmKb(Path status, String field) {
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> Long.parseLong(l.substring(field.length()).replace("kB", "").strip())).orElse(-1L);
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * From the child's {@code -Xlog:gc} lines ({@code 61M->12M(128M)}): the most heap in use before a collection,
     * the most left after one (an upper bound of what the runner retains), and the number of collections.
     */
    static void heapFigures(Path gcLog, ObjectNode into) {
        long before = -1;
        long after = -1;
        int pauses = 0;
        try (Stream<String> lines = Files.lines(gcLog, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = GC_PAUSE.matcher(line);
                if (m.find()) {
                    pauses++;
                    before = Math.max(before, kb(m.group(1), m.group(2)));
                    after = Math.max(after, kb(m.group(3), m.group(4)));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // no GC log: the figures stay null
        }
        into.put("gcPauses", pauses);
        if (pauses > 0) {
            into.put("peakHeapUsedMb", MemoryBenchmark.round(before / 1024.0));
            into.put("maxHeapAfterGcMb", MemoryBenchmark.round(after / 1024.0));
        } else {
            into.putNull("peakHeapUsedMb");
            into.putNull("maxHeapAfterGcMb");
        }
    }

    private static long kb(String n, String unit) {
        long v = Long.parseLong(n);
        return switch (unit) {
            case "G" -> v * 1024 * 1024;
            case "M" -> v * 1024;
            default -> v;
        };
    }
}
