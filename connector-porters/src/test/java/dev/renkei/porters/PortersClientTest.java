package dev.renkei.porters;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.RetryPolicy;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.spi.JobSeekerConnector.Filter;
import dev.renkei.core.spi.JobSeekerConnector.JobSeeker;
import dev.renkei.core.spi.JobSeekerConnector.Resource;
import dev.renkei.core.spi.JobSeekerConnector.StatusTarget;
import dev.renkei.core.spi.JobSeekerConnector.WriteBack;
import dev.renkei.core.testing.Contexts;
import dev.renkei.core.testing.MutableClock;
import dev.renkei.core.testing.RecordingSleeper;
import dev.renkei.porters.testing.PortersSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortersClientTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final HttpExecutor http = HttpExecutor.builder().clock(clock).sleeper(sleeper)
            .random(new SplittableRandom(1)).deadline(Duration.ofSeconds(10))
            .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(30), RetryPolicy.DEFAULT_STATUSES))
            .build();
    private final PortersSimulator sim = PortersSimulator.start(clock);
    private final WireMockServer wm = sim.wireMock();

    @AfterEach
    void stop() {
        sim.close();
    }

    private JobSeekerConnector connector() {
        return connector(Map.of());
    }

    private JobSeekerConnector connector(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(sim.settings());
        settings.putAll(extra);
        return new PortersJobSeekerProvider().create(Contexts.of(http, settings,
                Credentials.of(PortersSimulator.APP_ID, PortersSimulator.SECRET)));
    }

    private static List<JobSeeker> list(JobSeekerConnector c, Filter f) {
        try (Stream<JobSeeker> s = c.jobSeekers(f)) {
            return s.toList();
        }
    }

    @Test
    void pages450PersonsInThreePagesOf200AlwaysSendingCount() {
        sim.addMany(10_001, 450);

        List<JobSeeker> all = list(connector(Map.of(PortersJobSeekerProvider.RESUMES, "false")), Filter.all());

        assertThat(all).hasSize(450);
        wm.verify(exactly(3), getRequestedFor(urlPathEqualTo("/v1/candidate")));
        for (String start : List.of("0", "200", "400")) {
            wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/candidate"))
                    .withQueryParam("start", equalTo(start)).withQueryParam("count", equalTo("200"))
                    .withQueryParam("order", equalTo("Person.P_Id:asc")));
        }
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/v1/candidate")).withQueryParam("count", absent()));
    }

    @Test
    void readsResumesPerPersonWithCountAndTheirOwnersBareOrNested() {
        sim.add(new PortersSimulator.Person(1, "A", "a@example.com", "o1@example.com", List.of(
                new PortersSimulator.Resume(11, "r11@example.com"), new PortersSimulator.Resume(12, "r12@example.com"))));

        JobSeeker js = list(connector(), Filter.all()).get(0);

        assertThat(js.resumeIds()).containsExactly("11", "12");
        assertThat(js.ownerEmails()).containsExactly("o1@example.com", "r11@example.com", "r12@example.com");
        assertThat(js.fields()).containsEntry("Person.P_Phase", "Option.P_Entry")
                .containsEntry("Person.P_UpdateDate", "2026/01/02 03:04:05");
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/resume"))
                .withQueryParam("condition", equalTo("Resume.P_Candidate:eq=1"))
                .withQueryParam("count", equalTo("200")));
    }

    @Test
    void passesTheFilterThroughWithNestedOwnerFieldsAndAUtcDate() {
        sim.addMany(1, 1);
        Filter filter = new Filter(Map.of("Person.P_Phase:or", "Option.P_Entry:Option.P_Interview"),
                Instant.parse("2026-01-02T03:04:05Z"));

        list(connector(Map.of(PortersJobSeekerProvider.FIELDS, "Person.U_0123abc")), filter);

        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/candidate"))
                .withQueryParam("partition", equalTo(PortersSimulator.PARTITION))
                .withQueryParam("condition", equalTo("Person.P_Phase:or=Option.P_Entry:Option.P_Interview,"
                        + "Person.P_UpdateDate:ge=2026/01/02 03:04:05"))
                .withQueryParam("field", equalTo("Person.P_Id,Person.P_Name,Person.P_Mail,"
                        + "Person.P_Owner(User.P_Id,User.P_Name,User.P_Mail),Person.P_UpdateDate,Person.U_0123abc"))
                .withHeader("X-P-ConnectAPI-Version", equalTo("2"))
                .withHeader("X-porters-hrbc-oauth-token", containing("tok-")));
    }

    @Test
    void cachesTheTokenForItsLifetimeThenRefreshesOnceAndAuthorizesAgainOnlyWhenTheRefreshTokenIsGone() {
        sim.addMany(1, 1);
        JobSeekerConnector c = connector(Map.of(PortersJobSeekerProvider.RESUMES, "false"));

        for (int i = 0; i < 5; i++) {
            list(c, Filter.all());
            clock.advance(Duration.ofMinutes(5));
        }
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/oauth")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/token")));

        clock.advance(Duration.ofMinutes(5)); // 30 min: the access token is due
        list(c, Filter.all());
        list(c, Filter.all());
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/oauth")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/token"))
                .withRequestBody(containing("grant_type=refresh_token")));

        clock.advance(Duration.ofHours(2)); // the refresh token is gone too
        list(c, Filter.all());
        wm.verify(exactly(2), getRequestedFor(urlPathEqualTo("/v1/oauth")));
        wm.verify(exactly(2), postRequestedFor(urlPathEqualTo("/v1/token"))
                .withRequestBody(containing("grant_type=oauth_code")));
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/v1/oauth")).withQueryParam("scope", containing("")));
    }

    @Test
    void aTokenRefusedUnderASystemRootIsRefreshedAndTheCallReplayedOnce() {
        sim.addMany(1, 1);
        JobSeekerConnector c = connector(Map.of(PortersJobSeekerProvider.RESUMES, "false"));
        list(c, Filter.all());
        sim.systemRootOnExpiry(true);
        sim.expireAccessTokens();

        assertThat(list(c, Filter.all())).hasSize(1);

        wm.verify(exactly(3), getRequestedFor(urlPathEqualTo("/v1/candidate")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/token"))
                .withRequestBody(containing("grant_type=refresh_token")));
    }

    @Test
    void aTokenRefusedAgainAfterTheReplayIsLoginFailedWithoutALoop() {
        sim.addMany(1, 1);
        JobSeekerConnector c = connector(Map.of(PortersJobSeekerProvider.RESUMES, "false"));
        list(c, Filter.all());
        wm.stubFor(get(urlPathEqualTo("/v1/candidate")).atPriority(1).willReturn(aResponse().withStatus(200)
                .withBody("<?xml version=\"1.0\"?><System><Code>402</Code></System>")));

        assertThatThrownBy(() -> list(c, Filter.all())).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED));
        wm.verify(exactly(3), getRequestedFor(urlPathEqualTo("/v1/candidate")));
    }

    @Test
    void resultCodesAreMappedToWhatTheCustomerOrOperatorDoes() {
        sim.addMany(1, 1);
        JobSeekerConnector c = connector(Map.of(PortersJobSeekerProvider.RESUMES, "false"));
        sim.maintenance(true);
        assertCode(() -> list(c, Filter.all()), ErrorCode.MAINTENANCE);
        sim.maintenance(false);
        sim.grantMissing(true);
        assertCode(() -> list(c, Filter.all()), ErrorCode.CRM_GRANT_MISSING);
        sim.grantMissing(false);
        JobSeekerConnector wrongPartition = connector(Map.of(PortersJobSeekerProvider.PARTITION, "1"));
        assertCode(() -> list(wrongPartition, Filter.all()), ErrorCode.CONFIGURATION_INVALID);
        JobSeekerConnector wrongSecret = new PortersJobSeekerProvider().create(Contexts.of(http, sim.settings(),
                Credentials.of(PortersSimulator.APP_ID, "nope")));
        assertCode(wrongSecret::checkLogin, ErrorCode.LOGIN_FAILED);
        sim.failNextWrite(302);
        assertCode(() -> c.writeBack(List.of(new WriteBack("1", target()))), ErrorCode.UNAVAILABLE);
        sim.failNextWrite(777);
        assertThatThrownBy(() -> c.writeBack(List.of(new WriteBack("1", target()))))
                .hasMessageContaining("result code 777");
    }

    private static void assertCode(Runnable r, ErrorCode code) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private static StatusTarget target() {
        return new StatusTarget(Resource.PERSON, "Person.U_MyPageStatus", "Option.U_Registered", true);
    }

    @Test
    void writesExistingIdsWithOptionLeafAliasesAndReportsEachItemsCode() {
        sim.addMany(1, 2);
        sim.itemFault("2", 126);

        List<JobSeekerConnector.WriteResult> results = connector().writeBack(List.of(
                new WriteBack("1", target()), new WriteBack("2", target()),
                new WriteBack("500001", new StatusTarget(Resource.RESUME, "Resume.P_Memo", "登録済 <済>", false))));

        assertThat(results).extracting(JobSeekerConnector.WriteResult::ok).containsExactly(true, false, true);
        assertThat(results.get(1).code()).isEqualTo("126");
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/candidate"))
                .withQueryParam("partition", equalTo(PortersSimulator.PARTITION))
                .withHeader("Content-Type", equalTo("application/xml; charset=UTF-8"))
                .withHeader("X-P-ConnectAPI-Version", equalTo("2"))
                .withHeader("X-porters-hrbc-oauth-token", containing("tok-"))
                .withRequestBody(equalToXml("<Candidate><Item><Person.P_Id>1</Person.P_Id><Person.U_MyPageStatus>"
                        + "<Option.U_Registered/></Person.U_MyPageStatus></Item><Item><Person.P_Id>2</Person.P_Id>"
                        + "<Person.U_MyPageStatus><Option.U_Registered/></Person.U_MyPageStatus></Item></Candidate>")));
        wm.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/resume"))
                .withRequestBody(equalToXml("<Resume><Item><Resume.P_Id>500001</Resume.P_Id>"
                        + "<Resume.P_Memo>登録済 &lt;済&gt;</Resume.P_Memo></Item></Resume>")));
    }

    @Test
    void neverCreatesAndRefusesMoreThan200ItemsAndOverlongRequestsBeforeSendingAnything() {
        JobSeekerConnector c = connector();
        assertThatThrownBy(() -> c.writeBack(List.of(new WriteBack("-1", target()))))
                .isInstanceOf(IllegalArgumentException.class);
        List<WriteBack> many = java.util.stream.IntStream.rangeClosed(1, 201)
                .mapToObj(i -> new WriteBack(String.valueOf(i), target())).toList();
        assertThatThrownBy(() -> c.writeBack(many)).isInstanceOf(IllegalArgumentException.class);
        Filter huge = new Filter(Map.of("Person.P_Name:part", "x".repeat(15_000)), null);
        assertCode(() -> list(c, huge), ErrorCode.CONFIGURATION_INVALID);
        wm.verify(exactly(0), postRequestedFor(urlPathEqualTo("/v1/candidate")));
        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/v1/candidate")));
    }

    @Test
    void splitsAWriteThatWouldExceed15000CharactersIntoSeveralRequests() {
        sim.addMany(1, 200);
        StatusTarget longText = new StatusTarget(Resource.PERSON, "Person.P_Memo", "m".repeat(150), false);
        List<WriteBack> items = java.util.stream.IntStream.rangeClosed(1, 200)
                .mapToObj(i -> new WriteBack(String.valueOf(i), longText)).toList();

        List<JobSeekerConnector.WriteResult> results = connector().writeBack(items);

        assertThat(results).hasSize(200).allMatch(JobSeekerConnector.WriteResult::ok);
        assertThat(sim.writes()).hasSize(200);
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/v1/candidate")))).hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.getUrl().length() + r.getBodyAsString().length()).isLessThanOrEqualTo(15_000));
    }

    @Test
    void externalEntitiesAreRefusedWithoutAnyOutboundRequest() {
        sim.addMany(1, 1);
        JobSeekerConnector c = connector(Map.of(PortersJobSeekerProvider.RESUMES, "false"));
        String evil = sim.baseUrl() + "/evil";
        sim.rawNextRead("<?xml version=\"1.0\"?><!DOCTYPE Candidate [<!ENTITY x SYSTEM \"" + evil + "\">]>"
                + "<Candidate Total=\"1\"><Code>0</Code><Item><Person.P_Id>&x;</Person.P_Id></Item></Candidate>");

        assertCode(() -> list(c, Filter.all()), ErrorCode.UNKNOWN);
        sim.rawNextRead("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"" + evil + "\"> %p;]>"
                + "<Candidate Total=\"1\"><Code>0</Code></Candidate>");
        assertCode(() -> list(c, Filter.all()), ErrorCode.UNKNOWN);
        sim.rawNextRead("<?xml version=\"1.0\"?><Candidate xmlns:xi=\"http://www.w3.org/2001/XInclude\" Total=\"1\">"
                + "<Code>0</Code><Item><Person.P_Id>1</Person.P_Id><xi:include href=\"" + evil + "\"/></Item></Candidate>");
        assertThat(list(c, Filter.all())).hasSize(1);

        wm.verify(exactly(0), getRequestedFor(urlPathEqualTo("/evil")));
    }

    @Test
    void aBillionLaughsPayloadIsRefusedQuickly() {
        sim.addMany(1, 1);
        JobSeekerConnector c = connector(Map.of(PortersJobSeekerProvider.RESUMES, "false"));
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        sim.rawNextRead("<?xml version=\"1.0\"?>" + dtd + "]><Candidate><Code>0</Code><Item><Person.P_Id>&lol9;"
                + "</Person.P_Id></Item></Candidate>");
        long started = System.nanoTime();

        assertCode(() -> list(c, Filter.all()), ErrorCode.UNKNOWN);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void malformedXmlIsAClearErrorNotACrash() {
        sim.addMany(1, 1);
        JobSeekerConnector c = connector(Map.of(PortersJobSeekerProvider.RESUMES, "false"));
        sim.rawNextRead("<Candidate Total=\"1\"><Code>0</Code><Item>");

        assertThatThrownBy(() -> list(c, Filter.all())).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
            assertThat(e.getMessage()).contains("GET /v1/candidate").contains("not acceptable XML");
        });
    }

    @Test
    void anEmptyResultIsNoPageLoop() {
        assertThat(list(connector(), Filter.all())).isEmpty();
        wm.verify(exactly(1), getRequestedFor(urlPathEqualTo("/v1/candidate")));
    }
}
