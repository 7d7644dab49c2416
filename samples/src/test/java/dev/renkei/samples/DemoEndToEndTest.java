package dev.renkei.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo command, in-process: every figure of {@code demo --json} checked against what the simulators saw. */
class DemoEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void demoImportsEveryApplicationOnceReportsTheBadSlotAndMailsEveryRun() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path demoDir = dir.resolve("renkei-demo");

        int code = Main.run(new String[] {"demo", "--json", "--dir", demoDir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String report = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(report).isZero();
        String stdout = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(stdout.lines()).as("stdout holds exactly one JSON object").hasSize(1);
        JsonNode robots = new ObjectMapper().readTree(stdout).get("robots");

        int seeded = robots.get("seededApplications").asInt();
        int added = robots.get("addedApplications").asInt();
        assertThat(seeded).isEqualTo(11);
        assertThat(added).isPositive();
        assertThat(robots.get("boardApplications").asInt()).isEqualTo(seeded + added);

        assertThat(robots.get("loginCheck")).hasSize(4);
        assertThat(robots.get("loginCheck").findValuesAsText("account"))
                .containsExactly("ATS", "demo-html_001", "demo-csv_001", "demo-html_002");
        assertThat(robots.get("loginCheck")).allSatisfy(v -> assertThat(v.get("ok").asBoolean())
                .isEqualTo(!v.get("account").asText().equals("demo-html_002")));

        JsonNode first = robots.get("firstRun");
        assertThat(first.get("imported").asInt()).isEqualTo(seeded);
        assertThat(first.get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("slot").asText()).isEqualTo("demo-html_002");
            assertThat(e.get("code").asText()).isEqualTo("LOGIN_FAILED");
            assertThat(e.get("classification").asText()).isEqualTo("ACTION_REQUIRED");
            assertThat(e.get("remedy").asText()).contains("demo-html_002");
        });
        assertThat(robots.get("firstMail").get("subject").asText()).startsWith("【要対応】");
        assertThat(robots.get("firstMail").get("text").asText()).contains("****エラー詳細****", "demo-html_002")
                .doesNotContain("wrong-password", "correct-horse-42");
        assertThat(robots.get("secondRun").get("imported").asInt()).isEqualTo(added);
        assertThat(robots.get("thirdRun").get("imported").asInt()).isZero();
        assertThat(robots.get("thirdRun").get("alreadyImported").asInt()).isPositive();

        // what the simulators and the SMTP server received
        assertThat(robots.get("atsCreates").asInt()).isEqualTo(robots.get("boardApplications").asInt());
        assertThat(robots.get("atsRefused").asInt()).isZero();
        assertThat(robots.get("mailsReceived").asInt()).isGreaterThanOrEqualTo(3);

        assertThat(report).contains("First run", "Second run", "Third run", "imported A1001", "LOGIN_FAILED")
                .doesNotContain("wrong-password", "correct-horse-42", "csv-pass-2");
        assertThat(demoDir.resolve("renkei.mv.db")).exists();
    }

    @Test
    void demoRefusesAFolderWithFilesItDidNotCreate() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"demo", "--dir", dir.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("notes.txt");
        assertThat(dir.resolve("notes.txt")).hasContent("keep me");
    }
}
