package dev.renkei.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every code example in the library's javadoc is compiled: it appears in {@link JavadocExamples}. */
class JavadocExamplesTest {
    private static final Path ROOT = Path.of("..");
    private static final Path EXAMPLES = Path.of("src/test/java/dev/renkei/samples/JavadocExamples.java");
    private static final Pattern BLOCK = Pattern.compile("<pre>\\{@code\\n(.*?)\\}</pre>", Pattern.DOTALL);

    @Test
    void everyJavadocExampleIsCompiledCode() throws IOException {
        String compiled = normalize(Files.readString(EXAMPLES));
        List<String> examples = javadocExamples();

        assertThat(examples).as("javadoc examples found").hasSizeGreaterThanOrEqualTo(7);
        for (String example : examples) {
            assertThat(compiled).as("compiled somewhere in JavadocExamples.java:%n%s", example)
                    .contains(normalize(example));
        }
    }

    private static List<String> javadocExamples() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : (Iterable<Path>) modules::iterator) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                        Matcher m = BLOCK.matcher(read(f));
                        while (m.find()) {
                            out.add(m.group(1).lines().map(l -> l.replaceFirst("^\\s*\\* ?", ""))
                                    .reduce((a, b) -> a + "\n" + b).orElse(""));
                        }
                    });
                }
            }
        }
        return out;
    }

    /** Without line comments and whitespace, so indentation, line breaks and trailing remarks do not matter. */
    private static String normalize(String code) {
        return code.lines().map(l -> l.replaceAll("//.*$", "")).reduce("", (a, b) -> a + b)
                .replaceAll("\\s+", "");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
