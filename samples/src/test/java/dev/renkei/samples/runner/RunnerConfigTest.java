package dev.renkei.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad config files fail with an error that names the field. */
class RunnerConfigTest {
    @TempDir
    Path dir;

    private RunnerFixture fixture() {
        return new RunnerFixture(dir, "http://127.0.0.1:9", "http://127.0.0.1:9/hook", "s3cret-signing");
    }

    private static void assertRejected(RunnerFixture f, String field, String words) {
        assertThatThrownBy(() -> RunnerConfig.load(f.write())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(field + ":").hasMessageContaining(words);
    }

    @Test
    void aValidFileLoadsWithDefaultsAndShortDurations() {
        RunnerFixture f = fixture();
        ((ObjectNode) f.root.get("engine")).put("staleAfter", "PT2M").put("overlap", "30m");

        RunnerConfig c = RunnerConfig.load(f.write());

        assertThat(c.tenant.value()).isEqualTo("demo-shoji");
        assertThat(c.database.url()).startsWith("jdbc:h2:file:").endsWith(";WRITE_DELAY=0");
        assertThat(c.engine.staleAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.engine.overlap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.robots).extracting(r -> r.id().value()).containsExactly("main", "broken");
        assertThat(c.robot("main").slots()).extracting(RunnerConfig.SlotConfig::medium)
                .containsExactly("demo-html", "demo-csv");
        assertThat(c.smtp).isNull();
    }

    @Test
    void aMisspelledFieldIsNamedWithItsPath() {
        RunnerFixture f = fixture();
        ((ObjectNode) f.robot("main").get("slots").get(0)).put("pasword", "x");

        assertRejected(f, "robots[0].slots[0].pasword", "unknown field");
    }

    @Test
    void aScheduleTimeOffTheHalfHourIsRejected() {
        RunnerFixture f = fixture();
        ((ArrayNode) f.robot("broken").get("schedule").get("times")).add("10:15");

        assertRejected(f, "robots[1].schedule", ":00 or :30");
    }

    @Test
    void aShortOrMissingSecretKeyIsRejected() throws Exception {
        RunnerFixture f = fixture();
        ((ObjectNode) f.root.get("secretKey")).remove("file");
        ((ObjectNode) f.root.get("secretKey")).put("base64", "c2hvcnQ=");
        assertRejected(f, "secretKey.base64", "32 bytes");

        ((ObjectNode) f.root.get("secretKey")).remove("base64");
        ((ObjectNode) f.root.get("secretKey")).put("file", "missing.key");
        assertRejected(f, "secretKey.file", "cannot read the key file");
    }

    @Test
    void anUnknownAtsConnectorAndABadAddressAreRejected() {
        RunnerFixture f = fixture();
        ((ObjectNode) f.robot("main").get("ats")).put("connector", "herp");
        assertRejected(f, "robots[0].ats.connector", "greenhouse, lever, webhook");

        RunnerFixture g = fixture();
        ((ArrayNode) g.robot("main").get("notifications").get("to")).add("not-an-address");
        assertRejected(g, "robots[0].notifications", "not a valid e-mail address");
    }

    @Test
    void aProfileFileWithAnotherIdIsRejected() throws Exception {
        RunnerFixture f = fixture();
        Files.writeString(dir.resolve("demo-csv.json"), Files.readString(dir.resolve("demo-csv.json"))
                .replace("\"id\" : \"demo-csv\"", "\"id\" : \"other-board\""));

        assertRejected(f, "media.demo-csv", "'other-board'");
    }

    @Test
    void invalidJsonNamesTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\n  \"tenant\": \"x\",\n  robots: []\n}");

        assertThatThrownBy(() -> RunnerConfig.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid JSON").hasMessageContaining("line 3");
    }
}
