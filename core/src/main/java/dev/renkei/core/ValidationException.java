package dev.renkei.core;

/**
 * Input that Renkei refuses: a malformed value, a setting outside its allowed range, hostile data. Nothing is
 * changed when it is thrown. Its code is {@link ErrorCode#CONFIGURATION_INVALID} unless given otherwise.
 */
public class ValidationException extends RenkeiException {
    private static final long serialVersionUID = 1L;

    /** A configuration/input error with a message that names the bad field and why it is bad. */
    public ValidationException(String message) {
        super(ErrorCode.CONFIGURATION_INVALID, message);
    }

    /** An input error with a specific code (e.g. {@link ErrorCode#DATA_REJECTED}). */
    public ValidationException(ErrorCode code, String message) {
        super(code, message);
    }

    /** An input error with a cause (e.g. a parser exception). */
    public ValidationException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
