package dev.renkei.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * A kind of connector, named by its provider interface. The registry keys providers by kind, so a new kind is one
 * more constant here (or one {@link ConnectorRegistry.Builder#kind} call), never a new branch.
 *
 * @param name what the kind is called in reports and errors
 * @param providerType the provider interface of the kind
 * @param <P> the provider interface
 */
public record ConnectorKind<P extends ConnectorProvider<?>>(String name, Class<P> providerType) {
    /** Job boards. */
    public static final ConnectorKind<MediaConnectorProvider> MEDIA =
            new ConnectorKind<>("media", MediaConnectorProvider.class);
    /** Applicant tracking systems. */
    public static final ConnectorKind<AtsConnectorProvider> ATS = new ConnectorKind<>("ATS", AtsConnectorProvider.class);
    /** Video-meeting services. */
    public static final ConnectorKind<MeetingConnectorProvider> MEETING =
            new ConnectorKind<>("meeting", MeetingConnectorProvider.class);
    /** CRMs that hold job seekers. */
    public static final ConnectorKind<JobSeekerConnectorProvider> JOB_SEEKER =
            new ConnectorKind<>("job-seeker source", JobSeekerConnectorProvider.class);
    /** The kinds every registry knows. */
    public static final List<ConnectorKind<?>> BUILT_IN = List.of(MEDIA, ATS, MEETING, JOB_SEEKER);

    /** Validates. */
    public ConnectorKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(providerType, "providerType");
        if (!providerType.isInterface() || !ConnectorProvider.class.isAssignableFrom(providerType)) {
            throw new IllegalArgumentException(providerType.getName() + " is not a ConnectorProvider interface");
        }
    }

    /** True when {@code provider} is of this kind. */
    public boolean accepts(ConnectorProvider<?> provider) {
        return providerType.isInstance(provider);
    }
}
