package dev.renkei.core;

/**
 * A compare-and-set update lost against a concurrent writer; re-read and try again. Nothing was changed. (Named so
 * that it does not shadow {@link java.util.ConcurrentModificationException}.)
 */
public class ConflictException extends RenkeiException {
    private static final long serialVersionUID = 1L;

    /** A lost update naming the record. */
    public ConflictException(String message) {
        super(ErrorCode.INTERNAL, message);
    }
}
