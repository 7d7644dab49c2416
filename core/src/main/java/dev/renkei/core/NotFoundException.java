package dev.renkei.core;

/**
 * A robot, slot, run or other record does not exist for the calling tenant. Records of another tenant are
 * reported exactly like records that do not exist.
 */
public class NotFoundException extends RenkeiException {
    private static final long serialVersionUID = 1L;

    /** A not-found error naming what was looked up. */
    public NotFoundException(String message) {
        super(ErrorCode.CONFIGURATION_INVALID, message);
    }
}
