package dev.renkei.samples.bench;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Waits, after a warm-up, until the JIT compilers have been idle for a moment, so the measured phase does not pay
 * for the compile queue the warm-up left. It cannot stop compilation while measured: on two busy cores HotSpot raises
 * its C2 thresholds with its queue's length, so methods keep reaching C2 (0.1–0.3 cores in the timed phases).
 */
final class JitSettle {
    private static final long QUIET_MS = 1_000;
    private static final long POLL_MS = 100;

    private JitSettle() {}

    /**
     * Returns once the JVM's total compilation time has not moved for a second, or after {@code maxMs}; reports on
     * {@code err} how long it waited. A JVM without a compilation bean (no JIT), or {@code maxMs} 0, returns at once.
     */
    static long await(long maxMs, PrintStream err) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (maxMs <= 0 || jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long start = System.nanoTime();
        long last = jit.getTotalCompilationTime();
        long quietSince = start;
        while (true) {
            Thread.sleep(POLL_MS);
            long now = System.nanoTime();
            long total = jit.getTotalCompilationTime();
            if (total != last) {
                last = total;
                quietSince = now;
            } else if ((now - quietSince) / 1_000_000 >= QUIET_MS) {
                break;
            }
            if ((now - start) / 1_000_000 >= maxMs) {
                break;
            }
        }
        long waited = (System.nanoTime() - start) / 1_000_000;
        err.printf(Locale.ROOT, "  JIT settled in %.1f s (compilation so far %.1f s)%n", waited / 1e3, last / 1e3);
        return waited;
    }
}
