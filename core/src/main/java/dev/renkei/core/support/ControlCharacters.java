package dev.renkei.core.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line breaks and other control characters: every C0 control (NUL, TAB, LF, CR …), DEL, NEXT LINE (U+0085),
 * LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). A value that holds one can break a header, forge a log
 * line or fake a layout; these helpers find or replace them.
 */
public final class ControlCharacters {
    private static final Pattern ONE = Pattern.compile("[\\x00-\\x1F\\x7F\\u0085\\u2028\\u2029]");
    private static final Pattern RUN = Pattern.compile(ONE.pattern() + "+");

    private ControlCharacters() {}

    /** True when {@code value} holds a line break or control character; false for {@code null}. */
    public static boolean containsAny(String value) {
        return value != null && ONE.matcher(value).find();
    }

    /**
     * Replaces each line break or control character with {@code replacement} (taken literally).
     *
     * @return the replaced value, {@code null} for {@code null}
     */
    public static String replace(String value, String replacement) {
        return value == null ? null : ONE.matcher(value).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /**
     * Replaces each run of line breaks and control characters with one {@code replacement} (taken literally), so
     * {@code "a\r\nb"} becomes {@code "a b"} with a space.
     *
     * @return the replaced value, {@code null} for {@code null}
     */
    public static String replaceRuns(String value, String replacement) {
        return value == null ? null : RUN.matcher(value).replaceAll(Matcher.quoteReplacement(replacement));
    }
}
