package dev.renkei.media.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.model.Applicant;
import dev.renkei.core.model.Attachment;
import dev.renkei.core.spi.Listing;
import dev.renkei.core.support.ControlCharacters;
import dev.renkei.media.SiteProfile;
import dev.renkei.media.SiteProfile.Field;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Walks the HTML application list lazily: a page is loaded when its rows are needed; a row's detail page and its
 * attachments only when the engine {@linkplain Listing#load() loads} that row (after its ledger said it is new). Stops after the first page that holds a row older than the requested
 * instant (newest-first lists), at the last page, or fails at the page cap. Not API.
 */
final class HtmlListing implements Iterator<Listing> {
    private static final Pattern FILENAME_STAR = Pattern.compile("filename\\*\\s*=\\s*([^']*)'[^']*'([^;]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final long DEFAULT_ATTACHMENT_CAP = 10L * 1024 * 1024;

    private final Site site;
    private final Browser browser;
    private final Instant since;
    private final SiteProfile.ListPages list;
    private final Deque<RawApplication> pending = new ArrayDeque<>();
    private final Set<URI> visited = new HashSet<>();
    private URI next;
    private int pageNumber;
    private int pagesRead;
    private boolean finished;

    HtmlListing(Site site, Browser browser, Instant since) {
        this.site = site;
        this.browser = browser;
        this.since = since;
        this.list = site.profile.list();
        this.pageNumber = list.firstPage() == null ? 1 : list.firstPage();
        this.next = pageUri(pageNumber);
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !finished) {
            loadPage();
        }
        return !pending.isEmpty();
    }

    @Override
    public Listing next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawApplication raw = pending.removeFirst();
        return Listing.of(raw.id, raw.appliedAt.instant(), () -> {
            RawApplication loaded = raw.copy();
            if (loaded.detailUrl != null) {
                readDetail(loaded);
            }
            Field birth = birthField();
            return loaded.toApplicant(birth == null ? null : birth.format());
        });
    }

    private Field birthField() {
        if (site.profile.detail() != null && site.profile.detail().fields() != null
                && site.profile.detail().fields().containsKey("birthDate")) {
            return site.profile.detail().fields().get("birthDate");
        }
        return list.fields().get("birthDate");
    }

    private URI pageUri(int n) {
        return site.resolve(Values.expand(list.url(), Map.of("page", Integer.toString(n)), since, site.zone, true));
    }

    private void loadPage() {
        if (next == null) {
            finished = true;
            return;
        }
        if (pagesRead >= site.maxPages) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "stopped after " + site.maxPages
                    + " list pages (pacing.maxPages) before reaching the end of the list",
                    "next page " + Redaction.uri(next) + ", list.nextSelector / pacing.maxPages", null);
        }
        Page page = browser.get(next);
        pagesRead++;
        visited.add(next);
        site.screens.check(page);
        Elements rows = page.document().select(list.rowSelector());
        if (rows.isEmpty()) {
            if (!page.document().select(list.emptySelector()).isEmpty()) {
                finished = true;
                return;
            }
            throw SiteConnector.layout("the application list has no rows and no empty-list marker", page,
                    "list.rowSelector '" + list.rowSelector() + "', list.emptySelector '" + list.emptySelector() + "'");
        }
        boolean reachedOlder = false;
        int index = 0;
        for (Element row : rows) {
            index++;
            RawApplication raw = readRow(row, index, page);
            if (raw.appliedAt.before(since, site.zone)) {
                reachedOlder = true;
                continue;
            }
            pending.addLast(raw);
        }
        next = nextPage(page);
        if (next != null && visited.contains(next)) {
            throw SiteConnector.layout("the next-page link points back to a page already read", page,
                    "list.nextSelector '" + list.nextSelector() + "' → " + Redaction.uri(next));
        }
        if (reachedOlder && !Boolean.FALSE.equals(list.newestFirst())) {
            next = null;
        }
        if (next == null && pending.isEmpty()) {
            finished = true;
        }
    }

    private URI nextPage(Page page) {
        Element link = list.nextSelector() == null ? null : page.document().selectFirst(list.nextSelector());
        if (list.paging() == SiteProfile.Paging.NEXT_LINK) {
            if (link == null) {
                return null;
            }
            String href = link.hasAttr("href") ? link.absUrl("href") : "";
            if (href.isEmpty()) {
                throw SiteConnector.layout("the next-page link has no href", page,
                        "list.nextSelector '" + list.nextSelector() + "'");
            }
            return URI.create(href);
        }
        if (list.nextSelector() != null && link == null) {
            return null;
        }
        pageNumber++;
        return pageUri(pageNumber);
    }

    private RawApplication readRow(Element row, int index, Page page) {
        Map<String, Field> fields = list.fields();
        String id = required(row, fields.get("boardApplicationId"), "list.fields.boardApplicationId", index, page);
        Field at = fields.get("appliedAt");
        String atText = required(row, at, "list.fields.appliedAt", index, page);
        Values.BoardTime time;
        try {
            time = Values.time(atText, at.format(), site.zone);
        } catch (DateTimeParseException e) {
            throw SiteConnector.layout("row " + index + " has an applied-at value that does not match the format '"
                    + at.format() + "': " + dev.renkei.core.support.Checks.printable(atText), page,
                    "list.fields.appliedAt.format");
        }
        RawApplication raw = new RawApplication(id, time);
        read(row, fields, raw.values, "list.fields", index, page);
        read(row, list.freeFields(), raw.free, "list.freeFields", index, page);
        if (list.detailLink() != null) {
            Field link = list.detailLink().attribute() == null
                    ? new Field(list.detailLink().selector(), "abs:href", list.detailLink().regex(), null, null, null)
                    : list.detailLink();
            String href = required(row, link, "list.detailLink", index, page);
            raw.detailUrl = page.uri().resolve(href).toString();
        }
        return raw;
    }

    private void read(Element ctx, Map<String, Field> fields, Map<String, String> into, String path, int index,
                      Page page) {
        if (fields == null) {
            return;
        }
        fields.forEach((name, f) -> {
            if (name.equals("boardApplicationId") || name.equals("appliedAt")) {
                return;
            }
            Optional<String> v = Values.html(ctx, f);
            if (v.isPresent()) {
                into.put(name, v.get());
            } else if (Boolean.TRUE.equals(f.required())) {
                throw missing(path + "." + name, f, index, page);
            }
        });
    }

    private static String required(Element row, Field f, String path, int index, Page page) {
        return Values.html(row, f).orElseThrow(() -> missing(path, f, index, page));
    }

    private static ConnectorException missing(String path, Field f, int index, Page page) {
        String where = (index > 0 ? "row " + index + ": " : "") + path
                + (f.selector() == null ? "" : " selector '" + f.selector() + "'")
                + (f.attribute() == null ? "" : " attribute '" + f.attribute() + "'")
                + (f.regex() == null ? "" : " regex '" + f.regex() + "'");
        return SiteConnector.layout("a required value is missing", page, where);
    }

    private void readDetail(RawApplication raw) {
        SiteProfile.Detail detail = site.profile.detail();
        Page page = browser.get(URI.create(raw.detailUrl));
        site.screens.check(page);
        if (detail == null) {
            return;
        }
        Element doc = page.document();
        read(doc, detail.fields(), raw.values, "detail.fields", 0, page);
        read(doc, detail.freeFields(), raw.free, "detail.freeFields", 0, page);
        if (detail.fields() != null && detail.fields().containsKey("boardApplicationId")) {
            String shown = required(doc, detail.fields().get("boardApplicationId"), "detail.fields.boardApplicationId",
                    0, page);
            if (!shown.equals(raw.id)) {
                throw SiteConnector.layout("the detail page shows application " + shown + " instead of " + raw.id,
                        page, "detail.fields.boardApplicationId");
            }
        }
        if (detail.attachments() != null) {
            SiteProfile.Attachments a = detail.attachments();
            String attr = a.attribute() == null ? "href" : a.attribute();
            long cap = a.maxBytes() == null ? DEFAULT_ATTACHMENT_CAP : a.maxBytes();
            for (Element link : doc.select(a.selector())) {
                String url = link.absUrl(attr);
                if (url.isEmpty()) {
                    throw SiteConnector.layout("an attachment link has no " + attr, page,
                            "detail.attachments.selector '" + a.selector() + "'");
                }
                Page file = browser.download(URI.create(url), cap);
                raw.attachments.add(new Attachment(fileName(file, link), mediaType(file), file.body()));
            }
        }
    }

    private static String mediaType(Page file) {
        String ct = file.contentType();
        int semi = ct.indexOf(';');
        return (semi >= 0 ? ct.substring(0, semi) : ct).strip();
    }

    /** Content-Disposition {@code filename*} (RFC 5987), then {@code filename}, then the link text, then the URL. */
    static String fileName(Page file, Element link) {
        String name = null;
        String cd = file.headers().firstValue("Content-Disposition").orElse("");
        Matcher star = FILENAME_STAR.matcher(cd);
        if (star.find()) {
            java.nio.charset.Charset charset = Charsets.forLabel(star.group(1)).orElse(StandardCharsets.UTF_8);
            try {
                name = URLDecoder.decode(star.group(2).strip().replace("+", "%2B"), charset);
            } catch (IllegalArgumentException e) {
                name = null;
            }
        }
        if (name == null) {
            Matcher plain = FILENAME.matcher(cd);
            if (plain.find()) {
                name = plain.group(1).strip();
            }
        }
        if (name == null || name.isBlank()) {
            name = link.text();
        }
        if (name == null || name.isBlank()) {
            String path = file.uri().getPath();
            name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        }
        name = ControlCharacters.replace(name.replaceAll("[\\\\/]", "_"), "").strip();
        return name.isEmpty() ? "attachment" : name;
    }
}
