package dev.renkei.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.samples.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} safety: the runner runs as its own JVM ({@code run --once}) and is killed with
 * {@link Process#destroyForcibly()} at varied moments — while a create is on its way, right after one was answered,
 * and at fixed delays that land in start-up, login or listing — against an ATS receiver that takes 150 ms per create.
 * Then one run is let finish. The receiver must have seen every application exactly once.
 */
class KillNineTest {
    private static final String SECRET = "kill-test-signing-secret-42";
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private DemoBoards boards;
    private SlowWebhookReceiver ats;
    private Path config;
    private int started;

    @BeforeEach
    void setUp() {
        boards = DemoBoards.start();
        ats = new SlowWebhookReceiver(SECRET, Duration.ofMillis(150));
        RunnerFixture fixture = new RunnerFixture(dir, boards.baseUrl(), ats.url(), SECRET);
        // a dead runner's reservations may be taken over 1 s after its last heartbeat (one runner at a time here)
        ((ObjectNode) fixture.root.get("engine")).put("heartbeatInterval", "200ms").put("staleAfter", "1s");
        config = fixture.write();
    }

    @AfterEach
    void tearDown() {
        ats.close();
        boards.close();
    }

    private Process start(String... args) throws IOException {
        started++;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.timezone=Asia/Tokyo",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve("out-" + started + ".json").toFile())
                .redirectError(dir.resolve("err-" + started + ".txt").toFile())
                .start();
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("err-" + started + ".txt"), StandardCharsets.UTF_8);
    }

    @Test
    void killedAtAnyMomentTheRunnerImportsEveryApplicationExactlyOnce() throws Exception {
        Set<String> expected = new TreeSet<>();
        boards.applications(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID).forEach(a -> expected.add(DemoBoards.HTML + "/" + a.id()));
        boards.applications(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID).forEach(a -> expected.add(DemoBoards.CSV + "/" + a.id()));

        // the first start creates the database and the robot
        Process setup = start("--check", "main");
        assertThat(setup.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("setup finished").isTrue();
        assertThat(setup.exitValue()).as(stderr()).isZero();

        List<String> kills = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Process p = start("--once", "main");
            int arrived = ats.arrivals();
            int answered = ats.answered();
            String moment;
            switch (i % 3) {
                case 0 -> {
                    boolean hit = ats.await(() -> ats.arrivals() > arrived, p, RUN_LIMIT);
                    moment = hit ? "while a create was on its way" : "after the run ended by itself";
                }
                case 1 -> {
                    boolean hit = ats.await(() -> ats.answered() > answered, p, RUN_LIMIT);
                    moment = hit ? "right after a create was answered" : "after the run ended by itself";
                }
                default -> {
                    long ms = 400L + 500L * i;
                    boolean ended = p.waitFor(ms, TimeUnit.MILLISECONDS);
                    moment = ended ? "after the run ended by itself" : ms + " ms after start";
                }
            }
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills.add("kill " + (i + 1) + ": " + moment + " (posts so far " + ats.arrivals() + ")");
        }

        // then one run finishes; reservations of the killed runs are taken over once their holders are stale
        int code = -1;
        for (int attempt = 0; attempt < 3 && (code != 0 || seen().size() < expected.size()); attempt++) {
            Process last = start("--once", "main");
            assertThat(last.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("final run finished").isTrue();
            code = last.exitValue();
        }
        System.out.println("KillNineTest: " + String.join("; ", kills));
        assertThat(kills).as("kills landed mid-run").anyMatch(k -> k.contains("while a create was on its way"))
                .anyMatch(k -> k.contains("right after a create was answered"));
        assertThat(code).as(String.join("\n", kills) + "\n" + stderr()).isZero();
        JsonNode result = RunnerFixture.JSON.readTree(dir.resolve("out-" + started + ".json").toFile());
        assertThat(result.get("errors")).isEmpty();

        List<String> posted = ats.postedKeys();
        Map<String, Long> perKey = posted.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(perKey).as("POSTs per idempotency key\n" + String.join("\n", kills))
                .allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
        assertThat(seen()).as(String.join("\n", kills)).isEqualTo(expected);
        assertThat(posted).hasSize(expected.size());
    }

    private Set<String> seen() {
        return ats.payloads().values().stream()
                .map(p -> p.get("medium").asText() + "/" + p.get("applicant").get("boardApplicationId").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
