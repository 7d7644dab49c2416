package dev.renkei.core.meeting;

import dev.renkei.core.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The meeting of an interview slot, as stored.
 *
 * @param slotId the slot
 * @param meetingId the provider's meeting id (Zoom: a 64-bit number as decimal text)
 * @param hostUserId the host
 * @param joinUrl the URL the candidate joins with
 * @param password the passcode, or {@code null}
 * @param start start
 * @param duration length
 * @param timeZone zone
 * @param topic topic
 */
public record InterviewMeeting(String slotId, String meetingId, String hostUserId, URI joinUrl, Secret password,
                               Instant start, Duration duration, ZoneId timeZone, String topic) {
    /** Validates. */
    public InterviewMeeting {
        Objects.requireNonNull(slotId, "slotId");
        Objects.requireNonNull(meetingId, "meetingId");
    }
}
