package dev.renkei.core.sync.internal;

/** Observes {@link Checkpoint}s. Throwing an {@link Error} from it simulates the process dying right there. */
@FunctionalInterface
public interface CheckpointHook {
    /** No-op. */
    CheckpointHook NONE = (checkpoint, detail) -> {};

    /**
     * A checkpoint was reached.
     *
     * @param checkpoint which
     * @param detail the slot id or board application id concerned, or the run id
     */
    void reached(Checkpoint checkpoint, String detail);
}
