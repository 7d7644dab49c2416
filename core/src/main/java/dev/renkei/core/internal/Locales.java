package dev.renkei.core.internal;

import java.util.Locale;

/** Which of the two languages Renkei writes (mails, labels, remedies) a locale asks for. Not API. */
public final class Locales {
    private Locales() {}

    /** True for {@code ja} (any country or variant); everything else is written in English. */
    public static boolean isJapanese(Locale locale) {
        return "ja".equals(locale.getLanguage());
    }
}
