package dev.renkei.core.mypage.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** E-mail normalisation for matching accounts: trimmed, NFKC, the domain lower-cased. Not API. */
public final class Emails {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]"
            + "{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private Emails() {}

    /** The normalised address, or empty when missing or not a plausible address. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        if (s.length() > 254 || !SHAPE.matcher(s).matches()) {
            return Optional.empty();
        }
        int at = s.lastIndexOf('@');
        return Optional.of(s.substring(0, at) + "@" + s.substring(at + 1).toLowerCase(Locale.ROOT));
    }
}
