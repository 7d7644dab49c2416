package dev.renkei.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.media.SiteProfileMediaProvider;
import dev.renkei.samples.runner.RunnerConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    /**
     * Every {@code // readme:NAME:begin} … {@code // readme:NAME:end} region of the samples' sources (the meetings and
     * MyPage quickstarts, the web wirings) is in the README, unindented to its least indented line.
     */
    @Test
    void readmeBlocksAreTheCompiledRegions() throws Exception {
        String readme = Files.readString(README);
        Pattern region = Pattern.compile("// readme:(\\w+):begin\n(.*?)\n[ \t]*// readme:\\1:end", Pattern.DOTALL);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = region.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                    List<String> lines = m.group(2).lines().toList();
                    int indent = lines.stream().filter(l -> !l.isBlank())
                            .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
                    String block = lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
                            .collect(Collectors.joining("\n"));
                    assertThat(readme).as("README holds the region '%s' of %s", m.group(1), f).contains(block);
                }
            }
        }
        assertThat(names).containsExactlyInAnyOrder("build", "meetings", "mypage", "jdk", "jdkwebhook", "servlet", "spring");
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
