package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One application on a job board. Only the board application id and the applied-at time are required; boards
 * fill the rest unevenly. Values are kept as the board gave them (escape them before putting them into HTML).
 *
 * @param boardApplicationId the board's id of the application (stable, unique per board account)
 * @param appliedAt when the application was made
 * @param name full name in kanji/latin (氏名), or {@code null}
 * @param nameKana reading in kana (氏名カナ), or {@code null}
 * @param email e-mail, or {@code null}
 * @param phone phone number, or {@code null}
 * @param birthDate birth date, or {@code null}
 * @param gender gender as the board shows it, or {@code null}
 * @param address postal address (郵便番号 + 住所), or {@code null}
 * @param appliedJob the job applied to (求人名称 or number), or {@code null}
 * @param fields further board fields by name (学歴, 職歴, 自己PR …), in the board's order; fields without a value
 *     are left out
 * @param attachments résumé files
 */
public record Applicant(String boardApplicationId, Instant appliedAt, String name, String nameKana, String email,
                        String phone, LocalDate birthDate, String gender, String address, String appliedJob,
                        Map<String, String> fields, List<Attachment> attachments) {
    /** Validates and copies. */
    public Applicant {
        boardApplicationId = Checks.singleLine(Checks.notBlank(boardApplicationId, "board application id"),
                "board application id");
        if (boardApplicationId.length() > 200) {
            throw new dev.renkei.core.ValidationException("board application id is longer than 200 characters");
        }
        Checks.notNull(appliedAt, "appliedAt");
        fields = copyFields(fields);
        if (attachments != null && attachments.contains(null)) {
            throw new dev.renkei.core.ValidationException("attachments of application " + boardApplicationId
                    + " contain a null entry");
        }
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Copies the free fields keeping their order; a field without a value is left out. */
    private static Map<String, String> copyFields(Map<String, String> fields) {
        if (fields == null || fields.isEmpty()) {
            return Map.of();
        }
        java.util.LinkedHashMap<String, String> copy = new java.util.LinkedHashMap<>();
        fields.forEach((k, v) -> {
            Checks.notBlank(k, "applicant field name");
            if (v != null) {
                copy.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** A builder, convenient for connectors that fill fields one by one. */
    public static Builder builder(String boardApplicationId, Instant appliedAt) {
        return new Builder(boardApplicationId, appliedAt);
    }

    /** A mutable builder for {@link Applicant}. */
    public static final class Builder {
        private final String id;
        private final Instant appliedAt;
        private String name, nameKana, email, phone, gender, address, appliedJob;
        private LocalDate birthDate;
        private final java.util.LinkedHashMap<String, String> fields = new java.util.LinkedHashMap<>();
        private final java.util.ArrayList<Attachment> attachments = new java.util.ArrayList<>();

        private Builder(String id, Instant appliedAt) {
            this.id = id;
            this.appliedAt = appliedAt;
        }

        /** Sets the name. */
        public Builder name(String v) { this.name = v; return this; }
        /** Sets the kana reading. */
        public Builder nameKana(String v) { this.nameKana = v; return this; }
        /** Sets the e-mail. */
        public Builder email(String v) { this.email = v; return this; }
        /** Sets the phone. */
        public Builder phone(String v) { this.phone = v; return this; }
        /** Sets the birth date. */
        public Builder birthDate(LocalDate v) { this.birthDate = v; return this; }
        /** Sets the gender. */
        public Builder gender(String v) { this.gender = v; return this; }
        /** Sets the address. */
        public Builder address(String v) { this.address = v; return this; }
        /** Sets the applied job. */
        public Builder appliedJob(String v) { this.appliedJob = v; return this; }
        /** Adds a free field. */
        public Builder field(String k, String v) { if (v != null) fields.put(k, v); return this; }
        /** Adds an attachment. */
        public Builder attachment(Attachment a) { attachments.add(a); return this; }

        /** Builds the applicant. */
        public Applicant build() {
            return new Applicant(id, appliedAt, name, nameKana, email, phone, birthDate, gender, address, appliedJob,
                    fields, attachments);
        }
    }
}
