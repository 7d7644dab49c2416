package dev.renkei.samples.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.samples.Main;
import dev.renkei.samples.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code samples/examples/runner.json}, as a newcomer copies it, runs end to end against the
 * {@code simulators} command's services on the ports it names: a key file is all they add. (The copy's board
 * profile paces its pages at 10 ms instead of 1 s to keep the build fast; the config itself is untouched.)
 */
class FirstTryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theExampleConfigImportsAndMailsAgainstTheSimulators() throws Exception {
        copyExamples(dir);
        TestFiles.keyFile(dir, "renkei-secret.key");
        Path config = dir.resolve("runner.json");

        try (Simulators sims = Simulators.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {"run", "--config", config.toString(), "--once", "main"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode result = JSON.readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(result.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(result.get("imported").asInt()).as("the applications of the last days")
                    .isEqualTo(sims.ats().createCount()).isEqualTo(4);
            assertThat(sims.mails()).as("the result mail, to To and Cc, sent before --once returns").hasSize(2);
            assertThat(Files.exists(dir.resolve("renkei-data"))).as("the H2 file sits next to the config").isTrue();
        }
    }

    @Test
    void theExampleConfigRunsAMyPageBatchAgainstThePortersSimulatorAndTheSecondCreatesNothing() throws Exception {
        copyExamples(dir);
        TestFiles.keyFile(dir, "renkei-secret.key");
        String[] batch = {"run", "--config", dir.resolve("runner.json").toString(), "--batch"};

        try (Simulators sims = Simulators.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(batch, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode first = JSON.readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(first.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(first.get("targets").asInt()).isEqualTo(Simulators.JOB_SEEKERS);
            assertThat(first.get("created").asInt()).isEqualTo(Simulators.JOB_SEEKERS);
            assertThat(invites(sims)).as("one setup link per job seeker, at the mail catcher")
                    .isEqualTo(Simulators.JOB_SEEKERS);

            ByteArrayOutputStream again = new ByteArrayOutputStream();
            assertThat(Main.run(batch, new PrintStream(again, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream()))).isZero();
            JsonNode second = JSON.readTree(again.toString(StandardCharsets.UTF_8));
            assertThat(second.get("created").asInt()).isZero();
            assertThat(second.get("mailsSent").asInt()).isZero();
            assertThat(invites(sims)).as("no further setup mail").isEqualTo(Simulators.JOB_SEEKERS);
        }
    }

    private static long invites(Simulators sims) {
        return java.util.Arrays.stream(sims.mails()).filter(m -> {
            try {
                return "マイページ登録のお願い".equals(m.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void aSecondSimulatorsOnTheSamePortsSaysWhichPortsAreTaken() {
        try (Simulators first = Simulators.start()) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = Simulators.run(java.util.List.of(), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("8089").contains("taken");
        }
    }

    private static void copyExamples(Path to) throws IOException {
        Path from = Path.of("examples");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path profile = to.resolve("profiles/demo-html.json");
        ObjectNode p = (ObjectNode) JSON.readTree(profile.toFile());
        ((ObjectNode) p.get("pacing")).put("delay", "PT0.01S");
        JSON.writeValue(profile.toFile(), p);
    }
}
