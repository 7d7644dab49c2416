package dev.renkei.media.internal;

import dev.renkei.core.support.Checks;
import dev.renkei.core.spi.Listing;
import dev.renkei.core.spi.MediaSession;
import java.time.Instant;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A logged-in session on a profiled board. One thread at a time. Not API. */
final class SiteSession implements MediaSession {
    private final Site site;
    private final Browser browser;
    private final String accountKey;

    SiteSession(Site site, Browser browser, String accountKey) {
        this.site = site;
        this.browser = browser;
        this.accountKey = accountKey;
    }

    @Override
    public String accountKey() {
        return accountKey;
    }

    @Override
    public Stream<Listing> listings(Instant since) {
        Checks.notNull(since, "since");
        if (site.profile.export() != null) {
            // an export holds every field in one download: its rows are loaded already
            return new CsvExport(site, browser).read(since).map(Listing::of);
        }
        HtmlListing listing = new HtmlListing(site, browser, since);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(listing,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public void close() {
        // the board keeps no server-side resource we could release; the cookie jar dies with the session
    }

    @Override
    public String toString() {
        return "SiteSession[" + site.profile.id() + ", account=" + accountKey + "]";
    }
}
