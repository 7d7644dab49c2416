package dev.renkei.core.mypage;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.support.Checks;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A tenant's MyPage job-seeker sync settings, stored per tenant ({@link MyPageService#saveSettings}); the
 * credentials are sealed with the store's cipher, nothing else is secret.
 *
 * @param connectorId the job-seeker source's connector id, e.g. {@code porters}
 * @param connectorSettings the source's settings (for PORTERS: {@code partition}, {@code baseUrl}…)
 * @param credentials the source's credentials (for PORTERS: app id and app secret)
 * @param filter which job seekers the batch reads (source filter)
 * @param batchTime when the batch runs each day, or {@code null} for on demand only
 * @param zone the zone of {@code batchTime}
 * @param resendCount how many reminders follow the registration request while no password is set (0 = none)
 * @param reminderInterval the least time between two mails to one job seeker
 * @param signUpVisible whether the host's pages show the sign-up button (sync-only accounts when false)
 * @param templates the four mails
 * @param linkLifetime how long a setup link is valid after issue (24 h by default)
 * @param writeBack where the "registered" status goes, or {@code null} for no write-back
 * @param setupUrl the host's setup page; the token is appended (so it typically ends with {@code ?token=})
 * @param mailFrom the sender of every MyPage mail
 * @param notifyTo who gets the batch result mail (may be empty)
 */
public record MyPageSettings(String connectorId, Map<String, String> connectorSettings, Credentials credentials,
                             JobSeekerConnector.Filter filter, LocalTime batchTime, ZoneId zone, int resendCount,
                             Duration reminderInterval, boolean signUpVisible, MyPageTemplates templates,
                             Duration linkLifetime, JobSeekerConnector.StatusTarget writeBack, String setupUrl,
                             String mailFrom, List<String> notifyTo) {
    /** The default link lifetime: 24 hours. */
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofHours(24);
    /** The default reminder interval: 3 days. */
    public static final Duration DEFAULT_REMINDER_INTERVAL = Duration.ofDays(3);

    /** Validates and copies. */
    public MyPageSettings {
        Checks.notBlank(connectorId, "connectorId");
        connectorSettings = connectorSettings == null ? Map.of() : Map.copyOf(connectorSettings);
        Checks.notNull(credentials, "credentials");
        filter = filter == null ? JobSeekerConnector.Filter.all() : filter;
        zone = zone == null ? ZoneId.of("Asia/Tokyo") : zone;
        if (resendCount < 0 || resendCount > 10) {
            throw new IllegalArgumentException("resendCount must be 0..10, got " + resendCount);
        }
        Checks.positive(reminderInterval, "reminderInterval");
        Checks.notNull(templates, "templates");
        Checks.positive(linkLifetime, "linkLifetime");
        Checks.singleLine(Checks.notBlank(setupUrl, "setupUrl"), "setupUrl");
        if (!setupUrl.startsWith("https://") && !setupUrl.startsWith("http://")) {
            throw new IllegalArgumentException("setupUrl must be an http(s) URL, got " + setupUrl);
        }
        Checks.singleLine(Checks.notBlank(mailFrom, "mailFrom"), "mailFrom");
        notifyTo = notifyTo == null ? List.of() : List.copyOf(notifyTo);
    }

    /** A builder with the defaults (24 h links, one reminder after 3 days, sign-up visible, Japanese mails). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MyPageSettings}. */
    public static final class Builder {
        private String connectorId;
        private Map<String, String> connectorSettings = Map.of();
        private Credentials credentials;
        private JobSeekerConnector.Filter filter = JobSeekerConnector.Filter.all();
        private LocalTime batchTime;
        private ZoneId zone = ZoneId.of("Asia/Tokyo");
        private int resendCount = 1;
        private Duration reminderInterval = DEFAULT_REMINDER_INTERVAL;
        private boolean signUpVisible = true;
        private MyPageTemplates templates = MyPageTemplates.defaults();
        private Duration linkLifetime = DEFAULT_LINK_LIFETIME;
        private JobSeekerConnector.StatusTarget writeBack;
        private String setupUrl;
        private String mailFrom;
        private List<String> notifyTo = List.of();

        private Builder() {}

        /** The source: connector id, its settings and credentials. */
        public Builder source(String id, Map<String, String> settings, Credentials creds) {
            this.connectorId = id;
            this.connectorSettings = settings;
            this.credentials = creds;
            return this;
        }

        /** The source filter. */
        public Builder filter(JobSeekerConnector.Filter f) {
            this.filter = f;
            return this;
        }

        /** The daily batch time in a zone. */
        public Builder batchTime(LocalTime time, ZoneId z) {
            this.batchTime = time;
            this.zone = z;
            return this;
        }

        /** Reminders: how many, and the least time between two mails. */
        public Builder reminders(int count, Duration interval) {
            this.resendCount = count;
            this.reminderInterval = interval;
            return this;
        }

        /** Sign-up button visibility. */
        public Builder signUpVisible(boolean visible) {
            this.signUpVisible = visible;
            return this;
        }

        /** The mails. */
        public Builder templates(MyPageTemplates t) {
            this.templates = t;
            return this;
        }

        /** The link lifetime. */
        public Builder linkLifetime(Duration d) {
            this.linkLifetime = d;
            return this;
        }

        /** The status write-back target. */
        public Builder writeBack(JobSeekerConnector.StatusTarget target) {
            this.writeBack = target;
            return this;
        }

        /** The host's setup page URL (the token is appended) and the mails' sender. */
        public Builder setupPage(String url, String from) {
            this.setupUrl = url;
            this.mailFrom = from;
            return this;
        }

        /** Recipients of the batch result mail. */
        public Builder notifyTo(List<String> to) {
            this.notifyTo = to;
            return this;
        }

        /** Builds the settings. */
        public MyPageSettings build() {
            return new MyPageSettings(connectorId, connectorSettings, credentials, filter, batchTime, zone,
                    resendCount, reminderInterval, signUpVisible, templates, linkLifetime, writeBack, setupUrl,
                    mailFrom, notifyTo);
        }
    }
}
