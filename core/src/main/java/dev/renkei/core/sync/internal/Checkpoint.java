package dev.renkei.core.sync.internal;

/**
 * Step boundaries of a run, reported to a {@link CheckpointHook}. Used by fault-injection tests to prove that a
 * crash at any of them loses nothing and doubles nothing. Not API: only the engine's own package can install a hook.
 */
public enum Checkpoint {
    /** A slot's login succeeded. */
    AFTER_LOGIN,
    /** A slot's application list answered: its first row was read (or the list ended empty). */
    AFTER_LISTING,
    /** An application's ledger key was reserved; its detail is not loaded yet. */
    AFTER_RESERVE,
    /** An application's detail page and attachments were loaded; the ATS call comes next. */
    AFTER_LOAD,
    /** The ATS returned the created record; the ledger is not completed yet. */
    AFTER_ATS_IMPORT,
    /** The ledger key was completed. */
    AFTER_COMPLETE,
    /** The result is computed; the run and its mails are about to be written. */
    BEFORE_FINISH,
    /** The run and its mails are committed; the mails are about to be sent. */
    BEFORE_MAIL_SEND
}
