package dev.renkei.core.mail;

import dev.renkei.core.ErrorCode;
import dev.renkei.core.RenkeiException;

/**
 * A mail could not be sent. {@link #retryable()} tells the {@link OutboxRelay} whether another attempt may
 * succeed (the server was unreachable, timed out or answered 4xx) or whether the mail itself was refused for good
 * (a 5xx for a recipient or the content, an invalid address or header value); the relay gives up on the latter at
 * once. The message never contains a password.
 */
public class MailSendException extends RenkeiException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /** A send failure. */
    public MailSendException(ErrorCode code, String message, boolean retryable, Throwable cause) {
        super(code, message, cause);
        this.retryable = retryable;
    }

    /** True when a later attempt may succeed; false when the mail is refused for good. */
    public boolean retryable() {
        return retryable;
    }
}
