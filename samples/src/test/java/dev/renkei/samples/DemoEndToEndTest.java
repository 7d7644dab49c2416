package dev.renkei.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import dev.renkei.samples.demo.MyPageChapter;
import dev.renkei.zoom.testing.ZoomSimulator;
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
        JsonNode summary = new ObjectMapper().readTree(stdout);
        JsonNode robots = summary.get("robots");

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

        assertMeetings(summary.get("meetings"));
        assertMyPage(summary.get("mypage"));
        assertThat(report).contains("Chapter 2: Interview meetings", "Chapter 3: Job-seeker MyPage sync",
                "MEETING_LINK_REVOKED", "REGISTERED", "EXPIRED").doesNotContain("correct-horse-battery");
    }

    /** Figures the chapter read from the Zoom simulator (its meetings, the requests it received). */
    private static void assertMeetings(JsonNode meetings) {
        assertThat(meetings.get("linkState").asText()).isEqualTo("REVOKED");
        long activeUsers = Stream.of("users-page1.json", "users-page2.json").map(ZoomSimulator::fixture)
                .mapToLong(page -> page.split("\"status\":\"active\"", -1).length - 1).sum();
        assertThat(meetings.get("hosts").asLong()).as("the active users of the simulator's pages")
                .isEqualTo(activeUsers).isEqualTo(3);
        assertThat(meetings.get("joinUrl").asText()).as("the first meeting the simulator issued")
                .startsWith("https://us05web.zoom.us/j/" + ZoomSimulator.FIRST_MEETING_ID);
        assertThat(meetings.get("created").asInt()).as("two slots published").isEqualTo(2);
        assertThat(meetings.get("updated").asInt()).as("one slot moved").isEqualTo(1);
        assertThat(meetings.get("deleted").asInt()).as("one slot hidden").isEqualTo(1);
        assertThat(meetings.get("afterRevoke").get("code").asText()).isEqualTo("MEETING_LINK_REVOKED");
    }

    /** Figures the chapter read from the SMTP server, the PORTERS simulator's writes and the member table. */
    private static void assertMyPage(JsonNode mypage) {
        int seekers = MyPageChapter.SEEKERS.size();
        assertThat(mypage.get("targets").asInt()).isEqualTo(seekers);
        assertThat(mypage.get("created").asInt()).as("one seeker already had an account").isEqualTo(seekers - 1);
        assertThat(mypage.get("duplicates").asInt()).isEqualTo(1);
        assertThat(mypage.get("mailsSent").asInt()).as("one setup link per created account").isEqualTo(seekers - 1);
        assertThat(mypage.get("registered").asInt()).isEqualTo(1);
        assertThat(mypage.get("writeBacks").asInt()).as("the registration written back to PORTERS").isEqualTo(1);
        assertThat(mypage.get("secondBatch").get("created").asInt()).isZero();
        assertThat(mypage.get("remindersPerSeeker").asInt()).as("reminders stop at the resend count")
                .isEqualTo(MyPageChapter.RESEND_COUNT);
    }

    @Test
    void demoOnlyRunsTheNamedChapterAndRefusesAnUnknownOne() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(new String[] {"demo", "--json", "--only", "meetings", "--dir", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(summary.has("meetings")).isTrue();
        assertThat(summary.has("robots")).isFalse();
        assertThat(summary.has("mypage")).isFalse();

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"demo", "--only", "zoom", "--dir", dir.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(bad, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(bad.toString(StandardCharsets.UTF_8)).contains("'zoom'", "robots, meetings or mypage");
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
