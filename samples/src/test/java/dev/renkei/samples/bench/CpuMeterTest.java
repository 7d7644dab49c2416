package dev.renkei.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuMeterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void splitsAPhasesCpuIntoThisJvmItsJitAndTheRestOfTheMachine() {
        // one second; the machine busy 190 of 200 ticks (1.9 cores), this JVM 1 s of CPU, its JIT 20 ticks
        CpuMeter.Sample from = new CpuMeter.Sample(1_000, 2_000, 5_000_000_000L, 10, 7_000_000_000L);
        CpuMeter.Sample to = new CpuMeter.Sample(1_190, 2_200, 6_000_000_000L, 30, 8_000_000_000L);
        ObjectNode out = JSON.createObjectNode();

        CpuMeter.put(out, from, to, 1_900, "Application");

        ObjectNode cpu = (ObjectNode) out.get("cpu");
        assertThat(cpu.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(cpu.get("machineBusy").asDouble()).isEqualTo(0.95);
        assertThat(cpu.get("jvmCores").asDouble()).isEqualTo(1.0);
        assertThat(cpu.get("jitCores").asDouble()).isEqualTo(0.2);
        assertThat(cpu.get("restCores").asDouble()).isEqualTo(0.9);
        assertThat(cpu.get("machineCpuMsPerApplication").asDouble()).isEqualTo(1.0);
    }

    @Test
    void leavesOutWhatItCouldNotRead() {
        CpuMeter.Sample from = new CpuMeter.Sample(-1, -1, -1, -1, 0);
        CpuMeter.Sample to = new CpuMeter.Sample(-1, -1, -1, -1, 1_000_000_000L);
        ObjectNode out = JSON.createObjectNode();

        CpuMeter.put(out, from, to, 10, "Application");

        assertThat(out.get("cpu").fieldNames()).toIterable().containsExactly("cores");
        assertThat(CpuMeter.jitCores(from, to)).isEqualTo(-1);
    }

    @Test
    void readsThisMachinesCountersWhereThereIsAProcFileSystem() {
        CpuMeter.Sample now = CpuMeter.sample();

        assertThat(now.jvmNanos()).isPositive();
        if (Files.isReadable(Path.of("/proc/stat"))) {
            assertThat(now.machineTotal()).isGreaterThanOrEqualTo(now.machineBusy()).isPositive();
            assertThat(now.compilerTicks()).isNotNegative();
        }
    }
}
