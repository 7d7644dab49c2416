package dev.renkei.media;

import dev.renkei.media.internal.ProfileReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A declarative description of one job board: how to log in, how to recognise the outcome and the screens that
 * block a robot, where the employer account id is shown, and how to read applications — either from HTML list
 * pages (optionally with detail pages and attachments) or from a CSV/TSV export. The format is documented in
 * {@code PROFILES.md}.
 *
 * <p>Load a profile with {@link #parse(String, String)}, {@link #load(Path)} or {@link #loadResource(String)}:
 * unknown fields are rejected and every value is validated, with messages that name the bad field path (for
 * example {@code list.rowSelector}). A profile built in Java is validated when it is handed to
 * {@link SiteProfileMediaProvider}. URLs are absolute or relative to {@link #baseUrl()}.
 *
 * @param id medium id (lower-case letters, digits and '-'), used in slot ids such as {@code demo-html_001}
 * @param name human-readable board name
 * @param baseUrl the board's base URL; relative URLs in the profile resolve against it. A {@code baseUrl}
 *     connector setting overrides it
 * @param zone the board's time zone for dates without an offset (default {@code Asia/Tokyo})
 * @param charset a fixed page charset that overrides the response and the page, or {@code null} to detect
 * @param userAgent the {@code User-Agent} header, or {@code null} for Renkei's own
 * @param pacing delay between page loads and the page cap, or {@code null} for the defaults
 * @param markers screens recognised on every page (maintenance, interstitials), or {@code null}
 * @param login the login form and its outcome markers
 * @param list HTML application list, or {@code null} when the profile reads an {@link #export()}
 * @param detail per-application detail page, or {@code null}; only with a {@link #list()}
 * @param export CSV/TSV export download, or {@code null} when the profile reads a {@link #list()}
 */
public record SiteProfile(String id, String name, String baseUrl, String zone, String charset, String userAgent,
                          Pacing pacing, Markers markers, Login login, ListPages list, Detail detail,
                          Export export) {

    /**
     * Parses and validates a profile from JSON.
     *
     * @param json the JSON text
     * @param source where it came from (a file name), used in error messages
     * @throws dev.renkei.core.ValidationException naming the bad or unknown field path
     */
    public static SiteProfile parse(String json, String source) {
        return ProfileReader.parse(json, source);
    }

    /** Reads, parses and validates a profile file (UTF-8 JSON). */
    public static SiteProfile load(Path file) {
        return ProfileReader.load(file);
    }

    /** Reads, parses and validates a profile from the class path, e.g. {@code dev/renkei/media/profiles/demo-html.json}. */
    public static SiteProfile loadResource(String resource) {
        return ProfileReader.loadResource(resource, SiteProfile.class.getClassLoader());
    }

    /** Reads, parses and validates a profile from a stream (UTF-8 JSON); the stream is not closed. */
    public static SiteProfile read(InputStream in, String source) {
        return ProfileReader.read(in, source);
    }

    /**
     * A copy of this profile pointing at another base URL (tests, a staging host).
     *
     * @param newBaseUrl the base URL
     * @return the copy
     */
    public SiteProfile withBaseUrl(String newBaseUrl) {
        return new SiteProfile(id, name, newBaseUrl, zone, charset, userAgent, pacing, markers, login, list, detail,
                export);
    }

    /**
     * Request pacing.
     *
     * @param delay wait before every page load after the first (default 1 s)
     * @param maxPages most list pages read per session; reaching it is reported as a layout problem (default 50)
     */
    public record Pacing(Duration delay, Integer maxPages) {}

    /**
     * Screens recognised on every page the robot loads.
     *
     * @param maintenance maintenance pages (→ {@code MAINTENANCE}, no action needed)
     * @param interstitials screens that block navigation: a notice pop-up, a forced password change, terms to
     *     accept (→ {@code UNEXPECTED_SCREEN}, action required, the page's message quoted)
     */
    public record Markers(List<Marker> maintenance, List<Marker> interstitials) {}

    /**
     * Recognises a page. It matches when {@link #selector()} finds an element (whose text contains
     * {@link #text()}, if given), or, without a selector, when the page text contains {@link #text()}.
     *
     * @param name a short name shown in errors (e.g. {@code notice}, {@code password-change})
     * @param selector CSS selector, or {@code null}
     * @param text text to look for, or {@code null}
     * @param messageSelector where the page's own message is (quoted in errors), or {@code null} for the matched
     *     element's text
     */
    public record Marker(String name, String selector, String text, String messageSelector) {}

    /**
     * The login form.
     *
     * @param url the page with the login form
     * @param formSelector CSS selector of the form; its hidden inputs (CSRF tokens) are sent along
     * @param loginIdField form field name for the login id
     * @param passwordField form field name for the password
     * @param extraFields credential extra name (e.g. {@code companyCode}) → form field name
     * @param success marker of the page after a successful login
     * @param failure markers of a refused login (→ {@code LOGIN_FAILED})
     * @param locked markers of a locked account (→ {@code ACCOUNT_LOCKED})
     * @param accountKey where the employer account id is shown after login, or {@code null} to use the login id
     * @param accountKeyUrl a page to load for the account key instead of the page after login, or {@code null}
     * @param allowedOrigins further origins of the board besides those of the base URL and {@link #url()}, such
     *     as {@code https://auth.example.jp} (scheme, host and optional port), or {@code null}. The login form may
     *     send the password there (else only to the login page's own origin), redirects may lead there and the
     *     session's cookies go there; any other origin is refused
     */
    public record Login(String url, String formSelector, String loginIdField, String passwordField,
                        Map<String, String> extraFields, Marker success, List<Marker> failure, List<Marker> locked,
                        Field accountKey, String accountKeyUrl, List<String> allowedOrigins) {}

    /**
     * How one value is read. In HTML: the first element matching {@link #selector()} inside the row or page (the
     * row or page itself without a selector), its text or {@link #attribute()} (prefix {@code abs:} for an
     * absolute URL), then {@link #regex()} (group 1 if the pattern has one). In a CSV export: the
     * {@link #column()} with that header name, then the regex.
     *
     * @param selector CSS selector (HTML), or {@code null}
     * @param attribute attribute name instead of the text, or {@code null}
     * @param regex pattern applied to the value, or {@code null}
     * @param column CSV/TSV header name (exports only), or {@code null}
     * @param format date pattern ({@link java.time.format.DateTimeFormatter}) for {@code appliedAt} and
     *     {@code birthDate}, e.g. {@code yyyy/MM/dd HH:mm} or {@code yyyy年M月d日}
     * @param required when true, a missing value is a layout change ({@code boardApplicationId} and
     *     {@code appliedAt} always are)
     */
    public record Field(String selector, String attribute, String regex, String column, String format,
                        Boolean required) {}

    /**
     * The HTML application list.
     *
     * @param url URL template; {@code {page}} is the page number, {@code {since:pattern}} the requested instant
     *     formatted in the board's zone
     * @param firstPage number of the first page (default 1)
     * @param paging {@code parameter} (increase {@code {page}}) or {@code nextLink} (follow {@link #nextSelector()})
     * @param nextSelector the "next page" link; with {@code parameter} paging its absence ends the list
     * @param rowSelector one element per application
     * @param emptySelector what the board shows for an empty list; a page with no rows and no such marker is a
     *     layout change
     * @param newestFirst whether rows are sorted newest first, so reading stops at the first row older than the
     *     requested instant (default true)
     * @param fields values read from each row, by applicant field name ({@code boardApplicationId},
     *     {@code appliedAt}, {@code name}, {@code nameKana}, {@code email}, {@code phone}, {@code birthDate},
     *     {@code gender}, {@code address}, {@code appliedJob})
     * @param freeFields further values kept in {@link dev.renkei.core.model.Applicant#fields()}, by name
     * @param detailLink the link to the row's detail page, or {@code null}
     */
    public record ListPages(String url, Integer firstPage, Paging paging, String nextSelector, String rowSelector,
                            String emptySelector, Boolean newestFirst, Map<String, Field> fields,
                            Map<String, Field> freeFields, Field detailLink) {}

    /** How list pages are walked. */
    public enum Paging {
        /** Increase the {@code {page}} number in the URL template. */
        PARAMETER,
        /** Follow the "next" link. */
        NEXT_LINK;

        /** Accepts {@code parameter}, {@code nextLink}, {@code next-link} and the constant names. */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static Paging of(String value) {
            String v = value == null ? "" : value.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
            return switch (v) {
                case "parameter" -> PARAMETER;
                case "nextlink" -> NEXT_LINK;
                default -> throw new IllegalArgumentException("unknown paging '" + value
                        + "' (use parameter or nextLink)");
            };
        }
    }

    /**
     * A per-application detail page, reached through {@link ListPages#detailLink()}.
     *
     * @param fields more applicant values read from the detail page; they complete or override the row's
     * @param freeFields further values kept in {@link dev.renkei.core.model.Applicant#fields()}, by name
     * @param attachments résumé links on the detail page, or {@code null}
     */
    public record Detail(Map<String, Field> fields, Map<String, Field> freeFields, Attachments attachments) {}

    /**
     * Attachment links, downloaded within the session.
     *
     * @param selector CSS selector of the links
     * @param attribute the attribute with the URL (default {@code href})
     * @param maxBytes size cap per file (default 10 MiB); a larger file fails the listing
     */
    public record Attachments(String selector, String attribute, Long maxBytes) {}

    /**
     * A CSV/TSV export download.
     *
     * @param page a page with the download form (its hidden inputs are sent along), or {@code null} to call
     *     {@link #url()} directly
     * @param formSelector the download form on {@link #page()}, or {@code null}
     * @param url the download URL (template as in {@link ListPages#url()}); with a form page, {@code null} means
     *     the form's action
     * @param method {@code GET} or {@code POST} (default {@code GET}, or the form's method)
     * @param form parameters sent (templates allowed), by name
     * @param delimiter {@code ,} (default) or a tab ({@code \t})
     * @param encoding {@code auto} (BOM, then strict UTF-8, then Windows-31J) or a charset name
     * @param fields values read from each record, by applicant field name (as in {@link ListPages#fields()})
     * @param freeFields further values kept in {@link dev.renkei.core.model.Applicant#fields()}, by name
     * @param maxBytes size cap of the download (default 50 MiB)
     */
    public record Export(String page, String formSelector, String url, String method, Map<String, String> form,
                         String delimiter, String encoding, Map<String, Field> fields, Map<String, Field> freeFields,
                         Long maxBytes) {}
}
