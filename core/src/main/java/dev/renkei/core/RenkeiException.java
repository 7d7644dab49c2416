package dev.renkei.core;

import java.util.Objects;

/**
 * The root of every exception Renkei throws. Unchecked; carries an {@link ErrorCode} that fixes its
 * {@link ErrorClassification}. Messages say what failed, where and what to do, and never contain a secret.
 */
public class RenkeiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** Creates an exception with a code and a message. */
    public RenkeiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** Creates an exception with a code, a message and a cause. */
    public RenkeiException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** What went wrong. */
    public ErrorCode code() {
        return code;
    }

    /** Shorthand for {@code code().classification()}. */
    public ErrorClassification classification() {
        return code.classification();
    }
}
