package dev.renkei.samples.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * One benchmark of the {@code bench} command: a runnable check that prints its figures as one JSON object on
 * stdout and its progress on stderr.
 */
interface Benchmark {
    /** The name on the command line, e.g. {@code memory}. */
    String name();

    /** Its options, e.g. {@code [--applications N]}. */
    String options();

    /** One line: what it shows. */
    String summary();

    /**
     * Runs the benchmark.
     *
     * @param args the arguments after the name
     * @return 0 when the figures meet the benchmark's bar, 1 when they do not (or it failed), 2 for bad arguments
     */
    int run(List<String> args, PrintStream out, PrintStream err);
}
