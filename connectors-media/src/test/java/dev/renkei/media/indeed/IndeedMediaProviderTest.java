package dev.renkei.media.indeed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaSession;
import dev.renkei.media.testing.DemoBoards;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndeedMediaProviderTest {
    private static final Secret SECRET = Secret.of("indeed-api-secret-for-tests");
    private static final byte[] BODY = DemoBoards.fixture("indeed/application.json");

    @Test
    void aSlotReadsItsAccountsDeliveriesAsApplicants() {
        InMemoryIndeedInbox inbox = new InMemoryIndeedInbox();
        Clock at = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC);
        IndeedApplyReceiver receiver = IndeedApplyReceiver.builder().apiSecret(SECRET).inbox(inbox).clock(at).build();
        receiver.handle("EMP-9", BODY, Map.of("X-Indeed-Signature", List.of(IndeedApplyReceiver.signature(SECRET, BODY))));
        IndeedMediaProvider provider = new IndeedMediaProvider(inbox);

        List<Applicant> applicants;
        try (MediaSession s = provider.create(ConnectorContext.of(HttpExecutor.builder().build()))
                .login(Credentials.of("EMP-9", "unused"))) {
            assertThat(s.accountKey()).isEqualTo("EMP-9");
            applicants = s.applicants(Instant.parse("2026-11-25T00:00:00Z")).toList();
            assertThat(s.applicants(Instant.parse("2026-11-26T00:00:00Z")).toList()).isEmpty();
        }

        assertThat(provider.id()).isEqualTo("indeed");
        assertThat(applicants).hasSize(1);
        Applicant a = applicants.get(0);
        assertThat(a.boardApplicationId()).isEqualTo("5156eb63c9a0a8ac9358c3a444a2818c8a5ffdbcba5960ec0cace3277f6b99df");
        assertThat(a.appliedAt()).isEqualTo(Instant.parse("2026-11-25T01:05:00Z"));
        assertThat(a.name()).isEqualTo("山田 太郎");
        assertThat(a.email()).isEqualTo("taro.yamada@example.jp");
        assertThat(a.phone()).isEqualTo("090-1234-5678");
        assertThat(a.appliedJob()).isEqualTo("法人営業（東京）");
        assertThat(a.fields()).containsEntry("jobId", "R-2026-0042").containsEntry("locale", "ja_JP")
                .containsEntry("coverLetter", "御社の法人営業職に応募いたします。")
                .containsKey("questionsAndAnswers");
        assertThat(a.attachments()).containsExactly(new Attachment("yamada_resume.pdf", "application/pdf",
                DemoBoards.fixture("demo-html/resume.pdf")));
    }

    @Test
    void anotherAccountSeesNothing() {
        InMemoryIndeedInbox inbox = new InMemoryIndeedInbox();
        inbox.store(new IndeedInboxEntry("EMP-9", "x-1", Instant.EPOCH, Instant.parse("2026-11-25T00:00:00Z"),
                "{\"id\":\"x-1\",\"applicant\":{\"fullName\":\"A\"}}"));

        try (MediaSession s = new IndeedMediaProvider(inbox).create(ConnectorContext.of(HttpExecutor.builder().build()))
                .login(Credentials.of("EMP-1", "unused"))) {
            assertThat(s.applicants(Instant.EPOCH).toList()).isEmpty();
        }
    }
}
