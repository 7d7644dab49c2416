package dev.renkei.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.ats.testing.WebhookReceiverStub;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.samples.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --once} and {@code run --check} against the demo boards and a signed-webhook receiver. */
class RunnerOnceAndCheckTest {
    private static final String SECRET = "test-signing-secret-0123456789";

    @TempDir
    Path dir;

    private DemoBoards boards;
    private WebhookReceiverStub ats;
    private RunnerFixture fixture;

    @BeforeEach
    void setUp() {
        boards = DemoBoards.start();
        ats = WebhookReceiverStub.start(SECRET, Clock.systemUTC());
        fixture = new RunnerFixture(dir, boards.baseUrl(), ats.url(), SECRET);
    }

    @AfterEach
    void tearDown() {
        ats.close();
        boards.close();
    }

    record Outcome(int code, String out, String err) {
        JsonNode json() throws Exception {
            return RunnerFixture.JSON.readTree(out);
        }
    }

    private static Outcome main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onceImportsEveryApplicationAndASecondRunImportsNothing() throws Exception {
        Path config = fixture.write();

        Outcome first = main("run", "--config", config.toString(), "--once", "main");

        assertThat(first.code()).as(first.err()).isZero();
        JsonNode r = first.json();
        assertThat(r.get("robot").asText()).isEqualTo("main");
        assertThat(r.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(r.get("imported").asInt()).isEqualTo(11);
        assertThat(r.get("errors")).isEmpty();
        assertThat(r.get("slots").findValuesAsText("slot")).containsExactly("demo-html_001", "demo-csv_001");
        assertThat(ats.createCount()).isEqualTo(11);

        Outcome second = main("run", "--config", config.toString(), "--once", "main");

        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.json().get("imported").asInt()).isZero();
        assertThat(second.json().get("alreadyImported").asInt()).isPositive();
        assertThat(ats.createCount()).isEqualTo(11);
        assertThat(first.out() + first.err() + second.out() + second.err())
                .doesNotContain(SECRET, DemoBoards.HTML_PASSWORD, DemoBoards.CSV_PASSWORD);
    }

    @Test
    void onceExitsOneAndReportsTheWrongPasswordAsActionRequired() throws Exception {
        Outcome o = main("run", "--config", fixture.write().toString(), "--once", "broken");

        assertThat(o.code()).as(o.err()).isEqualTo(1);
        assertThat(o.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(o.json().get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("slot").asText()).isEqualTo("demo-html_001");
            assertThat(e.get("code").asText()).isEqualTo("LOGIN_FAILED");
            assertThat(e.get("classification").asText()).isEqualTo("ACTION_REQUIRED");
        });
        assertThat(ats.createCount()).isZero();
    }

    @Test
    void checkPrintsOneVerdictPerAccountAndExitsOneWhenALoginFails() throws Exception {
        Path config = fixture.write();

        Outcome ok = main("run", "--config", config.toString(), "--check", "main");
        Outcome bad = main("run", "--config", config.toString(), "--check", "broken");

        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.json().get("ok").asBoolean()).isTrue();
        assertThat(ok.json().get("verdicts").findValuesAsText("account"))
                .containsExactly("ATS", "demo-html_001", "demo-csv_001");
        assertThat(bad.code()).as(bad.err()).isEqualTo(1);
        assertThat(bad.json().get("verdicts").get(1).get("ok").asBoolean()).isFalse();
        assertThat(bad.json().get("verdicts").get(1).get("code").asText()).isEqualTo("LOGIN_FAILED");
        assertThat(ats.createCount()).isZero();
    }

    @Test
    void aCorrectedPasswordInTheFileUpdatesTheSlotInPlace() throws Exception {
        main("run", "--config", fixture.write().toString(), "--check", "broken");
        ((ObjectNode) fixture.robot("broken").get("slots").get(0)).put("password", DemoBoards.HTML_PASSWORD);

        Outcome fixed = main("run", "--config", fixture.write().toString(), "--check", "broken");

        assertThat(fixed.code()).as(fixed.err()).isZero();
        assertThat(fixed.err()).contains("slot demo-html_001 credentials updated in place");
        assertThat(fixed.json().get("verdicts").findValuesAsText("account")).containsExactly("ATS", "demo-html_001");
    }

    @Test
    void aBadConfigExitsTwoNamingTheField() {
        ((ObjectNode) fixture.robot("main").get("slots").get(1)).put("medium", "no-such-board");

        Outcome o = main("run", "--config", fixture.write().toString(), "--once", "main");

        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("robots[0].slots[1].medium").contains("no-such-board");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void anUnknownRobotExitsTwo() {
        Outcome o = main("run", "--config", fixture.write().toString(), "--once", "nobody");

        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("robot 'nobody' is not in");
    }
}
