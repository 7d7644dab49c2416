package dev.renkei.core.mail.internal;

import dev.renkei.core.support.Checks;
import dev.renkei.core.mail.InvalidMailException;
import dev.renkei.core.support.ControlCharacters;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;

/** Checks for values that end up in mail headers. Not API. */
public final class HeaderValues {
    private HeaderValues() {}

    /**
     * Rejects a header-bound value holding CR, LF, NUL, any other C0 control, DEL, U+0085, U+2028 or U+2029.
     *
     * @throws InvalidMailException naming the field
     */
    public static String requireSingleLine(String field, String value) {
        if (value == null) {
            throw new InvalidMailException(field, "mail " + field + " is missing");
        }
        if (ControlCharacters.containsAny(value)) {
            throw new InvalidMailException(field, "mail " + field + " '" + Checks.printable(value)
                    + "' contains a line break or control character; it is refused rather than stripped");
        }
        return value;
    }

    /**
     * Parses one address strictly ({@code user@example.com} or {@code Name <user@example.com>}): no groups, no
     * lists, no line breaks, an ASCII addr-spec with a domain.
     *
     * @throws InvalidMailException naming the field
     */
    public static InternetAddress parseAddress(String field, String value) {
        requireSingleLine(field, value);
        InternetAddress address;
        try {
            InternetAddress[] parsed = InternetAddress.parse(value, true);
            if (parsed.length != 1) {
                throw new InvalidMailException(field, "mail " + field + " '" + Checks.printable(value)
                        + "' must be exactly one address");
            }
            address = parsed[0];
            if (address.isGroup()) {
                throw new InvalidMailException(field, "mail " + field + " '" + Checks.printable(value)
                        + "' must not be a group");
            }
            address.validate();
        } catch (AddressException e) {
            throw new InvalidMailException(field, "mail " + field + " '" + Checks.printable(value)
                    + "' is not a valid address: " + e.getMessage(), e);
        }
        String spec = address.getAddress();
        if (spec == null || spec.indexOf('@') <= 0 || spec.endsWith("@")
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(spec)) {
            throw new InvalidMailException(field, "mail " + field + " '" + Checks.printable(value)
                    + "' is not a valid address: expected an ASCII user@domain");
        }
        if (address.getPersonal() != null) {
            requireSingleLine(field + " name", address.getPersonal());
        }
        return address;
    }
}
