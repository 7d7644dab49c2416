package dev.renkei.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaSession;
import dev.renkei.media.testing.DemoBoards;
import dev.renkei.media.testing.DemoBoards.Account;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoHtmlListingTest {
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private DemoBoards boards;
    private Support.RecordingSleeper sleeper;
    private MediaConnector board;

    @BeforeEach
    void start() {
        boards = DemoBoards.start();
        sleeper = new Support.RecordingSleeper();
        board = SiteProfileMediaProvider.demo("demo-html").create(Support.context(boards.config(), sleeper));
    }

    @AfterEach
    void stop() {
        boards.close();
    }

    private List<Applicant> read(Instant since) {
        try (MediaSession session = board.login(DemoBoards.htmlCredentials());
             Stream<Applicant> s = session.applicants(since)) {
            return s.toList();
        }
    }

    @Test
    void readsEveryApplicationAcrossThreePagesNewestFirstWithDetailsAndPacing() {
        List<Applicant> all = read(LONG_AGO);

        assertThat(all).extracting(Applicant::boardApplicationId)
                .containsExactly("A1008", "A1007", "A1006", "A1005", "A1004", "A1003", "A1002", "A1001");
        assertThat(boards.requestCount("/demo-html/applicants?")).isZero();
        assertThat(boards.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/demo-html/applicants")))).hasSize(3);
        assertThat(boards.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathMatching("/demo-html/applicants/A\\d+")))).hasSize(8);
        // login page, login POST, 3 list pages, 8 details, 8 résumés: a pause before every load after the first
        // (the redirect after the login POST is followed at once)
        assertThat(sleeper.sleeps).hasSize(2 + 3 + 8 + 8 - 1).containsOnly(Duration.ofSeconds(1));
    }

    @Test
    void theShiftJisDetailPageDecodesToTheRightJapaneseText() {
        Applicant yamada = read(LONG_AGO).get(0);

        assertThat(yamada.name()).isEqualTo("山田 太郎");
        assertThat(yamada.nameKana()).isEqualTo("ﾔﾏﾀﾞ ﾀﾛｳ");
        assertThat(yamada.address()).isEqualTo("〒100-0005 東京都千代田区丸の内1-1-①");
        assertThat(yamada.fields()).containsEntry("現在の勤務先", "㈱デモ商事")
                .containsEntry("志望動機", "御社の「顧客第一」に共感しました。");
        assertThat(yamada.appliedAt()).isEqualTo(OffsetDateTime.parse("2026-11-21T10:05:00+09:00").toInstant());
        assertThat(yamada.birthDate()).isEqualTo(LocalDate.of(1990, 4, 1));
        assertThat(yamada.email()).isEqualTo("a1008@example.jp");
        assertThat(yamada.appliedJob()).isEqualTo("営業（法人向け）");
        Applicant takahashi = read(LONG_AGO).get(6);
        assertThat(takahashi.name()).isEqualTo("髙橋 美咲");
    }

    @Test
    void theResumeIsDownloadedInTheSessionWithItsNameAndType() throws IOException {
        Applicant yamada = read(LONG_AGO).get(0);

        assertThat(yamada.attachments()).hasSize(1);
        Attachment resume = yamada.attachments().get(0);
        assertThat(resume.fileName()).isEqualTo("履歴書_A1008.pdf");
        assertThat(resume.contentType()).isEqualTo("application/pdf");
        assertThat(resume.content()).isEqualTo(DemoBoards.fixture("demo-html/resume.pdf"));
    }

    @Test
    void readingStopsAtThePageThatReachesTheWatermark() {
        Instant since = OffsetDateTime.parse("2026-11-20T00:00:00+09:00").toInstant();

        List<Applicant> recent = read(since);

        assertThat(recent).extracting(Applicant::boardApplicationId).containsExactly("A1008", "A1007");
        assertThat(boards.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/demo-html/applicants")))).hasSize(1);
        assertThat(boards.requestCount("/demo-html/applicants/A1006")).isZero();
    }

    @Test
    void aSecondRunFindsApplicationsAddedLater() {
        Instant since = OffsetDateTime.parse("2026-11-21T10:00:00+09:00").toInstant();
        assertThat(read(since)).extracting(Applicant::boardApplicationId).containsExactly("A1008");

        boards.addApplication(DemoBoards.HTML, DemoBoards.HTML_LOGIN_ID, DemoBoards.Application.simple("A1009",
                OffsetDateTime.parse("2026-11-21T12:00:00+09:00").toInstant(), "小林 次郎"));

        assertThat(read(since)).extracting(Applicant::boardApplicationId, Applicant::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A1009", "小林 次郎"),
                        org.assertj.core.groups.Tuple.tuple("A1008", "山田 太郎"));
    }

    @Test
    void anEmptyListIsZeroApplicantsBecauseTheBoardSaysSo() {
        boards.addAccount(DemoBoards.HTML, Account.of("new@demo.example", "pw-3", "C0042", "EMP-3"));

        try (MediaSession s = board.login(new Credentials("new@demo.example", Secret.of("pw-3"),
                Map.of("companyCode", "C0042")))) {
            assertThat(s.accountKey()).isEqualTo("EMP-3");
            assertThat(s.applicants(LONG_AGO).toList()).isEmpty();
        }
    }

    @Test
    void aChangedListLayoutIsLayoutChangedNamingUrlAndSelector() {
        boards.server().stubFor(get(urlPathEqualTo("/demo-html/applicants")).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withBody(DemoBoards.fixture("demo-html/list-changed-layout.html"))));

        try (MediaSession s = board.login(DemoBoards.htmlCredentials())) {
            assertThatThrownBy(() -> s.applicants(LONG_AGO).toList())
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                        assertThat(e.code().actionRequired()).isFalse();
                        assertThat(e.detail()).contains(boards.baseUrl() + "/demo-html/applicants,",
                                "list.rowSelector 'table.applicant-list > tbody > tr.applicant'");
                    });
        }
    }

    @Test
    void aRowWithoutItsApplicationIdIsLayoutChanged() {
        boards.server().stubFor(get(urlPathEqualTo("/demo-html/applicants")).atPriority(1).willReturn(aResponse()
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withBody("<table class=\"applicant-list\"><tbody><tr class=\"applicant\"><td class=\"no\">A1</td>"
                        + "<td class=\"entry-date\">2026/11/21 10:05</td></tr></tbody></table>")));

        try (MediaSession s = board.login(DemoBoards.htmlCredentials())) {
            assertThatThrownBy(() -> s.applicants(LONG_AGO).toList())
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                        assertThat(e.detail()).contains("row 1: list.fields.boardApplicationId selector 'td.entry-id'");
                    });
        }
    }

    @Test
    void aMaintenancePageMidListingIsMaintenance() {
        try (MediaSession s = board.login(DemoBoards.htmlCredentials())) {
            boards.maintenance(true);
            assertThatThrownBy(() -> s.applicants(LONG_AGO).toList())
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.MAINTENANCE));
        }
    }

    @Test
    void aResumeOverTheSizeCapFailsTheListing() throws IOException {
        String json = SiteProfileTest.demoHtmlJson().replace("\"maxBytes\": 10485760", "\"maxBytes\": 50");
        MediaConnector capped = new SiteProfileMediaProvider(SiteProfile.parse(json, "capped.json"))
                .create(Support.context(boards.config(), sleeper));

        try (MediaSession s = capped.login(DemoBoards.htmlCredentials())) {
            assertThatThrownBy(() -> s.applicants(LONG_AGO).toList())
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESPONSE_TOO_LARGE));
        }
    }

    @Test
    void thePageCapStopsAnEndlessListLoudly() throws IOException {
        String json = SiteProfileTest.demoHtmlJson().replace("\"maxPages\": 30", "\"maxPages\": 2");
        MediaConnector capped = new SiteProfileMediaProvider(SiteProfile.parse(json, "capped.json"))
                .create(Support.context(boards.config(), sleeper));

        try (MediaSession s = capped.login(DemoBoards.htmlCredentials())) {
            assertThatThrownBy(() -> s.applicants(LONG_AGO).toList())
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                        assertThat(e.getMessage()).contains("2 list pages");
                        assertThat(e.detail()).contains("next page " + boards.baseUrl() + "/demo-html/applicants,");
                    });
        }
    }

    @Test
    void parameterPagingWalksPagesUntilTheBoardShowsTheEmptyMarker() throws IOException {
        String json = SiteProfileTest.demoHtmlJson()
                .replace("\"paging\": \"nextLink\"", "\"paging\": \"parameter\"")
                .replace("\"nextSelector\": \".pager a.next\",", "")
                .replace("\"detailLink\": { \"selector\": \"td.entry-name a.detail-link\", \"attribute\": \"abs:href\" }",
                        "\"detailLink\": null")
                .replaceAll("(?s)\"detail\": \\{.*\\}\\s*\\}\\s*$", "\"detail\": null }");
        MediaConnector byNumber = new SiteProfileMediaProvider(SiteProfile.parse(json, "by-number.json"))
                .create(Support.context(boards.config(), sleeper));

        try (MediaSession s = byNumber.login(DemoBoards.htmlCredentials())) {
            assertThat(s.applicants(LONG_AGO).toList()).hasSize(8);
        }
        // pages 1-3 hold rows, page 4 shows 該当する応募者はいません
        assertThat(boards.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/demo-html/applicants")))).hasSize(4);
        assertThat(boards.requestCount("/demo-html/applicants/")).isZero();
    }
}
