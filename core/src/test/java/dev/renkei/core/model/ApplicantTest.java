package dev.renkei.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.renkei.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplicantTest {
    private static final Instant AT = Instant.parse("2025-04-01T01:23:45Z");

    @Test
    void buildsAnApplicantWithAllFields() {
        Attachment resume = new Attachment("履歴書.pdf", "application/pdf", new byte[] {1, 2, 3});
        Applicant a = Applicant.builder("A-1001", AT).name("山田 太郎").nameKana("ヤマダ タロウ")
                .email("taro@example.jp").phone("090-0000-0000").birthDate(LocalDate.of(1990, 4, 1)).gender("男性")
                .address("〒100-0001 東京都千代田区").appliedJob("営業職").field("学歴", "大学卒").field("空欄", null)
                .attachment(resume).build();

        assertThat(a.boardApplicationId()).isEqualTo("A-1001");
        assertThat(a.name()).isEqualTo("山田 太郎");
        assertThat(a.fields()).containsExactly(Map.entry("学歴", "大学卒"));
        assertThat(a.attachments()).containsExactly(resume);
    }

    @Test
    void onlyIdAndAppliedAtAreRequired() {
        Applicant a = new Applicant("x", AT, null, null, null, null, null, null, null, null, null, null);

        assertThat(a.fields()).isEmpty();
        assertThat(a.attachments()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "A-1\r\nX", "A\u0000"})
    void rejectsABlankOrMultiLineId(String id) {
        assertThatThrownBy(() -> Applicant.builder(id, AT).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("board application id");
    }

    @Test
    void rejectsAnOverlongIdAndAMissingTime() {
        assertThatThrownBy(() -> Applicant.builder("x".repeat(201), AT).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("200");
        assertThatThrownBy(() -> Applicant.builder("x", null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("appliedAt");
    }

    @Test
    void copiesFieldsKeepingTheBoardsOrderAndDroppingEmptyOnes() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("職歴", "A社");
        fields.put("学歴", "B大学");
        fields.put("自己PR", null);
        fields.put("資格", "TOEIC 800");
        Applicant a = new Applicant("x", AT, null, null, null, null, null, null, null, null, fields, null);
        fields.put("追加", "later");

        assertThat(a.fields()).containsExactly(Map.entry("職歴", "A社"), Map.entry("学歴", "B大学"),
                Map.entry("資格", "TOEIC 800"));
        assertThatThrownBy(() -> a.fields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsABlankFieldNameAndANullAttachment() {
        Map<String, String> fields = new HashMap<>();
        fields.put(" ", "v");
        List<Attachment> attachments = new ArrayList<>();
        attachments.add(null);

        assertThatThrownBy(() -> new Applicant("x", AT, null, null, null, null, null, null, null, null, fields, null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("applicant field name");
        assertThatThrownBy(() -> new Applicant("x", AT, null, null, null, null, null, null, null, null, null,
                attachments)).isInstanceOf(ValidationException.class).hasMessageContaining("attachments");
    }

    @Test
    void copiesAttachmentLists() {
        List<Attachment> list = new ArrayList<>();
        list.add(new Attachment("cv.pdf", null, new byte[0]));
        Applicant a = new Applicant("x", AT, null, null, null, null, null, null, null, null, null, list);
        list.clear();

        assertThat(a.attachments()).hasSize(1);
    }

    @Test
    void attachmentBytesAreCopiedInAndOut() {
        byte[] bytes = "PDF".getBytes(StandardCharsets.US_ASCII);
        Attachment att = new Attachment("職務経歴書.pdf", " application/pdf ", bytes);
        bytes[0] = 'X';
        att.content()[1] = 'X';

        assertThat(att.content()).containsExactly('P', 'D', 'F');
        assertThat(att.contentType()).isEqualTo("application/pdf");
        assertThat(att.size()).isEqualTo(3);
        assertThat(att).isEqualTo(new Attachment("職務経歴書.pdf", "application/pdf", new byte[] {'P', 'D', 'F'}));
        assertThat(att.toString()).contains("3 bytes").doesNotContain("PDF,");
    }

    @Test
    void attachmentDefaultsItsContentType() {
        assertThat(new Attachment("a.bin", null, new byte[0]).contentType()).isEqualTo("application/octet-stream");
        assertThat(new Attachment("a.bin", "  ", new byte[0]).contentType()).isEqualTo("application/octet-stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "dir/cv.pdf", "C:\\cv.pdf", "cv\r\n.pdf", "", " "})
    void attachmentRejectsPathsLineBreaksAndBlankNames(String name) {
        assertThatThrownBy(() -> new Attachment(name, "application/pdf", new byte[1]))
                .isInstanceOf(ValidationException.class).hasMessageContaining("attachment file name");
    }

    @Test
    void attachmentRejectsMissingContentAndAMultiLineType() {
        assertThatThrownBy(() -> new Attachment("cv.pdf", "application/pdf", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("attachment content");
        assertThatThrownBy(() -> new Attachment("cv.pdf", "text/plain\r\nX-Evil: 1", new byte[0]))
                .isInstanceOf(ValidationException.class).hasMessageContaining("content type");
    }
}
