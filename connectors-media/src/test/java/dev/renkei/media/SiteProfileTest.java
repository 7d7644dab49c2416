package dev.renkei.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.ValidationException;
import dev.renkei.core.spi.ConnectorContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteProfileTest {

    static String demoHtmlJson() throws IOException {
        try (InputStream in = SiteProfileTest.class.getClassLoader()
                .getResourceAsStream("dev/renkei/media/profiles/demo-html.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shippedDemoProfilesLoadAndNameTheirMedium() {
        SiteProfileMediaProvider html = SiteProfileMediaProvider.demo("demo-html");
        SiteProfileMediaProvider csv = SiteProfileMediaProvider.demo("demo-csv");

        assertThat(html.id()).isEqualTo("demo-html");
        assertThat(html.profile().list().fields()).containsKeys("boardApplicationId", "appliedAt");
        assertThat(html.profile().pacing().delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(html.profile().list().paging()).isEqualTo(SiteProfile.Paging.NEXT_LINK);
        assertThat(csv.id()).isEqualTo("demo-csv");
        assertThat(csv.profile().export().fields().get("name").column()).isEqualTo("氏名");
    }

    @Test
    void aTypoInAFieldNameIsRejectedNamingThePath() throws IOException {
        String json = demoHtmlJson().replace("\"rowSelector\"", "\"rowSelecter\"");

        assertThatThrownBy(() -> SiteProfile.parse(json, "my-board.json"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("my-board.json")
                .hasMessageContaining("unknown field 'list.rowSelecter'")
                .hasMessageContaining("rowSelector");
    }

    @Test
    void aTypoInsideAMarkerListNamesTheIndex() throws IOException {
        String json = demoHtmlJson().replace("\"messageSelector\": \".modal-message\" },",
                "\"messageSelektor\": \".modal-message\" },");

        assertThatThrownBy(() -> SiteProfile.parse(json, "x.json"))
                .hasMessageContaining("unknown field 'markers.interstitials[0].messageSelektor'");
    }

    @Test
    void aMisspelledApplicantFieldIsRejectedNamingIt() throws IOException {
        String json = demoHtmlJson().replace("\"appliedJob\": { \"selector\": \"td.entry-job\" }",
                "\"appliedJobb\": { \"selector\": \"td.entry-job\" }");

        assertThatThrownBy(() -> SiteProfile.parse(json, "x.json"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("list.fields.appliedJobb is not an applicant field");
    }

    @Test
    void invalidValuesAreAllReportedWithTheirPaths() throws IOException {
        String json = demoHtmlJson()
                .replace("\"rowSelector\": \"table.applicant-list > tbody > tr.applicant\"", "\"rowSelector\": \"\"")
                .replace("\"format\": \"yyyy/MM/dd HH:mm\"", "\"format\": \"yyyy/MM/dd {{HH\"")
                .replace("\"selector\": \"#email\"", "\"selector\": \"#email[\"")
                .replace("\"maxPages\": 30", "\"maxPages\": 0");

        assertThatThrownBy(() -> SiteProfile.parse(json, "x.json"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("list.rowSelector is required")
                .hasMessageContaining("list.fields.appliedAt.format is not a valid date pattern")
                .hasMessageContaining("detail.fields.email.selector is not a valid CSS selector")
                .hasMessageContaining("pacing.maxPages must be at least 1");
    }

    @Test
    void aWrongTypeAndAnUnknownPagingModeNameTheField() throws IOException {
        assertThatThrownBy(() -> SiteProfile.parse(demoHtmlJson().replace("\"maxPages\": 30", "\"maxPages\": \"many\""),
                "x.json")).hasMessageContaining("field 'pacing.maxPages' is invalid");
        assertThatThrownBy(() -> SiteProfile.parse(demoHtmlJson().replace("\"paging\": \"nextLink\"",
                "\"paging\": \"scroll\""), "x.json")).hasMessageContaining("'list.paging'");
    }

    @Test
    void aProfileNeedsExactlyOneOfListAndExport() throws IOException {
        String json = demoHtmlJson().replaceFirst("\"list\": \\{", "\"ignored\": {");

        assertThatThrownBy(() -> SiteProfile.parse(json, "x.json")).hasMessageContaining("unknown field 'ignored'");
        String noList = "{\"id\":\"b\",\"name\":\"B\",\"baseUrl\":\"https://b.example\",\"login\":{\"url\":\"/l\","
                + "\"formSelector\":\"form\",\"loginIdField\":\"u\",\"passwordField\":\"p\",\"success\":{\"text\":\"ok\"}}}";
        assertThatThrownBy(() -> SiteProfile.parse(noList, "b.json"))
                .hasMessageContaining("list a profile reads either 'list' (HTML pages) or 'export'");
    }

    @Test
    void malformedJsonNamesTheLine() {
        assertThatThrownBy(() -> SiteProfile.parse("{\n \"id\": \"x\",\n oops }", "bad.json"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("bad.json: not valid JSON at line 3");
    }

    @Test
    void aProfileLoadsFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-board.json");
        Files.writeString(file, demoHtmlJson().replace("\"id\": \"demo-html\"", "\"id\": \"my-board\""));

        SiteProfileMediaProvider provider = SiteProfileMediaProvider.fromFile(file);

        assertThat(provider.id()).isEqualTo("my-board");
    }

    @Test
    void theBaseUrlSettingMustBeAnHttpUrl() {
        SiteProfileMediaProvider provider = SiteProfileMediaProvider.demo("demo-html");
        ConnectorContext ctx = Support.context(Map.of("baseUrl", "ftp://x"), new Support.RecordingSleeper());

        assertThatThrownBy(() -> provider.create(ctx))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("baseUrl")
                .satisfies(e -> assertThat(((ValidationException) e).code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID));
    }

    @Test
    void aProfileBuiltInJavaIsValidatedByTheProvider() {
        SiteProfile broken = SiteProfile.loadResource("dev/renkei/media/profiles/demo-csv.json").withBaseUrl("not a url");

        assertThatThrownBy(() -> new SiteProfileMediaProvider(broken)).hasMessageContaining("baseUrl");
    }
}
