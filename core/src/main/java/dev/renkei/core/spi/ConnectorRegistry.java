package dev.renkei.core.spi;

import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.support.ControlCharacters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The connector providers a host uses. Explicit registration is the main path; {@link Builder#discover(ClassLoader)}
 * adds what {@link ServiceLoader} finds, loading each provider on its own so one broken jar does not hide the
 * others, and {@link #report()} says what was loaded and what failed. Two providers with one id are rejected.
 */
public final class ConnectorRegistry {
    private final Map<String, MediaConnectorProvider> media;
    private final Map<String, AtsConnectorProvider> ats;
    private final Map<String, MeetingProviderFactory> meetings;
    private final Map<String, JobSeekerSourceProvider> sources;
    private final List<String> report;

    private ConnectorRegistry(Builder b) {
        this.media = Map.copyOf(b.media);
        this.ats = Map.copyOf(b.ats);
        this.meetings = Map.copyOf(b.meetings);
        this.sources = Map.copyOf(b.sources);
        this.report = List.copyOf(b.report);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A media provider by medium id. */
    public Optional<MediaConnectorProvider> media(String id) {
        return Optional.ofNullable(media.get(id));
    }

    /** An ATS provider by id. */
    public Optional<AtsConnectorProvider> ats(String id) {
        return Optional.ofNullable(ats.get(id));
    }

    /** A meeting provider factory by id. */
    public Optional<MeetingProviderFactory> meetings(String id) {
        return Optional.ofNullable(meetings.get(id));
    }

    /** A job-seeker source provider by id. */
    public Optional<JobSeekerSourceProvider> jobSeekerSource(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /** Every registered media id. */
    public java.util.Set<String> mediaIds() {
        return media.keySet();
    }

    /** Every registered ATS id. */
    public java.util.Set<String> atsIds() {
        return ats.keySet();
    }

    /** One line per provider loaded or failed, in order. */
    public List<String> report() {
        return report;
    }

    /** Builds a {@link ConnectorRegistry}. */
    public static final class Builder {
        private final Map<String, MediaConnectorProvider> media = new LinkedHashMap<>();
        private final Map<String, AtsConnectorProvider> ats = new LinkedHashMap<>();
        private final Map<String, MeetingProviderFactory> meetings = new LinkedHashMap<>();
        private final Map<String, JobSeekerSourceProvider> sources = new LinkedHashMap<>();
        private final List<String> report = new ArrayList<>();
        private static final int MAX_FAILURES_IN_A_ROW = 100;

        private Builder() {}

        /**
         * Registers a provider of any of the four kinds.
         *
         * @throws ValidationException for a duplicate id, an invalid id, or an unknown provider kind
         */
        public Builder register(ConnectorProvider<?> provider) {
            if (provider == null) {
                throw new ValidationException("connector provider is required");
            }
            String id = provider.id();
            if (id == null || !SlotId.MEDIUM.matcher(id).matches()) {
                throw new ValidationException("connector id '" + Checks.printable(id) + "' of " + provider.getClass().getName()
                        + " is invalid: use lower-case letters, digits and '-'");
            }
            if (provider instanceof MediaConnectorProvider p) {
                put(media, id, p, "media");
            } else if (provider instanceof AtsConnectorProvider p) {
                put(ats, id, p, "ATS");
            } else if (provider instanceof MeetingProviderFactory p) {
                put(meetings, id, p, "meeting");
            } else if (provider instanceof JobSeekerSourceProvider p) {
                put(sources, id, p, "job-seeker source");
            } else {
                throw new ValidationException(provider.getClass().getName()
                        + " implements none of the provider interfaces");
            }
            report.add("registered " + kind(provider) + " connector '" + id + "' (" + provider.getClass().getName() + ")");
            return this;
        }

        /**
         * Adds every provider {@link ServiceLoader} finds for the four interfaces. A provider that fails to load (missing
         * class, failing constructor or {@code id()}) is reported and skipped; a provider whose class is already
         * registered under the same id is reported and skipped; another provider with a taken id, or an invalid id,
         * fails the build.
         */
        public Builder discover(ClassLoader loader) {
            discover(MediaConnectorProvider.class, loader);
            discover(AtsConnectorProvider.class, loader);
            discover(MeetingProviderFactory.class, loader);
            discover(JobSeekerSourceProvider.class, loader);
            return this;
        }

        private <T extends ConnectorProvider<?>> void discover(Class<T> type, ClassLoader loader) {
            Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(type, loader).stream().iterator();
            int failuresInARow = 0;
            while (true) {
                ServiceLoader.Provider<T> handle;
                try {
                    if (!it.hasNext()) {
                        return;
                    }
                    handle = it.next();
                    failuresInARow = 0;
                } catch (ServiceConfigurationError e) {
                    report.add("failed to load a " + type.getSimpleName() + ": " + describe(e));
                    if (++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                        report.add("stopped looking for " + type.getSimpleName() + " after " + failuresInARow
                                + " failures in a row");
                        return;
                    }
                    continue;
                }
                T provider;
                String id;
                try {
                    provider = handle.get();
                    id = provider.id();
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    report.add("failed to load " + handle.type().getName() + ": " + describe(e));
                    continue;
                }
                ConnectorProvider<?> existing = registered(provider, id);
                if (existing != null && existing.getClass() == provider.getClass()) {
                    // e.g. registered explicitly and also found on the class path: one provider, not two
                    report.add("skipped " + provider.getClass().getName() + ": '" + id + "' is already registered");
                    continue;
                }
                register(provider);
            }
        }

        /** A failure and its causes on one line, e.g. for a constructor that threw. */
        private static String describe(Throwable e) {
            StringBuilder sb = new StringBuilder();
            for (Throwable t = e; t != null && sb.length() < 1_000; t = t.getCause() == t ? null : t.getCause()) {
                if (sb.length() > 0) {
                    sb.append(" <- ");
                }
                sb.append(t.getClass().getSimpleName());
                if (t.getMessage() != null) {
                    sb.append(": ").append(t.getMessage());
                }
            }
            return ControlCharacters.replace(sb.toString(), "?");
        }

        private ConnectorProvider<?> registered(ConnectorProvider<?> provider, String id) {
            if (provider instanceof MediaConnectorProvider) {
                return media.get(id);
            }
            if (provider instanceof AtsConnectorProvider) {
                return ats.get(id);
            }
            if (provider instanceof MeetingProviderFactory) {
                return meetings.get(id);
            }
            if (provider instanceof JobSeekerSourceProvider) {
                return sources.get(id);
            }
            return null;
        }

        private <P> void put(Map<String, P> map, String id, P provider, String kind) {
            P existing = map.putIfAbsent(id, provider);
            if (existing != null) {
                throw new ValidationException("two " + kind + " connectors have the id '" + id + "': "
                        + existing.getClass().getName() + " and " + provider.getClass().getName());
            }
        }

        private static String kind(ConnectorProvider<?> p) {
            if (p instanceof MediaConnectorProvider) {
                return "media";
            }
            if (p instanceof AtsConnectorProvider) {
                return "ATS";
            }
            if (p instanceof MeetingProviderFactory) {
                return "meeting";
            }
            return "job-seeker source";
        }

        /** Builds the registry. */
        public ConnectorRegistry build() {
            return new ConnectorRegistry(this);
        }
    }
}
