package dev.renkei.core.model;

import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import dev.renkei.core.support.ControlCharacters;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who receives a robot's result mails, and in which language.
 *
 * @param to at least one address
 * @param cc optional addresses
 * @param locale {@code ja} or {@code en}; other languages fall back to English
 */
public record NotificationSettings(List<String> to, List<String> cc, Locale locale) {
    /** An addr-spec without display name, comments or quoted local parts: what forms accept in practice. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** Validates every address, removes exact repeats. */
    public NotificationSettings {
        Checks.notNull(to, "notification To list");
        to = validated(to, "To");
        cc = cc == null ? List.of() : validated(cc, "Cc");
        if (to.isEmpty()) {
            throw new ValidationException("notification settings need at least one To address");
        }
        locale = locale == null ? Locale.JAPANESE : locale;
    }

    /** Japanese mails to the given addresses, no Cc. */
    public static NotificationSettings to(String... addresses) {
        return new NotificationSettings(List.of(addresses), List.of(), Locale.JAPANESE);
    }

    /** True when the address is acceptable as a To/Cc address. */
    public static boolean isValidAddress(String address) {
        return address != null && address.length() <= 254 && ADDRESS.matcher(address).matches();
    }

    private static List<String> validated(List<String> addresses, String field) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String a : addresses) {
            if (ControlCharacters.containsAny(a)) {
                throw new ValidationException(field + " address '" + Checks.printable(a)
                        + "' must not contain line breaks or control characters");
            }
            String trimmed = a == null ? null : a.strip();
            if (!isValidAddress(trimmed)) {
                throw new ValidationException(field + " address '" + Checks.printable(a) + "' is not a valid e-mail address");
            }
            out.add(trimmed);
        }
        return List.copyOf(out);
    }
}
