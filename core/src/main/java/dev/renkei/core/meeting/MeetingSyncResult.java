package dev.renkei.core.meeting;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MeetingService#sync} did.
 *
 * @param outcome what changed at the meeting service
 * @param meeting the slot's meeting after the call, if it has one
 */
public record MeetingSyncResult(Outcome outcome, Optional<InterviewMeeting> meeting) {
    /** Validates. */
    public MeetingSyncResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(meeting, "meeting");
    }

    /** What changed. */
    public enum Outcome {
        /** A meeting was created. */
        CREATED,
        /** An earlier create whose answer was lost was found (by its marker) and kept; nothing was created. */
        FOUND,
        /** The meeting was updated in place. */
        UPDATED,
        /** The host changed: the old meeting was deleted and a new one created. */
        RECREATED,
        /** The meeting was deleted (slot hidden or deleted). */
        DELETED,
        /** Nothing to do. */
        UNCHANGED
    }
}
