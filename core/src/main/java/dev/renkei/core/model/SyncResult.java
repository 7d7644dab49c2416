package dev.renkei.core.model;

import dev.renkei.core.ErrorClassification;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a run: per-slot counts and every error, robot-level ones (e.g. ATS login) included.
 *
 * @param slots one entry per processed slot
 * @param robotErrors errors not tied to one slot (ATS login, configuration)
 */
public record SyncResult(List<SlotResult> slots, List<SyncError> robotErrors) {
    /** Copies. */
    public SyncResult {
        slots = slots == null ? List.of() : List.copyOf(slots);
        robotErrors = robotErrors == null ? List.of() : List.copyOf(robotErrors);
    }

    /** An empty result (skipped runs). */
    public static SyncResult empty() {
        return new SyncResult(List.of(), List.of());
    }

    /** Every error, robot-level first. */
    public List<SyncError> errors() {
        List<SyncError> all = new ArrayList<>(robotErrors);
        slots.forEach(s -> all.addAll(s.errors()));
        return List.copyOf(all);
    }

    /** True when nothing failed. */
    public boolean ok() {
        return errors().isEmpty();
    }

    /** Applications read. */
    public int fetched() {
        return slots.stream().mapToInt(SlotResult::fetched).sum();
    }

    /** Applications created in the ATS by this run. */
    public int imported() {
        return slots.stream().mapToInt(SlotResult::imported).sum();
    }

    /** Applications already imported earlier. */
    public int alreadyImported() {
        return slots.stream().mapToInt(SlotResult::alreadyImported).sum();
    }

    /** Applications that failed. */
    public int failed() {
        return slots.stream().mapToInt(SlotResult::failed).sum();
    }

    /** True when any error needs the customer to act. */
    public boolean actionRequired() {
        return errors().stream().anyMatch(e -> e.classification() == ErrorClassification.ACTION_REQUIRED);
    }
}
