package dev.renkei.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands on the shaded {@code target/renkei-samples.jar} itself, in a child JVM (failsafe, after
 * {@code package}): the demo and the web app start from the jar a user runs, so a class its shade filters leave out
 * fails the build.
 */
class PackagedJarIT {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void theDemoRunsFromTheJar() throws Exception {
        Process p = java("demo", "--json", "--dir", dir.resolve("demo").toString())
                .redirectError(dir.resolve("demo.err").toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(Files.readString(dir.resolve("demo.err"))).isZero();
        JsonNode summary = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
        assertThat(summary.path("robots").path("atsCreates").asInt()).isPositive();
        assertThat(summary.path("meetings").path("linkState").asText()).isEqualTo("REVOKED");
        assertThat(summary.path("mypage").path("registered").asInt()).isEqualTo(1);
    }

    @Test
    void theWebAppServesEverySectionFromTheJarAndStopsOnSigterm() throws Exception {
        int port = freePort();
        Path log = dir.resolve("serve.log");
        Process p = java("serve", "--port", Integer.toString(port), "--dir", dir.resolve("serve").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(awaitUp(http, "http://localhost:" + port + "/", p)).as(Files.readString(log)).isEqualTo(200);
            for (String page : List.of("/robots", "/robots/new", "/zoom", "/zoom/events", "/mypage", "/mypage/login",
                    "/mailbox")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + page))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(page + "\n" + Files.readString(log)).isEqualTo(200);
                assertThat(r.body()).as(page).contains("Renkei サンプル");
            }
        } finally {
            p.destroy();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(Files.readString(log)).contains("Renkei sample web app: http://localhost:" + port)
                .doesNotContain("Exception");
    }

    private static int awaitUp(HttpClient http, String url, Process p) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (ConnectException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    return -1;
                }
                Thread.sleep(200); // waiting for another process to open its port; there is no event to wait on
            }
        }
    }

    private static ProcessBuilder java(String... args) {
        String jar = System.getProperty("renkei.samples.jar", "target/renkei-samples.jar");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", jar));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
