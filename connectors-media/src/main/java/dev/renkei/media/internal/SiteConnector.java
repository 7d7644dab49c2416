package dev.renkei.media.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.http.Redaction;
import dev.renkei.core.support.Checks;
import dev.renkei.core.model.Credentials;
import dev.renkei.core.support.ControlCharacters;
import dev.renkei.media.SiteProfile;
import dev.renkei.media.SiteProfile.Marker;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaSession;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Element;

/** A {@link MediaConnector} driven by a site profile. Thread-safe: every login gets its own browser. Not API. */
public final class SiteConnector implements MediaConnector {
    private final Site site;

    /** A connector for a bound profile. */
    public SiteConnector(Site site) {
        this.site = site;
    }

    @Override
    public MediaSession login(Credentials credentials) {
        Checks.notNull(credentials, "credentials");
        SiteProfile.Login l = site.profile.login();
        Browser browser = site.newBrowser();
        URI loginUrl = site.resolve(l.url());
        browser.allowOrigin(site.base);
        browser.allowOrigin(loginUrl);
        Page loginPage = browser.get(loginUrl);
        site.screens.checkMaintenance(loginPage);
        Element form = loginPage.document().selectFirst(l.formSelector());
        if (form == null) {
            site.screens.checkInterstitials(loginPage);
            throw layout("the login form was not found", loginPage, "login.formSelector '" + l.formSelector() + "'");
        }
        List<Map.Entry<String, String>> values = Forms.values(form);
        requireControl(form, l.loginIdField(), "login.loginIdField", loginPage);
        requireControl(form, l.passwordField(), "login.passwordField", loginPage);
        URI action;
        try {
            action = URI.create(form.hasAttr("action") && !form.attr("action").isBlank() ? form.absUrl("action")
                    : loginPage.uri().toString());
        } catch (IllegalArgumentException e) {
            throw layout("the login form's action is not a valid URL", loginPage,
                    "login.formSelector '" + l.formSelector() + "' action");
        }
        String method = Forms.method(form, l.passwordField());
        checkSubmission(loginPage, action, method, l);
        Forms.set(values, l.loginIdField(), credentials.loginId());
        Forms.set(values, l.passwordField(), credentials.secret().reveal());
        if (l.extraFields() != null) {
            for (Map.Entry<String, String> extra : l.extraFields().entrySet()) {
                String value = credentials.extras().get(extra.getKey());
                if (value == null || value.isBlank()) {
                    throw new ConnectorException(ErrorCode.CONFIGURATION_INVALID, "the board's login needs the extra "
                            + "field '" + extra.getKey() + "', which the account slot does not have",
                            "login.extraFields." + extra.getKey(), null);
                }
                requireControl(form, extra.getValue(), "login.extraFields." + extra.getKey(), loginPage);
                Forms.set(values, extra.getValue(), value);
            }
        }
        Page after = browser.submit(action, method, values, loginPage.charset());
        outcome(after, l);
        String accountKey = accountKey(browser, after, credentials);
        site.logger.log(System.Logger.Level.DEBUG, () -> site.profile.id() + ": logged in as account "
                + Redaction.oneLine(accountKey) + " after " + browser.requests() + " request(s)");
        return new SiteSession(site, browser, accountKey);
    }

    /**
     * Refuses a login form that would put the password into a URL, send it to another origin than the login page's
     * that {@code login.allowedOrigins} does not list, or send it over plain http from an https page.
     * Nothing has been sent yet when this throws. {@code LAYOUT_CHANGED}: the board changed under the profile, and
     * the operator who maintains the profile decides whether the new target is the board's.
     */
    private static void checkSubmission(Page loginPage, URI action, String method, SiteProfile.Login l) {
        String where = Redaction.uri(loginPage.uri()) + ", login.formSelector '" + l.formSelector() + "'";
        if (!"POST".equals(method)) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the login form is sent with method "
                    + method + ", which would put the password into the URL; it was not sent ("
                    + Redaction.uri(loginPage.uri()) + ")", where + " method", null);
        }
        String target = Browser.origin(action);
        if (Browser.isDowngrade(loginPage.uri(), action)) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the login form on an https page sends the "
                    + "password over plain http (" + target + "); it was not sent", where + " action "
                    + Redaction.uri(action), null);
        }
        if (target == null || !target.equals(Browser.origin(loginPage.uri())) && !listed(l.allowedOrigins(), target)) {
            throw new ConnectorException(ErrorCode.LAYOUT_CHANGED, "the login form sends the password to "
                    + (target == null ? "a URL that is not http(s)" : target) + ", which is neither the login "
                    + "page's origin nor one of login.allowedOrigins; the password was not sent. If the board really "
                    + "moved its login there, add the origin to login.allowedOrigins",
                    where + " action " + Redaction.uri(action) + ", login.allowedOrigins", null);
        }
    }

    private static boolean listed(List<String> allowedOrigins, String origin) {
        if (allowedOrigins != null) {
            for (String o : allowedOrigins) {
                if (origin.equals(Browser.origin(URI.create(o.strip())))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void outcome(Page page, SiteProfile.Login l) {
        site.screens.checkMaintenance(page);
        for (Marker m : l.locked() == null ? List.<Marker>of() : l.locked()) {
            Optional<String> msg = Screens.match(page.document(), m);
            if (msg.isPresent()) {
                throw new ConnectorException(ErrorCode.ACCOUNT_LOCKED, "the board says the account is locked: "
                        + Screens.quote(msg.get()), "login.locked " + Screens.describe(m) + " at "
                        + Redaction.uri(page.uri()), null);
            }
        }
        for (Marker m : l.failure() == null ? List.<Marker>of() : l.failure()) {
            Optional<String> msg = Screens.match(page.document(), m);
            if (msg.isPresent()) {
                throw new ConnectorException(ErrorCode.LOGIN_FAILED, "the board refused the login: "
                        + Screens.quote(msg.get()), "login.failure " + Screens.describe(m) + " at "
                        + Redaction.uri(page.uri()), null);
            }
        }
        site.screens.checkInterstitials(page);
        if (Screens.match(page.document(), l.success()).isEmpty()) {
            throw layout("the page after login shows neither success nor a known error", page,
                    "login.success " + Screens.describe(l.success()));
        }
    }

    private String accountKey(Browser browser, Page after, Credentials credentials) {
        SiteProfile.Login l = site.profile.login();
        if (l.accountKey() == null) {
            return credentials.loginId();
        }
        Page page = after;
        if (l.accountKeyUrl() != null) {
            page = browser.get(site.resolve(l.accountKeyUrl()));
            site.screens.check(page);
        }
        Optional<String> key = Values.html(page.document(), l.accountKey());
        if (key.isEmpty() || ControlCharacters.containsAny(key.get()) || key.get().length() > 200) {
            // never fall back silently: another key would import the same applications again
            throw layout("the account id was not found after login", page, "login.accountKey "
                    + (l.accountKey().selector() == null ? "" : "selector '" + l.accountKey().selector() + "' ")
                    + (l.accountKey().regex() == null ? "" : "regex '" + l.accountKey().regex() + "'"));
        }
        return key.get();
    }

    private static void requireControl(Element form, String name, String path, Page page) {
        if (!Forms.has(form, name)) {
            throw layout("the login form has no field '" + name + "'", page, path + " '" + name + "'");
        }
    }

    static ConnectorException layout(String what, Page page, String where) {
        return new ConnectorException(ErrorCode.LAYOUT_CHANGED, what + " (" + Redaction.uri(page.uri()) + ")",
                Redaction.uri(page.uri()) + ", " + where, null);
    }
}
