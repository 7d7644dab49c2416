package dev.renkei.core;

import dev.renkei.core.internal.Locales;

/**
 * Who has to act on an error.
 *
 * <p>Result mails mark a failed run 要対応 (action required) or 対応不要 (no action needed) from the
 * classification of its errors.
 */
public enum ErrorClassification {
    /** The customer must fix something (credentials, permissions, a screen to confirm, data). 要対応. */
    ACTION_REQUIRED("要対応", "Action required"),
    /** The operator investigates; the next run recovers by itself. 対応不要. */
    NO_ACTION_NEEDED("対応不要", "No action needed");

    private final String japanese;
    private final String english;

    ErrorClassification(String japanese, String english) {
        this.japanese = japanese;
        this.english = english;
    }

    /** The label used in Japanese mails, e.g. {@code 要対応}. */
    public String japaneseLabel() {
        return japanese;
    }

    /** The label used in English mails, e.g. {@code Action required}. */
    public String englishLabel() {
        return english;
    }

    /** The label for a locale: Japanese for {@code ja}, English otherwise. */
    public String label(java.util.Locale locale) {
        return Locales.isJapanese(locale) ? japanese : english;
    }
}
