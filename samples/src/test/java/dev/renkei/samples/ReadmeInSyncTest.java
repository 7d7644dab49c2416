package dev.renkei.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.media.SiteProfileMediaProvider;
import dev.renkei.samples.runner.RunnerConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README shows code and a config that the build compiles and the runner accepts. */
class ReadmeInSyncTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path QUICKSTART = Path.of("src/main/java/dev/renkei/samples/QuickstartExample.java");
    private static final Path EXAMPLES = Path.of("examples");

    @TempDir
    Path dir;

    @Test
    void readmeQuickstartIsTheCompiledExample() throws Exception {
        String source = Files.readString(QUICKSTART);
        String region = source.substring(source.indexOf("// quickstart:begin\n") + "// quickstart:begin\n".length(),
                source.indexOf("        // quickstart:end"));
        String unindented = region.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));

        assertThat(Files.readString(README)).contains(unindented);
    }

    @Test
    void readmeRunnerConfigIsTheShippedExampleAndTheRunnerAcceptsIt() throws Exception {
        String example = Files.readString(EXAMPLES.resolve("runner.json"));
        assertThat(Files.readString(README)).contains(example.strip());

        Path copy = Files.writeString(dir.resolve("runner.json"), example);
        Files.createDirectories(dir.resolve("profiles"));
        Files.copy(EXAMPLES.resolve("profiles/demo-html.json"), dir.resolve("profiles/demo-html.json"));
        TestFiles.keyFile(dir, "renkei-secret.key");
        RunnerConfig.load(copy); // throws, naming the field, when the example is not valid
    }

    @Test
    void shippedExampleProfileIsTheDemoProfile() throws Exception {
        try (InputStream in = SiteProfileMediaProvider.class.getClassLoader()
                .getResourceAsStream(SiteProfileMediaProvider.PROFILES + "demo-html.json")) {
            assertThat(Files.readString(EXAMPLES.resolve("profiles/demo-html.json")))
                    .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
