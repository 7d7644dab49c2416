package dev.renkei.samples.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.ats.LeverAtsConnectorProvider;
import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.MyPageTemplates;
import dev.renkei.core.spi.ConnectorContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
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
    void theMyPageSectionIsReadAndAMisspelledFieldInItIsNamed() throws Exception {
        RunnerFixture f = fixture();
        f.root.putObject("smtp").put("host", "127.0.0.1").put("port", 2525).put("from", "renkei@example.com");
        ObjectNode mypage = f.root.putObject("mypage");
        mypage.putObject("porters").put("baseUrl", "http://127.0.0.1:9").put("partition", "1").put("appId", "a")
                .put("secret", "s");
        mypage.put("batchTime", "06:00").put("resendCount", 3).put("reminderInterval", "2d")
                .put("setupPageUrl", "https://mypage.example.com/setup?token=");
        Path templates = Files.createDirectories(dir.resolve("mail"));
        Files.writeString(templates.resolve("reminder.txt"), "Subject: Reminder {{name}}\nPlease {{setupUrl}}\n");
        mypage.put("templatesFolder", "mail");

        MyPageSettings s = RunnerConfig.load(f.write()).mypage.settings();

        assertThat(s.batchTime()).isEqualTo(LocalTime.of(6, 0));
        assertThat(s.resendCount()).isEqualTo(3);
        assertThat(s.reminderInterval()).isEqualTo(Duration.ofDays(2));
        assertThat(s.templates().reminder().subject()).isEqualTo("Reminder {{name}}");
        assertThat(s.templates().registrationRequest()).isEqualTo(MyPageTemplates.defaults().registrationRequest());

        mypage.put("resendCont", 2);
        assertRejected(f, "mypage.resendCont", "unknown field");
        mypage.remove("resendCont");
        ((ObjectNode) mypage.get("porters")).put("partiton", "1");
        assertRejected(f, "mypage.porters.partiton", "unknown field");
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
        assertRejected(f, "secretKey.file", "not found: ");
        assertThatThrownBy(() -> RunnerConfig.load(f.write())).hasMessageContaining("missing.key")
                .hasMessageContaining("head -c 32 /dev/urandom | base64 >")
                .satisfies(e -> assertThat(e.getMessage().split("missing.key", -1)).as("the path is named once, "
                        + "in the fix it is the target").hasSize(3));
    }

    @Test
    void aMissingConfigOrProfileFileSaysNotFoundAndWhatToDo() throws Exception {
        Path nowhere = java.nio.file.Files.createTempDirectory("renkei-cfg").resolve("runner.json");
        assertThatThrownBy(() -> RunnerConfig.load(nowhere)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--config:").hasMessageContaining("not found: " + nowhere)
                .hasMessageContaining("samples/examples/runner.json");

        RunnerFixture f = fixture();
        ObjectNode media = (ObjectNode) f.root.get("media");
        String medium = media.fieldNames().next();
        ObjectNode m = (ObjectNode) media.get(medium);
        m.remove("demoProfile");
        m.put("profileFile", "profiles/nope.json");
        assertThatThrownBy(() -> RunnerConfig.load(f.write())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("media." + medium + ".profileFile:").hasMessageContaining("not found");
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
    void atsEndpointsInTheFileGoToTheProvidersNotIntoTheStoredRobots() {
        RunnerFixture f = fixture();
        ObjectNode brokenAts = (ObjectNode) f.robot("broken").get("ats");
        ((ObjectNode) brokenAts.get("settings")).put("url", "http://127.0.0.1:9/hook/second");

        RunnerConfig c = RunnerConfig.load(f.write());

        assertThat(c.robot("main").ats().settings()).doesNotContainKey("url");
        assertThat(c.robot("broken").ats().settings()).containsEntry("url", "http://127.0.0.1:9/hook/second");
        WebhookAtsConnectorProvider webhook = provider(c, WebhookAtsConnectorProvider.class);
        assertThat(webhook.url()).contains(URI.create("http://127.0.0.1:9/hook"));
        assertThat(webhook.allowedUrlPrefixes()).containsExactly(URI.create("http://127.0.0.1:9/hook/second"));
        ConnectorContext ctx = ConnectorContext.of(HttpExecutor.builder().build())
                .withCredentials(Credentials.of("key-1", "s3cret-signing"));
        webhook.create(ctx.with(c.robot("main").ats().settings(), Map.of()));
        webhook.create(ctx.with(c.robot("broken").ats().settings(), Map.of()));
        // what a robot edited in the database (not in this file) may name is still limited to the file's URLs
        assertThatThrownBy(() -> webhook.create(ctx.with(Map.of("url", "https://elsewhere.example/hook"), Map.of())))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID));

        RunnerFixture g = fixture();
        ObjectNode leverAts = (ObjectNode) g.robot("main").get("ats");
        leverAts.put("connector", "lever");
        ((ObjectNode) leverAts.get("settings")).removeAll().put("baseUrl", "https://api.sandbox.lever.co/v1")
                .put("routing.default", "p-1");
        RunnerConfig l = RunnerConfig.load(g.write());
        assertThat(l.robot("main").ats().settings()).containsOnlyKeys("routing.default");
        assertThat(provider(l, LeverAtsConnectorProvider.class).baseUrl())
                .isEqualTo(LeverAtsConnectorProvider.SANDBOX_BASE_URL);
    }

    @Test
    void aBadAtsEndpointIsNamedWithItsField() {
        RunnerFixture f = fixture();
        ((ObjectNode) f.robot("broken").get("ats").get("settings")).put("url", "ftp://127.0.0.1/hook");
        assertRejected(f, "robots[1].ats.settings.url", "https");

        RunnerFixture g = fixture();
        ((ObjectNode) g.robot("main").get("ats").get("settings")).put("url", "http://a b");
        assertRejected(g, "robots[0].ats.settings.url", "is not a URL");
    }

    private static <T> T provider(RunnerConfig c, Class<T> type) {
        return c.atsProviders.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
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
