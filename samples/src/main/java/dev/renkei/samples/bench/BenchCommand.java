package dev.renkei.samples.bench;

import java.io.PrintStream;
import java.util.List;

/** The {@code bench} command: {@code bench NAME [options]} runs one benchmark; {@code bench --help} lists them. */
public final class BenchCommand {
    /** Every benchmark, in the order {@code bench --help} lists them. */
    static final List<Benchmark> BENCHMARKS = List.of(new LoginCheckBenchmark(),
            new SyncThroughputBenchmark(), new SchedulerBenchmark(), new MemoryBenchmark(), new LedgerBenchmark(),
            new MyPageBatchBenchmark());

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
        if (args.get(0).equals("all")) {
            return all(args.subList(1, args.size()), out, err);
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

    /**
     * {@code bench all}: every benchmark in turn at its defaults ({@code --jdbc URL} goes to those that take it);
     * the worst exit code.
     */
    private static int all(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && !(args.size() == 2 && args.get(0).equals("--jdbc"))) {
            err.println("bench all: the only option is --jdbc URL");
            return 2;
        }
        int worst = 0;
        for (Benchmark b : BENCHMARKS) {
            boolean takesJdbc = b.options().contains("--jdbc");
            err.println("bench all: " + b.name());
            worst = Math.max(worst, b.run(takesJdbc ? args : List.of(), out, err));
        }
        return worst;
    }

    /** The listing {@code bench --help} prints. */
    static String usage() {
        StringBuilder sb = new StringBuilder("Usage: java -jar renkei-samples.jar bench NAME [options]\n"
                + "Each benchmark prints one JSON object on stdout and its progress on stderr; exit 0 when it met its "
                + "bar, 1 otherwise. 'bench all [--jdbc URL]' runs them all in turn.\n\nBenchmarks:\n");
        for (Benchmark b : BENCHMARKS) {
            sb.append("  ").append(b.name()).append(' ').append(b.options()).append("\n      ").append(b.summary())
                    .append('\n');
        }
        return sb.toString();
    }
}
