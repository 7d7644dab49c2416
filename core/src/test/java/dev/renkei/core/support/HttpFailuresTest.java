package dev.renkei.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.HttpResult;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpFailuresTest {
    @ParameterizedTest
    @CsvSource({"401,LOGIN_FAILED", "403,PERMISSION_MISSING", "400,DATA_REJECTED", "422,DATA_REJECTED",
            "404,CONFIGURATION_INVALID", "429,RATE_LIMITED", "408,TIMEOUT", "504,TIMEOUT", "500,UNAVAILABLE",
            "503,UNAVAILABLE", "409,UNKNOWN", "302,UNKNOWN"})
    void apiStatusesMapToOneCodeEach(int status, ErrorCode expected) {
        assertThat(HttpFailures.apiCode(status)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"429,RATE_LIMITED", "408,TIMEOUT", "504,TIMEOUT", "502,UNAVAILABLE", "401,", "403,", "404,", "200,"})
    void onlyRetryableStatusesHaveATransientCode(int status, ErrorCode expected) {
        assertThat(HttpFailures.transientCode(status).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"500,true", "502,true", "504,true", "501,false", "400,false", "429,false"})
    void aWriteIsUnclearOnlyAfterAServerErrorThatMayHaveLanded(int status, boolean unclear) {
        assertThat(HttpFailures.unclear(status)).isEqualTo(unclear);
    }

    @ParameterizedTest
    @CsvSource({"401,refused the credentials", "403,denied permission", "404,check the base URL", "503,failed with 503"})
    void theExceptionSaysWhatWasAttemptedAndNeverQuotesTheBodyOrQuery(int status, String phrase) {
        HttpResult r = new HttpResult(status, HttpHeaders.of(Map.of("Content-Type", List.of("application/json")),
                (a, b) -> true), "{\"secret\":\"body-canary\"}".getBytes(),
                URI.create("https://api.example.com/v1/items?api_key=query-canary"), 1);

        ConnectorException e = HttpFailures.of("Vendor", "create the item", r);

        assertThat(e.code()).isEqualTo(HttpFailures.apiCode(status));
        assertThat(e.getMessage()).contains("Vendor").contains(phrase).contains("create the item");
        assertThat(e.getMessage() + e.detail()).doesNotContain("body-canary").doesNotContain("query-canary");
    }
}
