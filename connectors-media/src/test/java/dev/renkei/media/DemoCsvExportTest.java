package dev.renkei.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaSession;
import dev.renkei.media.testing.DemoBoards;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoCsvExportTest {
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private DemoBoards boards;
    private MediaConnector board;

    @BeforeEach
    void start() {
        boards = DemoBoards.start();
        board = SiteProfileMediaProvider.demo("demo-csv")
                .create(Support.context(boards.config(), new Support.RecordingSleeper()));
    }

    @AfterEach
    void stop() {
        boards.close();
    }

    private List<Applicant> read(Instant since) {
        try (MediaSession s = board.login(DemoBoards.csvCredentials())) {
            assertThat(s.accountKey()).isEqualTo(DemoBoards.CSV_ACCOUNT_ID);
            return s.applicants(since).toList();
        }
    }

    private void serveExport(byte[] body, String contentType) {
        boards.server().stubFor(post(urlPathEqualTo("/demo-csv/export")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", contentType).withBody(body)));
    }

    @Test
    void theWindows31jExportDecodesToTheRightJapaneseText() {
        List<Applicant> all = read(LONG_AGO);

        assertThat(all).extracting(Applicant::boardApplicationId).containsExactly("C-5003", "C-5002", "C-5001");
        Applicant yamada = all.get(0);
        assertThat(yamada.name()).isEqualTo("山田 太郎");
        assertThat(yamada.nameKana()).isEqualTo("ﾔﾏﾀﾞ ﾀﾛｳ");
        assertThat(yamada.address()).isEqualTo("〒100-0005 東京都千代田区丸の内１－１－①");
        assertThat(yamada.fields().get("志望動機")).isEqualTo(
                "前職では㈱デモ商事で法人営業を担当し、\n新規開拓で成果を上げました。\n\"顧客第一\"を大切にしています。");
        assertThat(yamada.appliedAt()).isEqualTo(OffsetDateTime.parse("2026-11-21T09:15:00+09:00").toInstant());
        assertThat(yamada.birthDate()).isEqualTo(LocalDate.of(1990, 4, 1));
        assertThat(all.get(1).address()).isEqualTo("大阪府大阪市北区梅田2丁目, 梅田ビル5F");
        assertThat(all.get(2).name()).isEqualTo("髙橋 一郎");
    }

    @Test
    void theDownloadFormCarriesItsTokenAndTheSinceDate() {
        Instant since = OffsetDateTime.parse("2026-11-20T19:00:00+09:00").toInstant();

        List<Applicant> recent = read(since);

        assertThat(recent).extracting(Applicant::boardApplicationId).containsExactly("C-5003");
        boards.server().verify(exactly(1), postRequestedFor(urlPathEqualTo("/demo-csv/export"))
                .withRequestBody(containing("from=2026%2F11%2F20"))
                .withRequestBody(containing("enc=sjis"))
                .withRequestBody(containing("token=")));
    }

    @Test
    void quotedCommasAndLineBreaksInASavedExportParse() {
        serveExport(DemoBoards.fixture("demo-csv/export-sample.csv"), "text/csv");

        List<Applicant> all = read(LONG_AGO);

        assertThat(all).hasSize(3);
        assertThat(all.get(0).fields().get("志望動機")).contains("\n新規開拓で", "\"顧客第一\"");
        assertThat(all.get(1).address()).isEqualTo("大阪府大阪市北区梅田2丁目, 梅田ビル5F");
        assertThat(all.get(1).fields()).containsEntry("志望動機", "簿記２級、ＭＯＳ取得済み。");
        assertThat(all.get(2).fields()).doesNotContainKey("志望動機");
        assertThat(all.get(2).name()).isEqualTo("髙橋 一郎");
    }

    @Test
    void anEmptyExportIsZeroApplicants() {
        serveExport(DemoBoards.fixture("demo-csv/export-empty.csv"), "text/csv");

        assertThat(read(LONG_AGO)).isEmpty();
    }

    @Test
    void aUtf8ExportWithBomIsDetected() {
        String text = "\uFEFF応募ID,応募日時,氏名\r\nU-1,2026/11/21 10:00,山田 太郎\r\n";
        serveExport(text.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(read(LONG_AGO)).extracting(Applicant::name).containsExactly("山田 太郎");
    }

    @Test
    void aUtf8ExportWithoutBomIsDetectedStrictly() {
        serveExport("応募ID,応募日時,氏名\nU-2,2026/11/21 10:00,①㈱テスト\n".getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(read(LONG_AGO)).extracting(Applicant::name).containsExactly("①㈱テスト");
    }

    @Test
    void anExportWithoutTheIdColumnIsLayoutChangedNamingTheColumn() {
        serveExport("受付番号,応募日時,氏名\r\n1,2026/11/21 10:00,山田\r\n".getBytes(Charset.forName("windows-31j")),
                "text/csv");

        try (MediaSession s = board.login(DemoBoards.csvCredentials())) {
            assertThatThrownBy(() -> s.applicants(LONG_AGO))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                        assertThat(e.detail()).contains("/demo-csv/export",
                                "export.fields.boardApplicationId.column '応募ID'");
                    });
        }
    }

    @Test
    void anHtmlPageInsteadOfTheFileIsLayoutChanged() {
        serveExport("<html><body><p>エラーが発生しました</p></body></html>".getBytes(StandardCharsets.UTF_8),
                "text/html; charset=UTF-8");

        try (MediaSession s = board.login(DemoBoards.csvCredentials())) {
            assertThatThrownBy(() -> s.applicants(LONG_AGO))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.LAYOUT_CHANGED);
                        assertThat(e.getMessage()).contains("HTML page instead of a file");
                    });
        }
    }

    @Test
    void aWrongPasswordIsLoginFailed() {
        assertThatThrownBy(() -> board.login(Credentials.of(DemoBoards.CSV_LOGIN_ID, "nope")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED);
                    assertThat(e.getMessage()).contains("ユーザーIDまたはパスワードに誤りがあります。");
                });
        assertThat(boards.requestCount("/demo-csv/export")).isZero();
    }

    @Test
    void aSecondRunFindsApplicationsAddedLater() {
        Instant since = OffsetDateTime.parse("2026-11-21T00:00:00+09:00").toInstant();
        assertThat(read(since)).hasSize(1);

        boards.addApplication(DemoBoards.CSV, DemoBoards.CSV_LOGIN_ID, DemoBoards.Application.simple("C-5004",
                OffsetDateTime.parse("2026-11-21T15:00:00+09:00").toInstant(), "新井 さくら"));

        assertThat(read(since)).extracting(Applicant::boardApplicationId).containsExactly("C-5004", "C-5003");
    }
}
