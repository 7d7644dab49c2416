package dev.renkei.samples.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.renkei.core.Renkei;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageService;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.porters.PortersJobSeekerProvider;
import dev.renkei.porters.testing.PortersSimulator;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench mypage-batch}: one MyPage batch over N PORTERS job seekers on embedded PostgreSQL, against the PORTERS
 * simulator. Every HRBC call is billed, so the figure is the requests made against the minimum: ⌈N / 200⌉ Person
 * pages plus the authorization (code and token), and — when Resumes are read, one read per person, since HRBC filters
 * Resumes by one parent id at a time — N Resume reads. Also printed: accounts created, mails sent, the time, and the
 * most HRBC reads in any one minute (the client keeps it at most 2,000).
 */
final class MyPageBatchBenchmark extends FigureBenchmark {
    private static final TenantId TENANT = TenantId.of("bench-agency");
    private static final int PAGE = 200;
    private static final int READS_PER_MINUTE = 2_000;

    MyPageBatchBenchmark() {
        super("mypage-batch",
                "one MyPage batch over N PORTERS job seekers: HRBC requests vs the minimum, accounts, mails, time",
                options("seekers", "10000", "resumes", "false", "pool", "8", "jdbc", ""));
    }

    @Override
    void measure(Params p, ObjectNode result, List<String> failures, PrintStream err) throws Exception {
        int seekers = p.count("seekers");
        boolean resumes = Boolean.parseBoolean(p.text("resumes"));
        AtomicInteger mails = new AtomicInteger();
        try (BenchDatabase db = BenchDatabase.postgres(p.text("jdbc"), p.count("pool"));
             PortersSimulator porters = PortersSimulator.start(Clock.systemUTC());
             Renkei renkei = Renkei.builder().dataSource(db.dataSource()).cipher(Fleet.CIPHER)
                     .mail(m -> mails.incrementAndGet(), "mypage@bench.example")
                     .connector(new PortersJobSeekerProvider()).build()) {
            porters.addMany(1, seekers);
            Map<String, String> settings = new HashMap<>(porters.settings());
            settings.put(PortersJobSeekerProvider.RESUMES, String.valueOf(resumes));
            MyPageService mypage = renkei.mypage();
            mypage.saveSettings(TENANT, MyPageSettings.builder()
                    .source(PortersJobSeekerProvider.ID, settings,
                            Credentials.of(PortersSimulator.APP_ID, PortersSimulator.SECRET))
                    .writeBack(new JobSeekerConnector.StatusTarget(JobSeekerConnector.Resource.PERSON,
                            "Person.U_MyPageStatus", "Option.U_Registered", true))
                    .setupPage("https://mypage.bench.example/setup?token=", "mypage@bench.example")
                    .build());
            err.printf(Locale.ROOT, "mypage-batch: %,d job seekers on %s, Resumes %s%n", seekers, db.kind(),
                    resumes ? "read" : "not read");

            long start = System.nanoTime();
            MyPageRun run = mypage.runNow(TENANT);
            long took = System.nanoTime() - start;
            renkei.relay().orElseThrow().sendDue();
            while (renkei.relay().orElseThrow().sendDue() > 0) {
                // the relay sends in batches; drain the outbox
            }

            Map<String, Integer> byPath = new HashMap<>();
            List<Instant> reads = new ArrayList<>();
            for (ServeEvent e : porters.wireMock().getAllServeEvents()) {
                String path = e.getRequest().getUrl().replaceFirst("\\?.*", "");
                byPath.merge(path, 1, Integer::sum);
                if (e.getRequest().getMethod().getName().equals("GET")) {
                    reads.add(e.getRequest().getLoggedDate().toInstant());
                }
            }
            int requests = byPath.values().stream().mapToInt(Integer::intValue).sum();
            int authorization = byPath.getOrDefault("/v1/oauth", 0) + byPath.getOrDefault("/v1/token", 0);
            int minimum = (seekers + PAGE - 1) / PAGE + 2 + (resumes ? seekers : 0);
            figures(result, "HRBC requests (fewer is better)", requests, minimum);
            ObjectNode paths = result.putObject("requestsByPath");
            byPath.forEach(paths::put);
            result.put("authorizationRequests", authorization);
            result.put("maxReadsInAMinute", maxInAMinute(reads));
            result.put("status", run.status().name());
            result.put("targets", run.counts().targets());
            result.put("created", run.counts().created());
            result.put("duplicates", run.counts().duplicates());
            result.put("mailsQueued", run.counts().mailsSent());
            result.put("mailsDelivered", mails.get());
            result.put("seconds", seconds(took));
            result.put("seekersPerSecond", round3(seekers / (took / 1e9)));
            err.printf(Locale.ROOT, "  %,d requests (minimum %,d), %,d accounts, %,d mails in %.2f s%n", requests,
                    minimum, run.counts().created(), mails.get(), took / 1e9);
            if (run.status() != RunStatus.SUCCEEDED) {
                failures.add("the batch ended " + run.status() + ": " + run.errors());
            }
            if (requests > minimum) {
                failures.add(requests + " HRBC requests, above the minimum of " + minimum);
            }
            if (run.counts().created() != seekers) {
                failures.add(run.counts().created() + " accounts created, not " + seekers);
            }
            if (maxInAMinute(reads) > READS_PER_MINUTE) {
                failures.add("more than " + READS_PER_MINUTE + " HRBC reads in one minute");
            }
        }
    }

    /** The most instants that fall within any 60 seconds. */
    static int maxInAMinute(List<Instant> times) {
        List<Instant> sorted = times.stream().sorted().toList();
        int best = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (Duration.between(sorted.get(from), sorted.get(to)).compareTo(Duration.ofMinutes(1)) >= 0) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }
}
