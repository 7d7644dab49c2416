package dev.renkei.core.sync;

/**
 * Step boundaries of a run, reported to a {@link CheckpointHook}. Used by fault-injection tests to prove that a
 * crash at any of them loses nothing and doubles nothing; hosts do not normally need them.
 */
public enum Checkpoint {
    /** A slot's login succeeded. */
    AFTER_LOGIN,
    /** A slot's applications were listed. */
    AFTER_LISTING,
    /** An application's ledger key was reserved. */
    AFTER_RESERVE,
    /** The ATS returned the created record; the ledger is not completed yet. */
    AFTER_ATS_IMPORT,
    /** The ledger key was completed. */
    AFTER_COMPLETE,
    /** The result is computed; the run and its mails are about to be written. */
    BEFORE_FINISH,
    /** The run and its mails are committed; the mails are about to be sent. */
    BEFORE_MAIL_SEND
}
