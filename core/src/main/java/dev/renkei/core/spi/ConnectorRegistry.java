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
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The connector providers a host uses, keyed by {@link ConnectorKind}. Explicit registration is the main path;
 * {@link Builder#discover(ClassLoader)} adds what {@link ServiceLoader} finds for every kind, loading each provider on
 * its own so one broken jar does not hide the others, and {@link #report()} says what was loaded and what failed.
 * Two providers of one kind with one id are rejected.
 */
public final class ConnectorRegistry {
    private final Map<ConnectorKind<?>, Map<String, ConnectorProvider<?>>> byKind;
    private final List<String> report;

    private ConnectorRegistry(Builder b) {
        Map<ConnectorKind<?>, Map<String, ConnectorProvider<?>>> copy = new LinkedHashMap<>();
        b.byKind.forEach((kind, providers) -> copy.put(kind, Map.copyOf(providers)));
        this.byKind = Map.copyOf(copy);
        this.report = List.copyOf(b.report);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A provider of a kind by id. */
    public <P extends ConnectorProvider<?>> Optional<P> find(ConnectorKind<P> kind, String id) {
        return Optional.ofNullable(byKind.getOrDefault(kind, Map.of()).get(id)).map(kind.providerType()::cast);
    }

    /** Every registered id of a kind. */
    public Set<String> ids(ConnectorKind<?> kind) {
        return byKind.getOrDefault(kind, Map.of()).keySet();
    }

    /** A media provider by medium id ({@code find(ConnectorKind.MEDIA, id)}). */
    public Optional<MediaConnectorProvider> media(String id) {
        return find(ConnectorKind.MEDIA, id);
    }

    /** An ATS provider by id ({@code find(ConnectorKind.ATS, id)}). */
    public Optional<AtsConnectorProvider> ats(String id) {
        return find(ConnectorKind.ATS, id);
    }

    /** One line per provider loaded or failed, in order. */
    public List<String> report() {
        return report;
    }

    /** Builds a {@link ConnectorRegistry}. */
    public static final class Builder {
        private static final int MAX_FAILURES_IN_A_ROW = 100;
        private final Map<ConnectorKind<?>, Map<String, ConnectorProvider<?>>> byKind = new LinkedHashMap<>();
        private final List<String> report = new ArrayList<>();

        private Builder() {
            ConnectorKind.BUILT_IN.forEach(this::kind);
        }

        /** Adds a kind beyond the built-in ones; its providers register like any other. */
        public Builder kind(ConnectorKind<?> kind) {
            Objects.requireNonNull(kind, "kind");
            byKind.putIfAbsent(kind, new LinkedHashMap<>());
            return this;
        }

        /**
         * Registers a provider; its kind is the one whose provider interface it implements.
         *
         * @throws ValidationException for a duplicate id within the kind, an invalid id, or a provider of no known
         *     kind (or of several)
         */
        public Builder register(ConnectorProvider<?> provider) {
            if (provider == null) {
                throw new NullPointerException("connector provider is required");
            }
            String id = provider.id();
            if (id == null || !SlotId.MEDIUM.matcher(id).matches()) {
                throw new IllegalArgumentException("connector id '" + Checks.printable(id) + "' of " + provider.getClass().getName()
                        + " is invalid: use lower-case letters, digits and '-'");
            }
            ConnectorKind<?> kind = kindOf(provider);
            ConnectorProvider<?> existing = byKind.get(kind).putIfAbsent(id, provider);
            if (existing != null) {
                throw new IllegalArgumentException("two " + kind.name() + " connectors have the id '" + id + "': "
                        + existing.getClass().getName() + " and " + provider.getClass().getName());
            }
            report.add("registered " + kind.name() + " connector '" + id + "' (" + provider.getClass().getName() + ")");
            return this;
        }

        private ConnectorKind<?> kindOf(ConnectorProvider<?> provider) {
            List<ConnectorKind<?>> kinds = byKind.keySet().stream().filter(k -> k.accepts(provider)).toList();
            if (kinds.size() != 1) {
                throw new IllegalArgumentException(provider.getClass().getName() + (kinds.isEmpty()
                        ? " implements none of the provider interfaces"
                        : " implements the provider interfaces of several kinds: " + kinds.stream()
                                .map(ConnectorKind::name).toList()));
            }
            return kinds.get(0);
        }

        /**
         * Adds every provider {@link ServiceLoader} finds for every kind. A provider that fails to load (missing
         * class, failing constructor or {@code id()}) is reported and skipped; a provider whose class is already
         * registered under the same id is reported and skipped; another provider with a taken id, or an invalid id,
         * fails the build.
         */
        public Builder discover(ClassLoader loader) {
            List.copyOf(byKind.keySet()).forEach(kind -> discover(kind, loader));
            return this;
        }

        private void discover(ConnectorKind<?> kind, ClassLoader loader) {
            Class<? extends ConnectorProvider<?>> type = kind.providerType();
            Iterator<? extends ServiceLoader.Provider<? extends ConnectorProvider<?>>> it =
                    ServiceLoader.load(type, loader).stream().iterator();
            int failuresInARow = 0;
            while (true) {
                ServiceLoader.Provider<? extends ConnectorProvider<?>> handle;
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
                ConnectorProvider<?> provider;
                String id;
                try {
                    provider = handle.get();
                    id = provider.id();
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    report.add("failed to load " + handle.type().getName() + ": " + describe(e));
                    continue;
                }
                ConnectorProvider<?> existing = byKind.get(kind).get(id);
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

        /** Builds the registry. */
        public ConnectorRegistry build() {
            return new ConnectorRegistry(this);
        }
    }
}
