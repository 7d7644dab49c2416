package dev.renkei.ats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.ats.LeverAtsConnectorProvider;
import dev.renkei.ats.WebhookAtsConnectorProvider;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StubRoundTripTest {
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-09-01T00:00:00Z"));
    private final HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(clock).build();

    private static ImportRequest request(String key, String email) {
        return request(key, email, "エンジニア");
    }

    private static ImportRequest request(String key, String email, String job) {
        Applicant a = Applicant.builder("B-" + key, Instant.parse("2026-08-31T10:00:00Z")).name("佐藤 花子")
                .email(email).appliedJob(job)
                .attachment(new Attachment("履歴書.pdf", "application/pdf", "pdf".getBytes(StandardCharsets.UTF_8)))
                .build();
        return new ImportRequest(key, "doda", a);
    }

    @Test
    void leverStubStoresCreatesAnswersLookupsAndTheConnectorImportsEachApplicationOnce() {
        try (LeverStub lever = LeverStub.start("api-key")) {
            AtsConnector c = new LeverAtsConnectorProvider().create(new ConnectorContext(http, clock, clock,
                    Map.of("baseUrl", lever.baseUrl(), "allowInsecureHttp", "true", "routing.default", "p-1",
                            "routing.営業", "p-2", "routing.経理", "p-3", "routing.人事", "p-4"),
                    Map.of("loginId", Secret.of("u-1"), "secret", Secret.of("api-key")), null));
            // three earlier opportunities of the same person on other postings push ours onto a later page
            for (String job : new String[] {"営業", "経理", "人事"}) {
                c.importApplicant(request("other-" + job, "hanako@example.jp", job));
            }

            String first = c.importApplicant(request("k-1", "hanako@example.jp")).atsId();
            String again = c.importApplicant(request("k-1", "hanako@example.jp")).atsId();

            assertThat(again).isEqualTo(first);
            assertThat(lever.createCount()).isEqualTo(4);
            assertThat(lever.files(first)).containsExactly("履歴書.pdf");
            assertThat(c.find(request("k-1", "hanako@example.jp"))).map(r -> r.atsId()).contains(first);
            // another board's application of the same person to the same posting joins the existing opportunity
            assertThat(c.importApplicant(request("k-other-board", "hanako@example.jp")).atsId()).isEqualTo(first);
            assertThat(lever.createCount()).isEqualTo(4);
        }
    }

    @Test
    void webhookReceiverStubVerifiesSignaturesAndAnswers409ForARepeatedKey() {
        try (WebhookReceiverStub hook = WebhookReceiverStub.start("whsec", clock)) {
            AtsConnector c = new WebhookAtsConnectorProvider().create(new ConnectorContext(http, clock, clock,
                    Map.of("url", hook.url(), "allowInsecureHttp", "true"), Map.of("secret", Secret.of("whsec")), null));

            String first = c.importApplicant(request("k-1", "hanako@example.jp")).atsId();
            String again = c.importApplicant(request("k-1", "hanako@example.jp")).atsId();

            assertThat(again).isEqualTo(first);
            assertThat(hook.createCount()).isEqualTo(1);
            assertThat(hook.refusedCount()).isZero();
            assertThat(c.find(request("k-1", "x@example.jp"))).map(r -> r.atsId()).contains(first);
            assertThat(c.find(request("k-2", "x@example.jp"))).isEmpty();
            c.checkLogin();

            AtsConnector wrongSecret = new WebhookAtsConnectorProvider().create(new ConnectorContext(http, clock, clock,
                    Map.of("url", hook.url(), "allowInsecureHttp", "true"), Map.of("secret", Secret.of("nope")), null));
            org.assertj.core.api.Assertions.assertThatThrownBy(wrongSecret::checkLogin)
                    .isInstanceOf(dev.renkei.core.ConnectorException.class);
            assertThat(hook.refusedCount()).isEqualTo(1);
        }
    }
}
