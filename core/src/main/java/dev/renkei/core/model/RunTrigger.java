package dev.renkei.core.model;

/** Why a run happened. */
public enum RunTrigger {
    /** A schedule window. */
    SCHEDULED,
    /** "Run now" from the host. */
    MANUAL
}
