package dev.renkei.media.internal;

import dev.renkei.core.http.HttpExecutor;
import dev.renkei.core.http.Sleeper;
import dev.renkei.media.SiteProfile;
import java.net.URI;
import java.time.ZoneId;

/** A validated profile bound to a base URL and the shared HTTP executor. Immutable. Not API. */
public final class Site {
    final SiteProfile profile;
    final URI base;
    final ZoneId zone;
    final HttpExecutor http;
    final Sleeper sleeper;
    final Screens screens;
    final System.Logger logger;
    final int maxPages;

    /** Binds a profile. */
    public Site(SiteProfile profile, String baseUrl, HttpExecutor http, Sleeper sleeper, System.Logger logger) {
        this.profile = profile;
        String b = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.base = URI.create(b);
        this.zone = ZoneId.of(profile.zone() == null ? "Asia/Tokyo" : profile.zone());
        this.http = http;
        this.sleeper = sleeper;
        this.screens = new Screens(profile.markers());
        this.logger = logger;
        this.maxPages = profile.pacing() != null && profile.pacing().maxPages() != null
                ? profile.pacing().maxPages() : 50;
    }

    /** Resolves a profile URL (absolute, or relative to the base URL; a leading '/' is from the host root). */
    URI resolve(String url) {
        return base.resolve(url.strip());
    }

    /** A new per-session browser. */
    Browser newBrowser() {
        return new Browser(http, sleeper, profile, screens);
    }
}
