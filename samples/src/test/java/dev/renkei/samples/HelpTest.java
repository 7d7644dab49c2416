package dev.renkei.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command answers {@code --help} with its usage on stdout and exit 0, and runs nothing. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h", "demo --help", "run --help", "run --config x.json --help",
            "bench --help", "simulators --help", "serve --help", "serve --port 9999 --help", "demo --only mypage --help"})
    void everyCommandAnswersHelp(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(command.split(" "), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        if (command.startsWith("run")) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("--batch");
        }
        if (command.startsWith("demo")) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("--only");
        }
    }
}
