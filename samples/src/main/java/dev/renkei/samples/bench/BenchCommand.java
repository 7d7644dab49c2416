package dev.renkei.samples.bench;

import java.io.PrintStream;
import java.util.List;

/** The {@code bench} command: {@code bench NAME [options]} runs one benchmark; {@code bench --help} lists them. */
public final class BenchCommand {
    /** Every benchmark, in the order {@code bench --help} lists them. */
    static final List<Benchmark> BENCHMARKS = List.of(new MemoryBenchmark());

    private BenchCommand() {}

    /**
     * Runs the command.
     *
     * @return the benchmark's exit code; 0 for the listing, 2 for an unknown benchmark
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("--help", "-h", "help").contains(args.get(0))) {
            (args.isEmpty() ? err : out).print(usage());
            return args.isEmpty() ? 2 : 0;
        }
        for (Benchmark b : BENCHMARKS) {
            if (b.name().equals(args.get(0))) {
                return b.run(args.subList(1, args.size()), out, err);
            }
        }
        err.println("bench: unknown benchmark '" + args.get(0) + "'");
        err.print(usage());
        return 2;
    }

    /** The listing {@code bench --help} prints. */
    static String usage() {
        StringBuilder sb = new StringBuilder("Usage: java -jar renkei-samples.jar bench NAME [options]\n"
                + "Each benchmark prints one JSON object on stdout and its progress on stderr; exit 0 when it met its "
                + "bar, 1 otherwise.\n\nBenchmarks:\n");
        for (Benchmark b : BENCHMARKS) {
            sb.append("  ").append(b.name()).append(' ').append(b.options()).append("\n      ").append(b.summary())
                    .append('\n');
        }
        return sb.toString();
    }
}
