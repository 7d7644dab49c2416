package dev.renkei.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.samples.Main;
import dev.renkei.samples.ResultJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code bench memory} end to end on a small board: the packaged runner in a child JVM under -Xmx128m. */
class MemoryBenchmarkTest {
    @Test
    void runnerImportsEveryApplicationOnceUnderTheHeapLimit() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "memory", "--applications", "300", "--resume-kb", "10",
                "--xmx", "128m", "--page-size", "40"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(log).isZero();
        JsonNode r = ResultJson.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(r.get("name").asText()).isEqualTo("memory");
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(r.get("exitCode").asInt()).isZero();
        assertThat(r.get("imported").asInt()).isEqualTo(300);
        assertThat(r.get("duplicates").asInt()).isZero();
        // every page of the list was read, every detail page and résumé loaded once and delivered whole
        assertThat(r.get("listPages").asInt()).isEqualTo(8);
        assertThat(r.get("detailPages").asInt()).isEqualTo(300);
        assertThat(r.get("resumeBytesServed").asLong()).isEqualTo(300L * 10 * 1024);
        assertThat(r.get("attachmentBytesReceived").asLong()).isEqualTo(300L * 10 * 1024);
        assertThat(r.get("runner").get("imported").asInt()).isEqualTo(300);
        assertThat(r.get("heapLimit").asText()).isEqualTo("128m");
        assertThat(r.get("seconds").asDouble()).isPositive();
    }

    @Test
    void helpListsTheMemoryBenchmark() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("memory [--applications N] [--resume-kb K] [--xmx SIZE]");
    }

    @Test
    void unknownBenchmarkIsABadArgument() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "speed"}, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown benchmark 'speed'").contains("memory");
    }
}
