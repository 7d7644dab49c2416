package dev.renkei.media.internal;

import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import dev.renkei.media.SiteProfile;
import dev.renkei.media.SiteProfile.Field;
import dev.renkei.media.SiteProfile.Marker;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jsoup.select.QueryParser;

/** Checks a {@link SiteProfile} and names every bad field path. Not API. */
public final class ProfileValidator {
    /** The applicant field names a profile's {@code fields} map may use. */
    public static final Set<String> APPLICANT_FIELDS = Set.of("boardApplicationId", "appliedAt", "name", "nameKana",
            "email", "phone", "birthDate", "gender", "address", "appliedJob");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final List<String> errors = new ArrayList<>();

    private ProfileValidator() {}

    /**
     * Validates a profile.
     *
     * @throws ValidationException listing every problem with its field path
     */
    public static void validate(SiteProfile p, String where) {
        ProfileValidator v = new ProfileValidator();
        v.check(p);
        if (!v.errors.isEmpty()) {
            throw new ValidationException((where == null ? "site profile" : where) + " is invalid: "
                    + String.join("; ", v.errors));
        }
    }

    private void check(SiteProfile p) {
        if (p.id() == null || !ID.matcher(p.id()).matches()) {
            err("id", "is required: lower-case letters, digits and '-' (at most 40)");
        }
        blank(p.name(), "name");
        if (blank(p.baseUrl(), "baseUrl")) {
            try {
                URI u = URI.create(p.baseUrl());
                if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())
                        || u.getHost() == null) {
                    err("baseUrl", "must be an absolute http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                err("baseUrl", "is not a valid URL");
            }
        }
        if (p.zone() != null) {
            try {
                ZoneId.of(p.zone());
            } catch (RuntimeException e) {
                err("zone", "'" + Checks.printable(p.zone()) + "' is not a time zone id such as Asia/Tokyo");
            }
        }
        if (p.charset() != null && !Charset.isSupported(p.charset())) {
            err("charset", "'" + Checks.printable(p.charset()) + "' is not a known charset");
        }
        if (p.pacing() != null) {
            if (p.pacing().delay() != null && p.pacing().delay().isNegative()) {
                err("pacing.delay", "must not be negative");
            }
            if (p.pacing().maxPages() != null && p.pacing().maxPages() < 1) {
                err("pacing.maxPages", "must be at least 1");
            }
        }
        if (p.markers() != null) {
            markers(p.markers().maintenance(), "markers.maintenance");
            markers(p.markers().interstitials(), "markers.interstitials");
        }
        login(p.login());
        if ((p.list() == null) == (p.export() == null)) {
            err("list", "a profile reads either 'list' (HTML pages) or 'export' (CSV/TSV), exactly one of them");
        }
        if (p.list() != null) {
            list(p.list());
        }
        if (p.detail() != null) {
            if (p.list() == null || p.list().detailLink() == null) {
                err("detail", "needs list.detailLink");
            }
            fields(p.detail().fields(), "detail.fields", false, false);
            freeFields(p.detail().freeFields(), "detail.freeFields", false);
            if (p.detail().attachments() != null) {
                SiteProfile.Attachments a = p.detail().attachments();
                if (blank(a.selector(), "detail.attachments.selector")) {
                    selector(a.selector(), "detail.attachments.selector");
                }
                if (a.maxBytes() != null && a.maxBytes() < 1) {
                    err("detail.attachments.maxBytes", "must be positive");
                }
            }
        }
        if (p.export() != null) {
            export(p.export());
        }
    }

    private void login(SiteProfile.Login l) {
        if (l == null) {
            err("login", "is required");
            return;
        }
        blank(l.url(), "login.url");
        if (blank(l.formSelector(), "login.formSelector")) {
            selector(l.formSelector(), "login.formSelector");
        }
        blank(l.loginIdField(), "login.loginIdField");
        blank(l.passwordField(), "login.passwordField");
        if (l.extraFields() != null) {
            l.extraFields().forEach((k, v) -> blank(v, "login.extraFields." + k));
        }
        if (l.success() == null) {
            err("login.success", "is required: a marker of the page shown after a successful login");
        } else {
            marker(l.success(), "login.success");
        }
        markers(l.failure(), "login.failure");
        markers(l.locked(), "login.locked");
        if (l.accountKey() != null) {
            field(l.accountKey(), "login.accountKey", false);
        }
        if (l.allowedOrigins() != null) {
            for (int i = 0; i < l.allowedOrigins().size(); i++) {
                String path = "login.allowedOrigins[" + i + "]";
                String o = l.allowedOrigins().get(i);
                if (blank(o, path)) {
                    origin(o.strip(), path);
                }
            }
        }
    }

    /** An origin: http(s), a host, an optional port, nothing else. */
    private void origin(String value, String path) {
        String problem;
        try {
            URI u = new URI(value);
            if (Browser.origin(u) == null) {
                problem = "is not an http(s) origin";
            } else if (u.getRawUserInfo() != null) {
                problem = "must not contain user info";
            } else if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                problem = "must not have a path, query or fragment";
            } else {
                return;
            }
        } catch (URISyntaxException e) {
            problem = "is not a valid URL";
        }
        // the value is not echoed: user info or a query may hold a secret
        err(path, problem + ": write scheme, host and optional port, such as https://auth.example.jp");
    }

    private void list(SiteProfile.ListPages l) {
        if (blank(l.url(), "list.url") && l.paging() == SiteProfile.Paging.PARAMETER && !l.url().contains("{page}")) {
            err("list.url", "needs {page} with parameter paging");
        }
        if (l.paging() == null) {
            err("list.paging", "is required: parameter or nextLink");
        } else if (l.paging() == SiteProfile.Paging.NEXT_LINK && l.nextSelector() == null) {
            err("list.nextSelector", "is required with nextLink paging");
        }
        if (l.nextSelector() != null) {
            selector(l.nextSelector(), "list.nextSelector");
        }
        if (blank(l.rowSelector(), "list.rowSelector")) {
            selector(l.rowSelector(), "list.rowSelector");
        }
        if (blank(l.emptySelector(), "list.emptySelector")) {
            selector(l.emptySelector(), "list.emptySelector");
        }
        fields(l.fields(), "list.fields", true, false);
        freeFields(l.freeFields(), "list.freeFields", false);
        if (l.detailLink() != null) {
            field(l.detailLink(), "list.detailLink", false);
        }
    }

    private void export(SiteProfile.Export e) {
        if (e.page() != null) {
            blank(e.page(), "export.page");
            if (blank(e.formSelector(), "export.formSelector")) {
                selector(e.formSelector(), "export.formSelector");
            }
        } else {
            blank(e.url(), "export.url");
            if (e.formSelector() != null) {
                err("export.formSelector", "needs export.page (the page that holds the form)");
            }
        }
        if (e.method() != null && !Set.of("GET", "POST").contains(e.method())) {
            err("export.method", "must be GET or POST");
        }
        if (e.delimiter() != null && !Set.of(",", "\t", ";").contains(e.delimiter())) {
            err("export.delimiter", "must be \",\", \";\" or a tab");
        }
        if (e.encoding() != null && !"auto".equalsIgnoreCase(e.encoding()) && !Charset.isSupported(e.encoding())) {
            err("export.encoding", "must be auto or a known charset name such as Windows-31J or UTF-8");
        }
        if (e.maxBytes() != null && e.maxBytes() < 1) {
            err("export.maxBytes", "must be positive");
        }
        fields(e.fields(), "export.fields", true, true);
        freeFields(e.freeFields(), "export.freeFields", true);
    }

    private void fields(Map<String, Field> fields, String path, boolean idRequired, boolean csv) {
        if (fields == null) {
            if (idRequired) {
                err(path, "is required (with boardApplicationId and appliedAt)");
            }
            return;
        }
        if (idRequired) {
            if (!fields.containsKey("boardApplicationId")) {
                err(path + ".boardApplicationId", "is required");
            }
            if (!fields.containsKey("appliedAt")) {
                err(path + ".appliedAt", "is required");
            }
        }
        fields.forEach((name, f) -> {
            if (!APPLICANT_FIELDS.contains(name)) {
                err(path + "." + name, "is not an applicant field (use one of " + new java.util.TreeSet<>(APPLICANT_FIELDS)
                        + ", or put it under freeFields)");
            } else if (f == null) {
                err(path + "." + name, "must be an object");
            } else {
                field(f, path + "." + name, csv);
                if ((name.equals("appliedAt") || name.equals("birthDate")) && f.format() == null) {
                    err(path + "." + name + ".format", "is required: the board's date pattern, e.g. yyyy/MM/dd HH:mm");
                }
            }
        });
    }

    private void freeFields(Map<String, Field> fields, String path, boolean csv) {
        if (fields == null) {
            return;
        }
        fields.forEach((name, f) -> {
            if (name.isBlank()) {
                err(path, "names must not be blank");
            } else if (f == null) {
                err(path + "." + name, "must be an object");
            } else {
                field(f, path + "." + name, csv);
            }
        });
    }

    private void field(Field f, String path, boolean csv) {
        if (csv) {
            blank(f.column(), path + ".column");
            if (f.selector() != null) {
                err(path + ".selector", "is for HTML pages; an export field names its column");
            }
            if (f.attribute() != null) {
                err(path + ".attribute", "is for HTML pages; an export field names its column");
            }
        } else {
            if (f.column() != null) {
                err(path + ".column", "is only for exports; an HTML field uses selector/attribute/regex");
            }
            if (f.selector() != null && blank(f.selector(), path + ".selector")) {
                selector(f.selector(), path + ".selector");
            }
            if (f.attribute() != null) {
                blank(f.attribute(), path + ".attribute");
            }
        }
        if (f.regex() != null) {
            try {
                Pattern.compile(f.regex());
            } catch (PatternSyntaxException e) {
                err(path + ".regex", "is not a valid regular expression: " + e.getDescription());
            }
        }
        if (f.format() != null) {
            try {
                DateTimeFormatter.ofPattern(f.format());
            } catch (IllegalArgumentException e) {
                err(path + ".format", "is not a valid date pattern: " + Checks.printable(e.getMessage()));
            }
        }
    }

    private void markers(List<Marker> markers, String path) {
        if (markers == null) {
            return;
        }
        for (int i = 0; i < markers.size(); i++) {
            if (markers.get(i) == null) {
                err(path + "[" + i + "]", "must be an object");
            } else {
                marker(markers.get(i), path + "[" + i + "]");
            }
        }
    }

    private void marker(Marker m, String path) {
        if (m.selector() == null && m.text() == null) {
            err(path, "needs a selector or a text");
        }
        if (m.selector() != null && blank(m.selector(), path + ".selector")) {
            selector(m.selector(), path + ".selector");
        }
        if (m.text() != null) {
            blank(m.text(), path + ".text");
        }
        if (m.messageSelector() != null && blank(m.messageSelector(), path + ".messageSelector")) {
            selector(m.messageSelector(), path + ".messageSelector");
        }
    }

    private void selector(String css, String path) {
        try {
            QueryParser.parse(css);
        } catch (RuntimeException e) {
            err(path, "is not a valid CSS selector: " + Checks.printable(css));
        }
    }

    /** True when present and not blank; records an error otherwise. */
    private boolean blank(String value, String path) {
        if (value == null || value.isBlank()) {
            err(path, "is required and must not be blank");
            return false;
        }
        return true;
    }

    private void err(String path, String message) {
        errors.add(path + " " + message);
    }
}
