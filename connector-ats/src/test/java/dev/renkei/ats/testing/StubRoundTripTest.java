package dev.renkei.ats.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.ats.GreenhouseAtsConnectorProvider;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.AtsConnector;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.ImportRequest;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
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
            AtsConnector c = lever.provider().create(new ConnectorContext(http, clock, clock,
                    Map.of("routing.default", "p-1",
                            "routing.営業", "p-2", "routing.経理", "p-3", "routing.人事", "p-4"),
                    Map.of(), null).withCredentials(Credentials.of("u-1", "api-key")));
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
            AtsConnector c = hook.provider().create(new ConnectorContext(http, clock, clock,
                    Map.of(), Map.of(), null).withCredentials(Credentials.of("key-1", "whsec")));

            String first = c.importApplicant(request("k-1", "hanako@example.jp")).atsId();
            String again = c.importApplicant(request("k-1", "hanako@example.jp")).atsId();

            assertThat(again).isEqualTo(first);
            assertThat(hook.createCount()).isEqualTo(1);
            assertThat(hook.refusedCount()).isZero();
            assertThat(c.find(request("k-1", "x@example.jp"))).map(r -> r.atsId()).contains(first);
            assertThat(c.find(request("k-2", "x@example.jp"))).isEmpty();
            c.checkLogin();

            AtsConnector wrongSecret = hook.provider().create(new ConnectorContext(http, clock, clock,
                    Map.of(), Map.of(), null).withCredentials(Credentials.of("key-1", "nope")));
            org.assertj.core.api.Assertions.assertThatThrownBy(wrongSecret::checkLogin)
                    .isInstanceOf(dev.renkei.core.ConnectorException.class);
            assertThat(hook.refusedCount()).isEqualTo(1);
        }
    }

    @Test
    void greenhouseStubPagesByLinkStoresAttachmentsAndTheConnectorCreatesEachApplicationOnce() {
        try (GreenhouseStub gh = GreenhouseStub.start("client", "secret", clock)) {
            GreenhouseAtsConnectorProvider provider = gh.provider();
            AtsConnector c = provider.create(new ConnectorContext(http, clock, clock,
                    Map.of("routing.default", "31", "routing.営業", "32", "routing.経理", "33"),
                    Map.of(), null).withCredentials(Credentials.of("client", "secret")));
            // the same person on two other jobs first: her application on job 31 is her third, so later lookups page
            c.importApplicant(request("other-営業", "hanako@example.jp", "営業"));
            c.importApplicant(request("other-経理", "hanako@example.jp", "経理"));
            String first = c.importApplicant(request("k-1", "hanako@example.jp")).atsId();
            assertThat(gh.candidateCreateCount()).isEqualTo(1);
            assertThat(gh.applicationCreateCount()).isEqualTo(2);

            String again = c.importApplicant(request("k-1", "hanako@example.jp")).atsId();

            assertThat(again).isEqualTo(first);
            assertThat(gh.createCount()).isEqualTo(3);
            assertThat(gh.applications()).extracting(a -> a.path("job_id").asLong()).containsExactly(32L, 33L, 31L);
            String applicationId = first.substring(first.indexOf('/') + 1);
            assertThat(gh.attachments()).filteredOn(a -> a.path("application_id").asText().equals(applicationId))
                    .extracting(a -> a.path("filename").asText() + ":" + a.path("type").asText())
                    .containsExactly("履歴書.pdf:resume");
            assertThat(gh.attachments()).hasSize(3).allSatisfy(a -> assertThat(a.has("content")).isFalse());
            assertThat(c.find(request("k-1", "hanako@example.jp"))).map(r -> r.atsId()).contains(first);
            assertThat(gh.tokenCount()).isEqualTo(1);

            clock.advance(GreenhouseStub.TOKEN_LIFETIME);
            assertThat(c.find(request("k-1", "hanako@example.jp"))).map(r -> r.atsId()).contains(first);
            assertThat(gh.tokenCount()).isEqualTo(2);
        }
    }

    @Test
    void greenhouseStubRefusesBadClientsUnknownTokensAndCursorsWithFilters() {
        try (GreenhouseStub gh = GreenhouseStub.start("client", "secret", clock)) {
            HttpRequest badClient = HttpRequest.newBuilder(URI.create(gh.authUrl()))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            "client:wrong".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            assertThat(http.execute(badClient).statusCode()).isEqualTo(401);
            HttpRequest noToken = HttpRequest.newBuilder(URI.create(gh.baseUrl() + "/v3/candidates"))
                    .header("Authorization", "Bearer made-up").GET().build();
            assertThat(http.execute(noToken).statusCode()).isEqualTo(401);
            assertThat(gh.tokenCount()).isZero();

            AtsConnector c = gh.provider().create(new ConnectorContext(http, clock, clock,
                    Map.of("routing.default", "31"),
                    Map.of(), null).withCredentials(Credentials.of("client", "secret")));
            for (int i = 1; i <= 3; i++) {
                c.importApplicant(request("k-" + i, "p" + i + "@example.jp"));
            }
            HttpRequest page1 = HttpRequest.newBuilder(URI.create(gh.baseUrl() + "/v3/candidates?per_page=100"))
                    .header("Authorization", "Bearer gh-token-1").GET().build();
            var r = http.execute(page1);
            String link = r.header("Link").orElseThrow();
            assertThat(link).startsWith("<" + gh.baseUrl() + "/v3/candidates?cursor=").endsWith(">; rel=\"next\"");
            String next = link.substring(1, link.indexOf('>'));
            HttpRequest withFilter = HttpRequest.newBuilder(URI.create(next + "&per_page=100"))
                    .header("Authorization", "Bearer gh-token-1").GET().build();
            assertThat(http.execute(withFilter).statusCode()).isEqualTo(422);
            var last = http.execute(HttpRequest.newBuilder(URI.create(next))
                    .header("Authorization", "Bearer gh-token-1").GET().build());
            assertThat(last.statusCode()).isEqualTo(200);
            assertThat(last.header("Link")).isEmpty();
            assertThat(last.bodyText()).contains("p3@example.jp");
        }
    }
}
