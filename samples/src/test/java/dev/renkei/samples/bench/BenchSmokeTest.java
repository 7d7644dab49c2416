package dev.renkei.samples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.renkei.samples.Main;
import dev.renkei.samples.ResultJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every figure benchmark at a tiny size: it completes, prints its figures under the documented keys, and the
 * correctness it guards holds (no double runs, no duplicate creates, no detail page on the second pass). No timing
 * is asserted: the bars are for the full-size runs, which may miss them here.
 */
class BenchSmokeTest {
    private static JsonNode bench(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isIn(0, 1);
        JsonNode r = ResultJson.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(r.get("name").asText()).isEqualTo(args[0]);
        assertThat(r.get("ok").asBoolean()).isEqualTo(code == 0);
        // only bars may be missed, never a failure of the benchmark itself
        assertThat(r.get("failures").toString()).doesNotContain("failed:").doesNotContain("interrupted");
        return r;
    }

    private static void hasFigures(JsonNode r) {
        assertThat(r.get("measured").asDouble()).isPositive();
        assertThat(r.get("ideal").asDouble()).isPositive();
        assertThat(r.get("ratio").asDouble()).isPositive();
    }

    @Test
    void loginCheckChecksEveryAccountAndPrintsTheSequentialTime() throws Exception {
        JsonNode r = bench("login-check", "--accounts", "3", "--latency-ms", "20", "--rounds", "1");

        hasFigures(r);
        assertThat(r.get("ideal").asDouble()).isEqualTo(0.02);
        assertThat(r.get("sequentialSeconds").asDouble()).isEqualTo(0.06);
        assertThat(r.get("failedVerdicts").asInt()).isZero();
        assertThat(r.get("boardLogins").asInt()).isEqualTo(2 * 3); // the cold round and the measured one
    }

    @Test
    void syncThroughputImportsEachApplicationOnceAndTheSecondPassLoadsNothing() throws Exception {
        JsonNode r = bench("sync-throughput", "--robots", "2", "--slots", "2", "--applications", "30",
                "--page-size", "10", "--list-ms", "1", "--detail-ms", "1", "--create-ms", "1", "--resume-kb", "1",
                "--warm-up", "5");

        hasFigures(r);
        for (String db : List.of("postgresql", "h2")) {
            assertThat(r.get("warmUpImported").get(db).asInt()).as(db + ": 2 × 2 slots × 5, apart").isEqualTo(20);
            JsonNode one = r.get(db).get("firstPass");
            assertThat(one.get("imported").asInt()).as(db).isEqualTo(120);
            assertThat(one.get("duplicates").asInt()).as(db).isZero();
            assertThat(one.get("listPages").asInt()).as(db).isEqualTo(4 * 3);
            assertThat(one.get("cpu").get("cores").asInt()).as(db).isPositive();
            JsonNode two = r.get(db).get("secondPass");
            assertThat(two.get("detailPages").asInt()).as(db).isZero();
            assertThat(two.get("attachments").asInt()).as(db).isZero();
            assertThat(two.get("created").asInt()).as(db).isZero();
            assertThat(two.get("listPages").asInt()).as(db).isEqualTo(4 * 3);
        }
    }

    @Test
    void schedulerRunsEveryRobotOnceAndSoDoesThePeer() throws Exception {
        JsonNode r = bench("scheduler", "--robots", "20", "--work-ms", "10", "--concurrency", "4", "--poll-ms", "200",
                "--limit-s", "60", "--warm-up", "5", "--jit-settle-s", "0");

        hasFigures(r);
        assertThat(r.get("ideal").asDouble()).isEqualTo(0.025); // 20 × 10 ms / (2 × 4)
        assertThat(r.get("warmUp").get("renkeiRuns").asInt()).isEqualTo(5);
        assertThat(r.get("warmUp").get("dbSchedulerRuns").asInt()).isEqualTo(5);
        assertThat(r.get("renkei").get("cpu").get("cores").asInt()).isPositive();
        assertThat(r.get("failures").toString()).as("the peer runs the robots through the engine")
                .doesNotContain("did not succeed");
        for (String who : List.of("renkei", "dbScheduler", "dbSchedulerWaitOnly")) {
            assertThat(r.get(who).get("runs").asInt()).as(who).isEqualTo(20);
            assertThat(r.get(who).get("doubleRuns").asInt()).as(who).isZero();
            assertThat(r.get(who).get("startDelayP99Ms").asLong()).as(who)
                    .isBetween(0L, r.get(who).get("startDelayMaxMs").asLong());
        }
    }

    @Test
    void ledgerMeasuresOursTheRawIdealAndCamelOnTheSameKeys() throws Exception {
        JsonNode r = bench("ledger", "--threads", "2,8", "--pairs", "40");

        hasFigures(r);
        assertThat(r.get("byThreads")).hasSize(2);
        for (JsonNode row : r.get("byThreads")) {
            assertThat(row.get("renkeiPairsPerSecond").asLong()).isPositive();
            assertThat(row.get("rawJdbcPairsPerSecond").asLong()).isPositive();
            assertThat(row.get("camelPairsPerSecond").asLong()).isPositive();
        }
        assertThat(r.get("camelPairsPerSecond").asLong()).isPositive();
    }

    @Test
    void myPageBatchMakesTheMinimumOfHrbcRequestsAndCreatesEveryAccountOnce() throws Exception {
        JsonNode r = bench("mypage-batch", "--seekers", "450");

        hasFigures(r);
        assertThat(r.get("measured").asInt()).as("3 Person pages + code + token").isEqualTo(5)
                .isEqualTo(r.get("ideal").asInt());
        assertThat(r.get("requestsByPath").get("/v1/candidate").asInt()).isEqualTo(3);
        assertThat(r.get("created").asInt()).isEqualTo(450);
        assertThat(r.get("mailsDelivered").asInt()).isEqualTo(450);
        assertThat(r.get("maxReadsInAMinute").asInt()).isLessThanOrEqualTo(2_000);
        assertThat(r.get("ok").asBoolean()).isTrue();
    }

    @Test
    void aMinuteWindowCountsTheBusiestSixtySeconds() {
        java.time.Instant t = java.time.Instant.parse("2026-12-01T00:00:00Z");
        assertThat(MyPageBatchBenchmark.maxInAMinute(java.util.List.of(t, t.plusSeconds(30), t.plusSeconds(59),
                t.plusSeconds(60), t.plusSeconds(61), t.plusSeconds(62)))).as("30 s to 62 s").isEqualTo(5);
    }

    @Test
    void helpListsEveryBenchmarkAndAll() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("login-check [--accounts ACCOUNTS]")
                .contains("sync-throughput").contains("scheduler").contains("memory").contains("ledger").contains("mypage-batch")
                .contains("bench all");
    }
}
