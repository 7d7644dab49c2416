package dev.renkei.media.internal;

import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An application as read from a row or record, before it becomes an {@link Applicant}. Not API. */
public final class RawApplication {
    final String id;
    final Values.BoardTime appliedAt;
    final Map<String, String> values = new LinkedHashMap<>();
    final Map<String, String> free = new LinkedHashMap<>();
    final List<Attachment> attachments = new ArrayList<>();
    String detailUrl;

    RawApplication(String id, Values.BoardTime appliedAt) {
        this.id = id;
        this.appliedAt = appliedAt;
    }

    /** A copy with the row's values, so loading a detail never changes the row itself. */
    RawApplication copy() {
        RawApplication c = new RawApplication(id, appliedAt);
        c.values.putAll(values);
        c.free.putAll(free);
        c.attachments.addAll(attachments);
        c.detailUrl = detailUrl;
        return c;
    }

    /** Builds the applicant; a birth date that does not match its pattern is kept as a free field instead. */
    Applicant toApplicant(String birthDateFormat) {
        Applicant.Builder b = Applicant.builder(id, appliedAt.instant())
                .name(values.get("name"))
                .nameKana(values.get("nameKana"))
                .email(values.get("email"))
                .phone(values.get("phone"))
                .gender(values.get("gender"))
                .address(values.get("address"))
                .appliedJob(values.get("appliedJob"));
        String birth = values.get("birthDate");
        if (birth != null) {
            try {
                b.birthDate(birthDateFormat == null ? LocalDate.parse(birth) : Values.date(birth, birthDateFormat));
            } catch (DateTimeParseException e) {
                b.field("birthDate", birth);
            }
        }
        free.forEach(b::field);
        attachments.forEach(b::attachment);
        return b.build();
    }
}
