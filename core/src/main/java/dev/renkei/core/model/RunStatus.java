package dev.renkei.core.model;

/** The state of a run. */
public enum RunStatus {
    /** Claimed, waiting for a worker. */
    QUEUED,
    /** Running (heartbeating). */
    RUNNING,
    /** Finished without errors. */
    SUCCEEDED,
    /** Finished with at least one error. */
    FAILED,
    /** Not run because linkage was switched off. */
    SKIPPED,
    /** A window nobody ran in time (outside the catch-up period). */
    MISSED;

    /** True for states that never change again. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == MISSED;
    }
}
