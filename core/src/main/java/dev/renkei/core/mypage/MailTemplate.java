package dev.renkei.core.mypage;

import dev.renkei.core.support.Checks;

/**
 * One editable mail: a subject and a plain-text body, both logic-less Mustache templates. Values are escaped when
 * rendered ({@code < > & " '}); CR and LF are removed from the rendered subject. Placeholders: {@code name},
 * {@code email}, {@code personId}, {@code setupUrl}, {@code expiresAt}, {@code remindersLeft} (for the
 * job-seeker mails) and {@code name}, {@code email}, {@code personId}, {@code resumeIds} (for the owners' mails).
 *
 * @param subject the subject template
 * @param body the body template
 */
public record MailTemplate(String subject, String body) {
    /** Validates. */
    public MailTemplate {
        Checks.notBlank(subject, "subject template");
        Checks.notBlank(body, "body template");
    }
}
