package dev.renkei.core.model;

import dev.renkei.core.ErrorClassification;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.support.Checks;
import java.util.Locale;

/**
 * One error of a run: what, where, and for the operator the technical cause.
 *
 * @param code the error code (fixes the classification)
 * @param where a slot id such as {@code doda_001}, or {@code ATS}
 * @param boardApplicationId the application concerned, or {@code null} for slot/robot level errors
 * @param message what failed, for the customer (never a secret)
 * @param detail technical cause for the operator (exception class, status line, URL, selector), or {@code null}
 */
public record SyncError(ErrorCode code, String where, String boardApplicationId, String message, String detail) {
    /** Where-value for errors of the ATS account. */
    public static final String ATS = "ATS";

    /** Validates. */
    public SyncError {
        Checks.notNull(code, "error code");
        Checks.notBlank(where, "where");
        message = message == null ? code.name() : message;
    }

    /** The fixed classification of the code. */
    public ErrorClassification classification() {
        return code.classification();
    }

    /** The remedy in a locale. */
    public String remedy(Locale locale) {
        return code.remedy(locale, where);
    }
}
