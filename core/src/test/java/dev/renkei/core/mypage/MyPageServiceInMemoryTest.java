package dev.renkei.core.mypage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.Renkei;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.spi.JobSeekerConnectorProvider;
import dev.renkei.core.store.InMemoryStore;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A host's unit test: the whole MyPage flow on {@link InMemoryStore} with an in-process job-seeker source. */
class MyPageServiceInMemoryTest {
    private final List<JobSeekerConnector.WriteBack> written = new CopyOnWriteArrayList<>();

    private final class Source implements JobSeekerConnectorProvider {
        @Override
        public String id() {
            return "in-process";
        }

        @Override
        public JobSeekerConnector create(ConnectorContext context) {
            return new JobSeekerConnector() {
                @Override
                public void checkLogin() {
                }

                @Override
                public Stream<JobSeeker> jobSeekers(Filter filter) {
                    return Stream.of(new JobSeeker("1", "A", "a@example.com", List.of("owner@example.com"), List.of(),
                            Map.of()), new JobSeeker("2", "B", "", List.of(), List.of(), Map.of()));
                }

                @Override
                public List<WriteResult> writeBack(List<WriteBack> items) {
                    written.addAll(items);
                    return items.stream().map(i -> new WriteResult(i.recordId(), true, "0", null)).toList();
                }
            };
        }
    }

    @Test
    void runsTheBatchAndRegistersOnAnInMemoryStore() {
        MutableClock clock = new MutableClock(Instant.parse("2026-09-01T00:00:00Z"));
        InMemoryStore store = new InMemoryStore(clock);
        TenantId tenant = TenantId.of("acme");
        try (Renkei renkei = Renkei.builder().store(store).clock(clock).connector(new Source())
                .myPageOptions(m -> m.passwordIterations(MyPageService.MIN_PASSWORD_ITERATIONS)).build()) {
            MyPageService mypage = renkei.mypage();
            mypage.saveSettings(tenant, MyPageSettings.builder().source("in-process", Map.of(), Credentials.of("x", "y"))
                    .writeBack(new JobSeekerConnector.StatusTarget(JobSeekerConnector.Resource.PERSON, "Person.U_S",
                            "registered", false))
                    .setupPage("https://h.example/setup?token=", "m@h.example").build());

            MyPageRun run = mypage.runNow(tenant);
            assertThat(run.counts()).isEqualTo(new MyPageRun.Counts(2, 1, 0, 1, 1, 0, 0));
            OutboxMail invite = store.outbox().list(OutboxMail.Status.PENDING).stream()
                    .filter(m -> m.to().contains("a@example.com")).findFirst().orElseThrow();
            Matcher token = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(invite.text());
            assertThat(token.find()).isTrue();

            assertThat(mypage.redeem(token.group(1), "password-1".toCharArray())).isEqualTo(RedeemResult.REGISTERED);
            assertThat(written).extracting(JobSeekerConnector.WriteBack::recordId).containsExactly("1");
            assertThat(mypage.runNow(tenant).counts().mailsSent()).isZero();
        }
    }
}
