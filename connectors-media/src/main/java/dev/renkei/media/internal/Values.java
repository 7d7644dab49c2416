package dev.renkei.media.internal;

import dev.renkei.media.SiteProfile.Field;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** Reads values with {@link Field}s, parses board dates and expands URL templates. Not API. */
public final class Values {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)(?::([^}]+))?}");

    private Values() {}

    /** A field's value inside an element (row or page); empty when the element, attribute or regex match is missing. */
    public static Optional<String> html(Element context, Field f) {
        Element el = f.selector() == null ? context : context.selectFirst(f.selector());
        if (el == null) {
            return Optional.empty();
        }
        String value;
        if (f.attribute() != null) {
            String attr = f.attribute();
            if (attr.startsWith("abs:")) {
                value = el.absUrl(attr.substring(4));
            } else {
                value = el.hasAttr(attr) ? el.attr(attr) : null;
            }
        } else {
            value = el.text();
        }
        return refine(value, f);
    }

    /** Applies the field's regex and strips; empty for blank values. */
    public static Optional<String> refine(String value, Field f) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.replace('\u00A0', ' ').strip();
        if (f.regex() != null) {
            Matcher m = Pattern.compile(f.regex()).matcher(v);
            if (!m.find()) {
                return Optional.empty();
            }
            v = (m.groupCount() >= 1 ? m.group(1) : m.group()) ;
            v = v == null ? "" : v.strip();
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /**
     * A board date. Date-only values ({@code 2026年11月21日}) are the start of that day in the board's zone and
     * keep their date, so they compare with a requested instant by day.
     *
     * @param instant the instant
     * @param dateOnly the date when the value had no time, else {@code null}
     */
    public record BoardTime(Instant instant, LocalDate dateOnly) {
        /** True when the value is before {@code since} (by day for date-only values). */
        public boolean before(Instant since, ZoneId zone) {
            return dateOnly != null ? dateOnly.isBefore(LocalDate.ofInstant(since, zone)) : instant.isBefore(since);
        }
    }

    /** Parses a board date-time with a pattern; throws {@link DateTimeParseException} when it does not match. */
    public static BoardTime time(String text, String pattern, ZoneId zone) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        TemporalAccessor t = f.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
        if (t instanceof ZonedDateTime z) {
            return new BoardTime(z.toInstant(), null);
        }
        if (t instanceof LocalDateTime l) {
            return new BoardTime(l.atZone(zone).toInstant(), null);
        }
        LocalDate d = (LocalDate) t;
        return new BoardTime(d.atStartOfDay(zone).toInstant(), d);
    }

    /** Parses a date with a pattern. */
    public static LocalDate date(String text, String pattern) {
        return LocalDate.parse(text, DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
    }

    /**
     * Expands {@code {page}}, {@code {since}} (ISO instant) and {@code {since:pattern}} (in the board's zone).
     *
     * @param urlEncode whether values are URL-encoded (URL templates) or raw (form values)
     */
    public static String expand(String template, Map<String, String> vars, Instant since, ZoneId zone,
                                boolean urlEncode) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if ("since".equals(name) && since != null) {
                value = m.group(2) == null ? since.toString()
                        : DateTimeFormatter.ofPattern(m.group(2), Locale.ROOT).format(since.atZone(zone));
            } else if (vars.containsKey(name)) {
                value = vars.get(name);
            } else {
                value = m.group();
            }
            if (urlEncode && !value.equals(m.group())) {
                value = URLEncoder.encode(value, StandardCharsets.UTF_8);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
