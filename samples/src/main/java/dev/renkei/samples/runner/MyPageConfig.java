package dev.renkei.samples.runner;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.mypage.MailTemplate;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.MyPageTemplates;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.porters.PortersJobSeekerProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The runner's {@code mypage} section: the PORTERS connection, filter, batch time, reminders, templates folder,
 * write-back target and setup page. Mails go out through the file's {@code smtp} section.
 *
 * @param settings the MyPage settings the runner saves for its tenant
 */
record MyPageConfig(MyPageSettings settings) {
    /** The template files a templates folder may hold; each optional, first line {@code Subject: …}, then the body. */
    static final List<String> TEMPLATE_FILES = List.of("registration-request.txt", "reminder.txt",
            "duplicate-error.txt", "registration-complete.txt");

    /** Reads the section; null when the file has none. */
    static MyPageConfig read(Fields f, Path base, String smtpFrom) {
        if (f == null) {
            return null;
        }
        f.only("porters", "filter", "batchTime", "zone", "resendCount", "reminderInterval", "linkLifetime",
                "templatesFolder", "writeBack", "setupPageUrl", "from", "notify", "signUpVisible");
        Fields p = f.object("porters").only("baseUrl", "partition", "appId", "secret");
        Map<String, String> connection = new LinkedHashMap<>();
        connection.put(PortersJobSeekerProvider.BASE_URL, p.string("baseUrl", PortersJobSeekerProvider.DEFAULT_BASE_URL));
        connection.put(PortersJobSeekerProvider.PARTITION, p.string("partition"));
        Credentials credentials = Fields.valid(p.path(), () -> Credentials.of(p.string("appId"), p.string("secret")));
        MyPageSettings.Builder b = MyPageSettings.builder().source(PortersJobSeekerProvider.ID, connection, credentials);
        if (f.has("filter")) {
            b.filter(new JobSeekerConnector.Filter(f.stringMap("filter"), null));
        }
        if (f.has("batchTime")) {
            LocalTime at = Fields.valid(f.field("batchTime"), () -> LocalTime.parse(f.string("batchTime")));
            ZoneId zone = Fields.valid(f.field("zone"), () -> ZoneId.of(f.string("zone", "Asia/Tokyo")));
            Fields.valid(f.field("batchTime"), () -> b.batchTime(at, zone));
        } else if (f.has("zone")) {
            throw new ConfigException(f.field("zone"), "is only used with 'batchTime'");
        }
        if (f.has("resendCount") || f.has("reminderInterval")) {
            int count = f.integer("resendCount", 0, 0, 20);
            Fields.valid(f.field("reminderInterval"), () -> b.reminders(count, f.duration("reminderInterval")));
        }
        if (f.has("linkLifetime")) {
            Fields.valid(f.field("linkLifetime"), () -> b.linkLifetime(f.duration("linkLifetime")));
        }
        if (f.has("templatesFolder")) {
            b.templates(templates(f.field("templatesFolder"), base.resolve(f.string("templatesFolder"))));
        }
        if (f.has("writeBack")) {
            b.writeBack(writeBack(f.object("writeBack")));
        }
        String from = f.string("from", smtpFrom);
        if (from == null) {
            throw new ConfigException(f.field("from"), "is required when the file has no 'smtp.from'");
        }
        Fields.valid(f.field("setupPageUrl"), () -> b.setupPage(f.string("setupPageUrl"), from));
        if (f.has("notify")) {
            Fields.valid(f.field("notify"), () -> b.notifyTo(f.strings("notify", true)));
        }
        if (f.has("signUpVisible")) {
            b.signUpVisible(f.bool("signUpVisible", false));
        }
        return new MyPageConfig(Fields.valid(f.path(), b::build));
    }

    private static JobSeekerConnector.StatusTarget writeBack(Fields w) {
        w.only("resource", "field", "value", "option");
        String resource = w.string("resource", "person").toUpperCase(Locale.ROOT);
        JobSeekerConnector.Resource r = Fields.valid(w.field("resource"),
                () -> JobSeekerConnector.Resource.valueOf(resource));
        return Fields.valid(w.path(), () -> new JobSeekerConnector.StatusTarget(r, w.string("field"),
                w.string("value"), w.bool("option", false)));
    }

    /** The shipped templates, each replaced by its file in the folder when there is one. */
    private static MyPageTemplates templates(String field, Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigException(field, "folder " + folder.toAbsolutePath().normalize() + " not found; create it "
                    + "with any of " + String.join(", ", TEMPLATE_FILES) + ", or remove the field to use the shipped "
                    + "templates");
        }
        MyPageTemplates d = MyPageTemplates.defaults();
        return new MyPageTemplates(template(field, folder, 0, d.registrationRequest()),
                template(field, folder, 1, d.reminder()), template(field, folder, 2, d.duplicateError()),
                template(field, folder, 3, d.registrationComplete()));
    }

    private static MailTemplate template(String field, Path folder, int index, MailTemplate fallback) {
        Path file = folder.resolve(TEMPLATE_FILES.get(index));
        if (!Files.exists(file)) {
            return fallback;
        }
        String where = field + "/" + TEMPLATE_FILES.get(index);
        String text = Fields.readFile(where, file, StandardCharsets.UTF_8, null);
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        if (!first.startsWith("Subject:")) {
            throw new ConfigException(where, "must start with a 'Subject: …' line, then the body");
        }
        try {
            return new MailTemplate(first.substring("Subject:".length()).strip(),
                    newline < 0 ? "" : text.substring(newline + 1));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where, e.getMessage());
        }
    }
}
