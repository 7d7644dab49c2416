package dev.renkei.core.mail;

import dev.renkei.core.ErrorCode;

/**
 * A mail was refused before anything was sent because a header-bound value (subject, an address, a display name)
 * holds a line break or control character (CR, LF, NUL, U+0085, U+2028, U+2029 …) or an address does not parse
 * strictly. Such values are rejected, never silently stripped: stripping would hide header-injection attempts.
 * Never retryable.
 */
public final class InvalidMailException extends MailSendException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /** A refused mail; {@code field} names the bad value ({@code subject}, {@code to}, {@code from} …). */
    public InvalidMailException(String field, String message) {
        this(field, message, null);
    }

    /** A refused mail with the parser's cause. */
    public InvalidMailException(String field, String message, Throwable cause) {
        super(ErrorCode.DATA_REJECTED, message, false, cause);
        this.field = field;
    }

    /** The name of the refused value. */
    public String field() {
        return field;
    }
}
