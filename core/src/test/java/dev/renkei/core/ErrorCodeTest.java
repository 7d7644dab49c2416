package dev.renkei.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {
    /** The design's list of errors the customer must fix. */
    private static final Set<ErrorCode> ACTION_REQUIRED = EnumSet.of(ErrorCode.LOGIN_FAILED,
            ErrorCode.PERMISSION_MISSING, ErrorCode.UNEXPECTED_SCREEN, ErrorCode.ACCOUNT_LOCKED,
            ErrorCode.MEETING_LINK_REVOKED, ErrorCode.MEETING_HOST_NOT_FOUND, ErrorCode.CRM_GRANT_MISSING,
            ErrorCode.DATA_REJECTED, ErrorCode.CONFIGURATION_INVALID);

    /** The design's list of errors the operator looks at and the next run recovers from. */
    private static final Set<ErrorCode> NO_ACTION_NEEDED = EnumSet.of(ErrorCode.UNAVAILABLE, ErrorCode.MAINTENANCE,
            ErrorCode.TIMEOUT, ErrorCode.LAYOUT_CHANGED, ErrorCode.RATE_LIMITED, ErrorCode.RESPONSE_TOO_LARGE,
            ErrorCode.APPLICANT_INCOMPLETE, ErrorCode.INTERNAL, ErrorCode.UNKNOWN);

    @Test
    void everyCodeIsOnExactlyOneOfTheDesignsLists() {
        assertThat(Stream.concat(ACTION_REQUIRED.stream(), NO_ACTION_NEEDED.stream()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(ErrorCode.values());
        assertThat(EnumSet.copyOf(ACTION_REQUIRED)).doesNotContainAnyElementsOf(NO_ACTION_NEEDED);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void hasTheClassificationTheDesignGivesIt(ErrorCode code) {
        ErrorClassification expected = ACTION_REQUIRED.contains(code)
                ? ErrorClassification.ACTION_REQUIRED : ErrorClassification.NO_ACTION_NEEDED;

        assertThat(code.classification()).isEqualTo(expected);
        assertThat(code.actionRequired()).isEqualTo(expected == ErrorClassification.ACTION_REQUIRED);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void hasJapaneseAndEnglishRemediesThatNameWhere(ErrorCode code) {
        String ja = code.remedy(Locale.JAPANESE, "doda_001");
        String en = code.remedy(Locale.ENGLISH, "doda_001");

        assertThat(ja).isNotBlank().contains("doda_001").doesNotContain("{0}").containsPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
        assertThat(en).isNotBlank().contains("doda_001").doesNotContain("{0}").matches("[\\x20-\\x7E]+");
        assertThat(ja).isNotEqualTo(en);
        assertThat(code.remedy(Locale.JAPAN, "ATS")).contains("ATS").isEqualTo(code.remedy(Locale.JAPANESE, "ATS"));
        assertThat(code.remedy(Locale.GERMAN, "ATS")).isEqualTo(code.remedy(Locale.ENGLISH, "ATS"));
    }

    @Test
    void classificationsHaveMailLabels() {
        assertThat(ErrorClassification.ACTION_REQUIRED.label(Locale.JAPANESE)).isEqualTo("要対応");
        assertThat(ErrorClassification.NO_ACTION_NEEDED.label(Locale.JAPANESE)).isEqualTo("対応不要");
        assertThat(ErrorClassification.ACTION_REQUIRED.label(Locale.ENGLISH)).isEqualTo("Action required");
    }

    @Test
    void exceptionsCarryTheirCodesClassification() {
        assertThat(new ConnectorException(ErrorCode.LOGIN_FAILED, "refused").classification())
                .isEqualTo(ErrorClassification.ACTION_REQUIRED);
        assertThat(new ValidationException("bad").code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        assertThat(new NotFoundException("gone")).isNotInstanceOf(ValidationException.class)
                .isInstanceOf(RenkeiException.class);
        assertThat(new StoreException("db", null).code()).isEqualTo(ErrorCode.INTERNAL);
    }
}
