package dev.renkei.ats;

import dev.renkei.ats.testing.SteppingClock;

import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.http.Sleeper;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A fake clock whose sleeper advances it, an executor on them, and sample applicants. */
final class TestSupport {
    static final Instant START = Instant.parse("2026-09-01T00:00:00Z");

    final SteppingClock clock = new SteppingClock(START);
    final List<Duration> sleeps = new ArrayList<>();
    final Sleeper sleeper = d -> {
        synchronized (sleeps) {
            sleeps.add(d);
        }
        clock.advance(d);
    };
    final HttpExecutor http = HttpExecutor.builder()
            .clock(clock).sleeper(sleeper)
            .random(new SplittableRandom(7))
            .deadline(Duration.ofMillis(2500))
            .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(30), RetryPolicy.DEFAULT_STATUSES))
            .build();

    ConnectorContext context(Map<String, String> config, String loginId, String secret) {
        return new ConnectorContext(http, clock, sleeper, config, Map.of(), null)
                .withCredentials(Credentials.of(loginId, secret));
    }

    Duration slept() {
        synchronized (sleeps) {
            return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    static Applicant applicant(String email, boolean withResume) {
        Applicant.Builder b = Applicant.builder("B-100", Instant.parse("2026-08-31T10:00:00Z"))
                .name("山田 太郎").nameKana("ヤマダ タロウ").email(email).phone("090-1234-5678")
                .address("東京都千代田区1-1").appliedJob("営業（東京）");
        if (withResume) {
            b.attachment(new Attachment("cv.pdf", "application/pdf", "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII)));
        }
        return b.build();
    }

    static ImportRequest request(String email, boolean withResume) {
        return new ImportRequest("k-3f9a", "doda", applicant(email, withResume));
    }

    static String fixture(String path) {
        try (InputStream in = TestSupport.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
