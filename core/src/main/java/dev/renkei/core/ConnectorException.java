package dev.renkei.core;

/**
 * A failure talking to a remote system (job board, ATS, meeting provider, CRM). Connectors throw it with the
 * {@link ErrorCode} that describes the failure; the engines record it as a {@code SyncError}.
 */
public class ConnectorException extends RenkeiException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    /** A connector failure. */
    public ConnectorException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    /** A connector failure with a cause. */
    public ConnectorException(ErrorCode code, String message, Throwable cause) {
        this(code, message, null, cause);
    }

    /**
     * A connector failure with a technical detail for the operator (an URL, a selector, a status line; never a
     * secret or a whole body).
     */
    public ConnectorException(ErrorCode code, String message, String detail, Throwable cause) {
        super(code, message, cause);
        this.detail = detail;
    }

    /** Technical detail for the operator, or {@code null}. */
    public String detail() {
        return detail;
    }
}
