package dev.renkei.media.internal;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.support.Checks;
import dev.renkei.core.model.Applicant;
import dev.renkei.media.SiteProfile;
import dev.renkei.media.SiteProfile.Field;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;

/**
 * Downloads a CSV/TSV export (GET, POST, or a form on a download page) and maps its columns to applicants. The
 * text is decoded BOM → strict UTF-8 → Windows-31J unless the profile fixes the encoding; records are parsed with
 * Jackson's CSV parser (quoted separators and line breaks). Not API.
 */
final class CsvExport {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    private static final long DEFAULT_CAP = 50L * 1024 * 1024;

    private final Site site;
    private final Browser browser;
    private final SiteProfile.Export export;

    CsvExport(Site site, Browser browser) {
        this.site = site;
        this.browser = browser;
        this.export = site.profile.export();
    }

    Stream<Applicant> read(Instant since) {
        Page file = download(since);
        Charsets.Decoded text = Charsets.decodeExport(file.body(), export.encoding());
        List<List<String>> records = parse(text.text(), file);
        if (records.isEmpty()) {
            return Stream.empty();
        }
        Map<String, Integer> header = new HashMap<>();
        List<String> names = records.get(0);
        for (int i = 0; i < names.size(); i++) {
            header.putIfAbsent(names.get(i).replace("\uFEFF", "").strip(), i);
        }
        checkColumns(header, file);
        Field birth = export.fields().get("birthDate");
        List<Applicant> out = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            if (record.stream().allMatch(v -> v == null || v.isBlank())) {
                continue;
            }
            RawApplication raw = toRaw(record, header, r + 1, file);
            if (!raw.appliedAt.before(since, site.zone)) {
                out.add(raw.toApplicant(birth == null ? null : birth.format()));
            }
        }
        return out.stream();
    }

    private Page download(Instant since) {
        long cap = export.maxBytes() == null ? DEFAULT_CAP : export.maxBytes();
        List<Map.Entry<String, String>> params = new ArrayList<>();
        Charset charset = StandardCharsets.UTF_8;
        URI target;
        String method = export.method();
        if (export.page() != null) {
            Page page = browser.get(site.resolve(Values.expand(export.page(), Map.of(), since, site.zone, true)));
            site.screens.check(page);
            Element form = page.document().selectFirst(export.formSelector());
            if (form == null) {
                throw SiteConnector.layout("the export form was not found", page,
                        "export.formSelector '" + export.formSelector() + "'");
            }
            params.addAll(Forms.values(form));
            charset = page.charset();
            target = export.url() != null
                    ? site.resolve(Values.expand(export.url(), Map.of(), since, site.zone, true))
                    : URI.create(form.hasAttr("action") && !form.attr("action").isBlank() ? form.absUrl("action")
                    : page.uri().toString());
            if (method == null) {
                method = form.hasAttr("method") ? form.attr("method").toUpperCase(Locale.ROOT) : "GET";
            }
        } else {
            target = site.resolve(Values.expand(export.url(), Map.of(), since, site.zone, true));
        }
        if (export.form() != null) {
            for (Map.Entry<String, String> e : export.form().entrySet()) {
                Forms.set(params, e.getKey(), Values.expand(e.getValue(), Map.of(), since, site.zone, false));
            }
        }
        Page file = browser.submitForDownload(target, method == null ? "GET" : method, params, charset, cap);
        if (looksLikeHtml(file)) {
            site.screens.check(file);
            throw SiteConnector.layout("the export answered an HTML page instead of a file", file,
                    export.page() != null ? "export.formSelector '" + export.formSelector() + "'" : "export.url");
        }
        return file;
    }

    private static boolean looksLikeHtml(Page file) {
        if (!file.contentType().toLowerCase(Locale.ROOT).contains("html") || file.document() == null) {
            return false;
        }
        String start = new String(file.body(), 0, Math.min(file.body().length, 512), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<");
    }

    private List<List<String>> parse(String text, Page file) {
        if (text.isBlank()) {
            return List.of();
        }
        char sep = export.delimiter() == null ? ',' : export.delimiter().charAt(0);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(sep).withQuoteChar('"');
        List<List<String>> out = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(schema).readValues(text)) {
            while (it.hasNextValue()) {
                out.add(List.of(it.nextValue()));
            }
        } catch (IOException | RuntimeException e) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the export is not a well-formed "
                    + (sep == '\t' ? "TSV" : "CSV") + " file", Redaction.uri(file.uri()) + ", export.delimiter: "
                    + Checks.printable(e.getMessage()), e);
        }
        return out;
    }

    private void checkColumns(Map<String, Integer> header, Page file) {
        List<String> missing = new ArrayList<>();
        export.fields().forEach((name, f) -> {
            boolean required = name.equals("boardApplicationId") || name.equals("appliedAt")
                    || Boolean.TRUE.equals(f.required());
            if (required && !header.containsKey(f.column())) {
                missing.add("export.fields." + name + ".column '" + f.column() + "'");
            }
        });
        if (export.freeFields() != null) {
            export.freeFields().forEach((name, f) -> {
                if (Boolean.TRUE.equals(f.required()) && !header.containsKey(f.column())) {
                    missing.add("export.freeFields." + name + ".column '" + f.column() + "'");
                }
            });
        }
        if (!missing.isEmpty()) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the export lacks expected columns ("
                    + Redaction.uri(file.uri()) + ")", Redaction.uri(file.uri()) + ", " + String.join(", ", missing),
                    null);
        }
    }

    private RawApplication toRaw(List<String> record, Map<String, Integer> header, int line, Page file) {
        Map<String, String> values = new LinkedHashMap<>();
        export.fields().forEach((name, f) -> value(record, header, f).ifPresent(v -> values.put(name, v)));
        String id = values.get("boardApplicationId");
        String at = values.get("appliedAt");
        for (String name : List.of("boardApplicationId", "appliedAt")) {
            if (values.get(name) == null) {
                throw missing(name, line, file);
            }
        }
        export.fields().forEach((name, f) -> {
            if (Boolean.TRUE.equals(f.required()) && values.get(name) == null) {
                throw missing(name, line, file);
            }
        });
        Field atField = export.fields().get("appliedAt");
        Values.BoardTime time;
        try {
            time = Values.time(at, atField.format(), site.zone);
        } catch (DateTimeParseException e) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "record " + line + " of the export has an "
                    + "applied-at value that does not match '" + atField.format() + "': " + Checks.printable(at),
                    Redaction.uri(file.uri()) + ", export.fields.appliedAt.format", null);
        }
        RawApplication raw = new RawApplication(id, time);
        values.forEach((k, v) -> {
            if (!k.equals("boardApplicationId") && !k.equals("appliedAt")) {
                raw.values.put(k, v);
            }
        });
        if (export.freeFields() != null) {
            export.freeFields().forEach((name, f) -> value(record, header, f).ifPresent(v -> raw.free.put(name, v)));
        }
        return raw;
    }

    private static Optional<String> value(List<String> record, Map<String, Integer> header, Field f) {
        Integer i = header.get(f.column());
        if (i == null || i >= record.size()) {
            return Optional.empty();
        }
        return Values.refine(record.get(i), f);
    }

    private ConnectorException missing(String name, int line, Page file) {
        return new ConnectorException(ErrorCode.LAYOUT_CHANGED, "record " + line + " of the export has no "
                + name, Redaction.uri(file.uri()) + ", export.fields." + name + ".column '"
                + export.fields().get(name).column() + "'", null);
    }
}
