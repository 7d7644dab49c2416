package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where a measured phase's CPU went, on Linux: the whole machine's busy time (from {@code /proc/stat}), this JVM's
 * (simulators included), its JIT compiler threads', and the rest (PostgreSQL and anything else on the host). It
 * shows whether a figure is bound by the machine rather than by the latencies its ideal counts. Elsewhere the
 * figures it cannot read are left out.
 */
final class CpuMeter {
    /** {@code /proc/stat} and {@code /proc/self/task/…/stat} count in USER_HZ, 100 on Linux. */
    private static final double TICKS_PER_SECOND = 100;

    /** One reading: machine busy and total ticks (-1 without {@code /proc}), JVM CPU nanos, compiler ticks. */
    record Sample(long machineBusy, long machineTotal, long jvmNanos, long compilerTicks, long wallNanos) {}

    private CpuMeter() {}

    /** Reads the counters now. */
    static Sample sample() {
        long busy = -1;
        long total = -1;
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already in user and nice]
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            busy = 0;
            for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            total = busy + idle;
        } catch (IOException | RuntimeException e) {
            // not Linux: machine figures left out
        }
        long jvm = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            jvm = os.getProcessCpuTime();
        }
        return new Sample(busy, total, jvm, compilerTicks(), System.nanoTime());
    }

    /** The CPU ticks of this JVM's JIT compiler threads so far, or -1 without {@code /proc}. */
    private static long compilerTicks() {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("Compiler")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    // after "(comm) ": state is field 3, utime field 14, stime field 15
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks;
    }

    /** The cores the JIT compiler threads used on average between two readings; -1 without {@code /proc}. */
    static double jitCores(Sample from, Sample to) {
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        if (from.compilerTicks() < 0 || to.compilerTicks() < 0 || wall <= 0) {
            return -1;
        }
        return (to.compilerTicks() - from.compilerTicks()) / TICKS_PER_SECOND / wall;
    }

    /**
     * Puts under {@code cpu}: the cores, the machine's busy share of them, the cores this JVM, its JIT and the rest
     * of the machine used on average between {@code from} and {@code to}, and the machine's CPU milliseconds per
     * unit of work ({@code units} done in between).
     */
    static void put(ObjectNode into, Sample from, Sample to, long units, String unit) {
        ObjectNode cpu = into.putObject("cpu");
        int cores = Runtime.getRuntime().availableProcessors();
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        cpu.put("cores", cores);
        double machineCores = -1;
        if (from.machineTotal() >= 0 && to.machineTotal() > from.machineTotal()) {
            double share = (double) (to.machineBusy() - from.machineBusy()) / (to.machineTotal() - from.machineTotal());
            cpu.put("machineBusy", FigureBenchmark.round3(share));
            machineCores = (to.machineBusy() - from.machineBusy()) / TICKS_PER_SECOND / wall;
        }
        double jvmCores = -1;
        if (from.jvmNanos() >= 0 && to.jvmNanos() >= 0) {
            jvmCores = (to.jvmNanos() - from.jvmNanos()) / 1e9 / wall;
            cpu.put("jvmCores", FigureBenchmark.round3(jvmCores));
        }
        double jit = jitCores(from, to);
        if (jit >= 0) {
            cpu.put("jitCores", FigureBenchmark.round3(jit));
        }
        if (machineCores >= 0 && jvmCores >= 0) {
            cpu.put("restCores", FigureBenchmark.round3(Math.max(0, machineCores - jvmCores)));
        }
        if (machineCores >= 0 && units > 0) {
            cpu.put("machineCpuMsPer" + unit, FigureBenchmark.round3(machineCores * wall * 1000 / units));
        }
    }
}
