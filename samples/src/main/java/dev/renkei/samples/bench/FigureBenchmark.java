package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.samples.ResultJson;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark that compares a measured figure with its physical ideal: parses {@code --name value} options against
 * its defaults, runs {@link #measure}, and prints one JSON object with {@code name}, {@code parameters}, the figures
 * {@code measure} added ({@code measured}, {@code ideal}, {@code ratio}, peers…), the {@code failures} (bars not met)
 * and {@code ok}. Exit 0 when ok, 1 when a bar was missed or it failed, 2 for bad arguments.
 */
abstract class FigureBenchmark implements Benchmark {

    /** The parsed options of one run: every default, overridden by the command line. */
    static final class Params {
        private final Map<String, String> values;

        Params(Map<String, String> values) {
            this.values = values;
        }

        String text(String name) {
            String v = values.get(name);
            if (v == null) {
                throw new IllegalStateException("no option --" + name);
            }
            return v;
        }

        int count(String name) {
            return atLeast(name, 1, "a whole number of at least 1");
        }

        /** A whole number of at least 0 (0 turns the option's feature off). */
        int whole(String name) {
            return atLeast(name, 0, "a whole number (0 or more)");
        }

        private int atLeast(String name, int min, String rule) {
            String v = text(name);
            try {
                int n = Integer.parseInt(v);
                if (n >= min) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException("--" + name + " must be " + rule + ", got '" + v + "'");
        }

        Duration millis(String name) {
            String v = text(name);
            try {
                long n = Long.parseLong(v);
                if (n >= 0) {
                    return Duration.ofMillis(n);
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException("--" + name + " must be milliseconds (0 or more), got '" + v + "'");
        }

        /** Comma-separated whole numbers, e.g. {@code 1,8,32}. */
        List<Integer> counts(String name) {
            List<Integer> out = new ArrayList<>();
            for (String part : text(name).split(",")) {
                out.add(new Params(Map.of(name, part.strip())).count(name));
            }
            return out;
        }
    }

    private final String name;
    private final String summary;
    private final Map<String, String> defaults;

    /**
     * @param defaults the options and their defaults ({@link #options(String...)}), in the order {@code --help}
     *     shows them; an empty default is "none"
     */
    FigureBenchmark(String name, String summary, Map<String, String> defaults) {
        this.name = name;
        this.summary = summary;
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }

    final Map<String, String> defaults() {
        return defaults;
    }

    /** Options with their defaults from {@code name, value} pairs, in order. */
    static Map<String, String> options(String... nameValue) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            out.put(nameValue[i], nameValue[i + 1]);
        }
        return out;
    }

    /**
     * Runs the benchmark and adds its figures to {@code result}; a bar it misses goes to {@code failures}.
     *
     * @throws Exception any failure: reported on stderr, exit code 1
     */
    abstract void measure(Params params, ObjectNode result, List<String> failures, PrintStream err) throws Exception;

    @Override
    public final String options() {
        StringBuilder sb = new StringBuilder();
        defaults().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append("[--").append(k).append(' ')
                .append(k.toUpperCase(java.util.Locale.ROOT).replace('-', '_')).append(']'));
        return sb.toString();
    }

    @Override
    public final int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> values = new LinkedHashMap<>(defaults());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.println("Usage: bench " + name() + " " + options() + "\n  " + summary() + "\n  defaults: "
                        + defaults());
                return 0;
            }
            if (!a.startsWith("--") || !values.containsKey(a.substring(2)) || i + 1 >= args.size()) {
                err.println("bench " + name() + ": unknown option or missing value '" + a + "' (use " + options() + ")");
                return 2;
            }
            values.put(a.substring(2), args.get(++i));
        }
        Params params = new Params(Collections.unmodifiableMap(values));
        ObjectNode result = ResultJson.MAPPER.createObjectNode();
        result.put("name", name());
        ObjectNode p = result.putObject("parameters");
        values.forEach(p::put);
        List<String> failures = new ArrayList<>();
        try {
            measure(params, result, failures, err);
        } catch (IllegalArgumentException e) {
            err.println("bench " + name() + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        } catch (Exception e) {
            e.printStackTrace(err);
            failures.add("failed: " + e);
        }
        result.putPOJO("failures", failures);
        result.put("ok", failures.isEmpty());
        out.println(result.toPrettyString());
        out.flush();
        if (!failures.isEmpty()) {
            err.println("bench " + name() + ": bars missed — " + String.join("; ", failures));
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /** Puts {@code measured}, {@code ideal} and {@code ratio} (measured ÷ ideal) under the given prefix. */
    static void figures(ObjectNode into, String unit, double measured, double ideal) {
        into.put("unit", unit);
        into.put("measured", round3(measured));
        into.put("ideal", round3(ideal));
        into.put("ratio", ideal == 0 ? 0 : round3(measured / ideal));
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static double seconds(long nanos) {
        return round3(nanos / 1e9);
    }

    /** The {@code q}-quantile (0…1) of sorted milliseconds, nearest rank. */
    static long percentile(List<Long> sortedMillis, double q) {
        if (sortedMillis.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(q * sortedMillis.size());
        return sortedMillis.get(Math.min(sortedMillis.size() - 1, Math.max(0, rank - 1)));
    }
}
