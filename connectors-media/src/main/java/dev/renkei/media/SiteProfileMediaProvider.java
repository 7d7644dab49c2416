package dev.renkei.media;

import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import dev.renkei.core.spi.ConnectorContext;
import dev.renkei.core.spi.MediaConnector;
import dev.renkei.core.spi.MediaConnectorProvider;
import dev.renkei.media.internal.ProfileValidator;
import dev.renkei.media.internal.Site;
import dev.renkei.media.internal.SiteConnector;
import java.net.URI;
import java.nio.file.Path;

/**
 * A job board described by a {@link SiteProfile}. Its {@link #id()} is the profile id. Register it explicitly:
 *
 * <pre>{@code
 * Renkei.builder()
 *         .connector(SiteProfileMediaProvider.fromFile(Path.of("profiles/my-board.json")))
 * }</pre>
 *
 * <p>Settings read from the {@link ConnectorContext}: {@code baseUrl} overrides the profile's base URL (a
 * staging host, a local simulator). The provider does no I/O until a session logs in. The shipped demo profiles
 * ({@code demo-html}, {@code demo-csv}) describe fictional boards and are deliberately not registered through
 * {@link java.util.ServiceLoader}; load them with {@link #fromResource(String)}.
 */
public final class SiteProfileMediaProvider implements MediaConnectorProvider {
    /** Class-path location of the shipped demo profiles. */
    public static final String PROFILES = "dev/renkei/media/profiles/";

    private final SiteProfile profile;

    /**
     * A provider for a profile.
     *
     * @throws ValidationException when the profile is invalid (the message names the field path)
     */
    public SiteProfileMediaProvider(SiteProfile profile) {
        Checks.notNull(profile, "site profile");
        ProfileValidator.validate(profile, "site profile " + profile.id());
        this.profile = profile;
    }

    /** A provider for a profile on the class path, e.g. {@code dev/renkei/media/profiles/demo-html.json}. */
    public static SiteProfileMediaProvider fromResource(String resource) {
        return new SiteProfileMediaProvider(SiteProfile.loadResource(resource));
    }

    /** A provider for a profile file. */
    public static SiteProfileMediaProvider fromFile(Path file) {
        return new SiteProfileMediaProvider(SiteProfile.load(file));
    }

    /** A provider for one of the shipped demo profiles by id ({@code demo-html}, {@code demo-csv}). */
    public static SiteProfileMediaProvider demo(String id) {
        Checks.notBlank(id, "demo profile id");
        if (!id.matches("demo-[a-z]+")) {
            throw new IllegalArgumentException("'" + Checks.printable(id) + "' is not a demo profile id");
        }
        return fromResource(PROFILES + id + ".json");
    }

    /** The profile. */
    public SiteProfile profile() {
        return profile;
    }

    @Override
    public String id() {
        return profile.id();
    }

    @Override
    public MediaConnector create(ConnectorContext context) {
        Checks.notNull(context, "context");
        String baseUrl = context.setting("baseUrl").orElse(profile.baseUrl());
        try {
            URI u = URI.create(baseUrl);
            if (u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
        } catch (RuntimeException e) {
            throw new ValidationException("connector setting 'baseUrl' of " + profile.id()
                    + " must be an absolute http(s) URL");
        }
        return new SiteConnector(new Site(profile, baseUrl, context.http(), context.sleeper(), context.logger()));
    }

    @Override
    public String toString() {
        return "SiteProfileMediaProvider[" + profile.id() + "]";
    }
}
