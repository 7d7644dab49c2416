package dev.renkei.core.meeting;

import dev.renkei.core.support.Checks;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * An interview slot of the host app as it is now; {@link MeetingService#sync} makes the meeting follow it.
 *
 * @param id the slot's id in the host app (stable; one meeting per slot)
 * @param event the event (interview round, job) the slot belongs to; shown in the meeting's agenda
 * @param start when the interview starts
 * @param duration how long it lasts (1 minute or more)
 * @param timeZone the zone the meeting is shown in
 * @param topic the meeting topic
 * @param visible whether the slot is published (a hidden slot has no meeting)
 * @param hostUserId the meeting-service user who hosts it (from {@link MeetingService#hosts})
 * @param deleted whether the slot was deleted (no meeting)
 */
public record InterviewSlot(String id, String event, Instant start, Duration duration, ZoneId timeZone,
                            String topic, boolean visible, String hostUserId, boolean deleted) {
    /** Validates. */
    public InterviewSlot {
        if (Objects.requireNonNull(id, "slot id").isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("slot id must be 1-200 characters");
        }
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (duration.toMinutes() < 1) {
            throw new IllegalArgumentException("duration must be at least one minute, got " + duration);
        }
        Objects.requireNonNull(timeZone, "timeZone");
        if (Objects.requireNonNull(topic, "topic").isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        topic = Checks.printable(topic);
        if (Objects.requireNonNull(hostUserId, "hostUserId").isBlank()) {
            throw new IllegalArgumentException("hostUserId must not be blank");
        }
    }

    /** A published slot. */
    public static InterviewSlot visible(String id, String event, Instant start, Duration duration, ZoneId timeZone,
                                        String topic, String hostUserId) {
        return new InterviewSlot(id, event, start, duration, timeZone, topic, true, hostUserId, false);
    }

    /** A copy that is hidden. */
    public InterviewSlot hidden() {
        return new InterviewSlot(id, event, start, duration, timeZone, topic, false, hostUserId, deleted);
    }

    /** A copy that is deleted. */
    public InterviewSlot asDeleted() {
        return new InterviewSlot(id, event, start, duration, timeZone, topic, visible, hostUserId, true);
    }

    /** A copy at another time. */
    public InterviewSlot movedTo(Instant newStart, Duration newDuration) {
        return new InterviewSlot(id, event, newStart, newDuration, timeZone, topic, visible, hostUserId, deleted);
    }

    /** A copy with another topic. */
    public InterviewSlot withTopic(String newTopic) {
        return new InterviewSlot(id, event, start, duration, timeZone, newTopic, visible, hostUserId, deleted);
    }

    /** A copy with another host. */
    public InterviewSlot withHost(String newHostUserId) {
        return new InterviewSlot(id, event, start, duration, timeZone, topic, visible, newHostUserId, deleted);
    }

    /** True when the slot should have a meeting. */
    public boolean wantsMeeting() {
        return visible && !deleted;
    }
}
