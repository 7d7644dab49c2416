package dev.renkei.media.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.Redaction;
import dev.renkei.media.SiteProfile;
import dev.renkei.media.SiteProfile.Marker;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/** Recognises maintenance pages and interstitial screens on any page. Not API. */
public final class Screens {
    private static final int MAX_QUOTE = 300;
    private final List<Marker> maintenance;
    private final List<Marker> interstitials;

    /** Screens from a profile's markers. */
    public Screens(SiteProfile.Markers markers) {
        this.maintenance = markers == null || markers.maintenance() == null ? List.of() : markers.maintenance();
        this.interstitials = markers == null || markers.interstitials() == null ? List.of() : markers.interstitials();
    }

    /** Throws {@code MAINTENANCE} or {@code UNEXPECTED_SCREEN} when the page is one of those screens. */
    public void check(Page page) {
        checkMaintenance(page);
        checkInterstitials(page);
    }

    /** Throws {@code MAINTENANCE} when the page is a maintenance page. */
    public void checkMaintenance(Page page) {
        for (Marker m : maintenance) {
            Optional<String> message = match(page.document(), m);
            if (message.isPresent()) {
                throw new ConnectorException(ErrorCode.MAINTENANCE, "the board is in maintenance: "
                        + quote(message.get()), "maintenance page at " + Redaction.uri(page.uri())
                        + " (marker " + describe(m) + ")", null);
            }
        }
    }

    /** Throws {@code UNEXPECTED_SCREEN} when the page is an interstitial screen, quoting its own message. */
    public void checkInterstitials(Page page) {
        for (Marker m : interstitials) {
            Optional<String> message = match(page.document(), m);
            if (message.isPresent()) {
                String name = m.name() == null ? "screen" : m.name();
                throw new ConnectorException(ErrorCode.UNEXPECTED_SCREEN, "the board shows a screen that blocks the "
                        + "robot (" + name + "); it says: " + quote(message.get()),
                        name + " at " + Redaction.uri(page.uri()) + " (marker " + describe(m) + ")", null);
            }
        }
    }

    /**
     * Whether a marker matches; the message is the text at {@code messageSelector}, else the matched element's
     * text, else the page title.
     */
    public static Optional<String> match(Document doc, Marker m) {
        if (doc == null) {
            return Optional.empty();
        }
        Element hit = null;
        if (m.selector() != null) {
            Elements found = doc.select(m.selector());
            for (Element e : found) {
                if (m.text() == null || e.text().contains(m.text())) {
                    hit = e;
                    break;
                }
            }
            if (hit == null) {
                return Optional.empty();
            }
        } else if (m.text() != null) {
            Element body = doc.body() != null ? doc.body() : doc;
            if (!body.text().contains(m.text())) {
                return Optional.empty();
            }
        }
        String message = null;
        if (m.messageSelector() != null) {
            Element msg = doc.selectFirst(m.messageSelector());
            message = msg == null ? null : msg.text();
        }
        if (message == null || message.isBlank()) {
            message = hit != null ? hit.text() : m.text();
        }
        if (message == null || message.isBlank()) {
            message = doc.title();
        }
        return Optional.of(message == null ? "" : message.strip());
    }

    /** A marker for an operator detail. */
    public static String describe(Marker m) {
        StringBuilder sb = new StringBuilder();
        if (m.selector() != null) {
            sb.append("selector '").append(m.selector()).append('\'');
        }
        if (m.text() != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("text '").append(m.text()).append('\'');
        }
        return sb.toString();
    }

    /** The page's message, quoted, on one line and shortened. */
    public static String quote(String message) {
        String s = Redaction.oneLine(message == null ? "" : message.strip()).replaceAll("\\s+", " ");
        if (s.length() > MAX_QUOTE) {
            s = s.substring(0, MAX_QUOTE) + "…";
        }
        return "「" + s + "」";
    }
}
