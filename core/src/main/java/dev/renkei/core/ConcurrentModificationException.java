package dev.renkei.core;

/**
 * A compare-and-set update lost against a concurrent writer; re-read and try again. Nothing was changed.
 */
public class ConcurrentModificationException extends RenkeiException {
    private static final long serialVersionUID = 1L;

    /** A lost update naming the record. */
    public ConcurrentModificationException(String message) {
        super(ErrorCode.INTERNAL, message);
    }
}
