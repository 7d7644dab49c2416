package dev.renkei.media.indeed;

import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import java.time.Instant;

/**
 * One Indeed Apply delivery as stored in the inbox: the raw JSON exactly as Indeed sent it, so the mapping to an
 * applicant can improve without losing data.
 *
 * @param accountId the employer account the delivery was addressed to (the robot slot's login id)
 * @param applicationId Indeed's application id ({@code id})
 * @param appliedAt when the candidate applied ({@code appliedOnMillis}, else the receipt time)
 * @param receivedAt when the receiver stored it
 * @param payload the JSON body (UTF-8 text)
 */
public record IndeedInboxEntry(String accountId, String applicationId, Instant appliedAt, Instant receivedAt,
                               String payload) {
    /** Validates. */
    public IndeedInboxEntry {
        accountId = Checks.singleLine(Checks.notBlank(accountId, "Indeed account id"), "Indeed account id");
        applicationId = Checks.singleLine(Checks.notBlank(applicationId, "Indeed application id"),
                "Indeed application id");
        if (accountId.length() > 200 || applicationId.length() > 200) {
            throw new ValidationException("Indeed account and application ids are at most 200 characters");
        }
        Checks.notNull(appliedAt, "appliedAt");
        Checks.notNull(receivedAt, "receivedAt");
        Checks.notNull(payload, "payload");
    }

    @Override
    public String toString() {
        return "IndeedInboxEntry[" + accountId + ", " + applicationId + ", appliedAt=" + appliedAt + ", receivedAt="
                + receivedAt + ", " + payload.length() + " chars]";
    }
}
