package dev.renkei.core;

/** The store (database) failed. Classified no-action-needed: the operator looks at the database. */
public class StoreException extends RenkeiException {
    private static final long serialVersionUID = 1L;

    /** A store failure with its cause. */
    public StoreException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, cause);
    }
}
