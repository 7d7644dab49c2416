package dev.renkei.core.meeting;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the host configures interview meetings: which meeting connector (by provider id), the OAuth app's client
 * credentials and webhook secret token, and the limits. Immutable; built with {@link #builder(String)}.
 *
 * <pre>{@code
 * MeetingSettings settings = MeetingSettings.builder("zoom")
 *         .client(Credentials.of(clientId, clientSecret))     // the Marketplace app's client id and secret
 *         .webhookSecret(Secret.of(secretToken))               // the app's webhook secret token
 *         .build();
 * }</pre>
 */
public final class MeetingSettings {
    /** How long an authorization state is accepted: 10 minutes. */
    public static final Duration DEFAULT_STATE_LIFETIME = Duration.ofMinutes(10);
    /** Access tokens are renewed when less than this remains: 60 s. */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(60);
    /** How long one instance may hold a link's refresh before another may take it over: 30 s. */
    public static final Duration DEFAULT_REFRESH_LEASE = Duration.ofSeconds(30);
    /** How long one sync may hold a slot before another may take it over: 2 minutes. */
    public static final Duration DEFAULT_SLOT_LEASE = Duration.ofMinutes(2);
    /** How often a caller waiting for another instance's refresh or sync checks again: 50 ms. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(50);
    /** Meeting creates plus updates per host per UTC day (Zoom's documented limit): 100. */
    public static final int DEFAULT_HOST_DAILY_LIMIT = 100;

    private final String connectorId;
    private final Credentials client;
    private final Secret webhookSecret;
    private final Map<String, String> connectorSettings;
    private final Duration stateLifetime;
    private final Duration refreshMargin;
    private final Duration refreshLease;
    private final Duration slotLease;
    private final Duration poll;
    private final int hostDailyLimit;
    private final MeetingListener listener;

    private MeetingSettings(Builder b) {
        this.connectorId = b.connectorId;
        this.client = b.client;
        this.webhookSecret = b.webhookSecret;
        this.connectorSettings = Map.copyOf(b.connectorSettings);
        this.stateLifetime = b.stateLifetime;
        this.refreshMargin = b.refreshMargin;
        this.refreshLease = b.refreshLease;
        this.slotLease = b.slotLease;
        this.poll = b.poll;
        this.hostDailyLimit = b.hostDailyLimit;
        this.listener = b.listener;
    }

    /**
     * A builder for a meeting connector.
     *
     * @param connectorId the meeting provider's id (e.g. {@code zoom})
     * @return the builder
     */
    public static Builder builder(String connectorId) {
        return new Builder(connectorId);
    }

    /** The meeting provider's id. */
    public String connectorId() {
        return connectorId;
    }

    /** The OAuth app's client id ({@code loginId}) and secret, or {@code null} (server-to-server links only). */
    public Credentials client() {
        return client;
    }

    /** The webhook secret token, or {@code null} (webhooks are then refused). */
    public Secret webhookSecret() {
        return webhookSecret;
    }

    /** Settings handed to the connector. */
    public Map<String, String> connectorSettings() {
        return connectorSettings;
    }

    /** How long an authorization state is accepted. */
    public Duration stateLifetime() {
        return stateLifetime;
    }

    /** Access tokens are renewed when less than this remains. */
    public Duration refreshMargin() {
        return refreshMargin;
    }

    /** How long one refresh may hold a link. */
    public Duration refreshLease() {
        return refreshLease;
    }

    /** How long one sync may hold a slot. */
    public Duration slotLease() {
        return slotLease;
    }

    /** How often a waiting caller checks again. */
    public Duration poll() {
        return poll;
    }

    /** Meeting creates plus updates per host per UTC day. */
    public int hostDailyLimit() {
        return hostDailyLimit;
    }

    /** The listener of link events. */
    public MeetingListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "MeetingSettings[" + connectorId + ", client=" + client + ", webhookSecret="
                + (webhookSecret == null ? "none" : "<not logged>") + "]";
    }

    /** Builds {@link MeetingSettings}. */
    public static final class Builder {
        private final String connectorId;
        private Credentials client;
        private Secret webhookSecret;
        private Map<String, String> connectorSettings = Map.of();
        private Duration stateLifetime = DEFAULT_STATE_LIFETIME;
        private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
        private Duration refreshLease = DEFAULT_REFRESH_LEASE;
        private Duration slotLease = DEFAULT_SLOT_LEASE;
        private Duration poll = DEFAULT_POLL;
        private int hostDailyLimit = DEFAULT_HOST_DAILY_LIMIT;
        private MeetingListener listener = MeetingListener.NONE;

        private Builder(String connectorId) {
            if (Objects.requireNonNull(connectorId, "connectorId").isBlank()) {
                throw new IllegalArgumentException("connectorId must not be blank");
            }
            this.connectorId = connectorId;
        }

        /** The OAuth app's client id ({@code loginId}) and client secret. */
        public Builder client(Credentials client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** The webhook secret token deliveries are signed with. */
        public Builder webhookSecret(Secret secret) {
            this.webhookSecret = Objects.requireNonNull(secret, "webhookSecret");
            return this;
        }

        /** Settings handed to the connector (none needed for Zoom). */
        public Builder connectorSettings(Map<String, String> settings) {
            this.connectorSettings = Map.copyOf(settings);
            return this;
        }

        /** How long an authorization state is accepted (default {@link #DEFAULT_STATE_LIFETIME}). */
        public Builder stateLifetime(Duration d) {
            this.stateLifetime = positive(d, "stateLifetime");
            return this;
        }

        /** Renew access tokens when less than this remains (default {@link #DEFAULT_REFRESH_MARGIN}). */
        public Builder refreshMargin(Duration d) {
            this.refreshMargin = nonNegative(d, "refreshMargin");
            return this;
        }

        /** How long one refresh may hold a link (default {@link #DEFAULT_REFRESH_LEASE}). */
        public Builder refreshLease(Duration d) {
            this.refreshLease = positive(d, "refreshLease");
            return this;
        }

        /** How long one sync may hold a slot (default {@link #DEFAULT_SLOT_LEASE}). */
        public Builder slotLease(Duration d) {
            this.slotLease = positive(d, "slotLease");
            return this;
        }

        /** How often a waiting caller checks again (default {@link #DEFAULT_POLL}). */
        public Builder poll(Duration d) {
            this.poll = positive(d, "poll");
            return this;
        }

        /** Meeting creates plus updates per host per UTC day (default {@link #DEFAULT_HOST_DAILY_LIMIT}). */
        public Builder hostDailyLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("hostDailyLimit must be positive, got " + limit);
            }
            this.hostDailyLimit = limit;
            return this;
        }

        /** Who hears about link events (default none). */
        public Builder listener(MeetingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The settings. */
        public MeetingSettings build() {
            return new MeetingSettings(this);
        }

        private static Duration positive(Duration d, String what) {
            if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }

        private static Duration nonNegative(Duration d, String what) {
            if (Objects.requireNonNull(d, what).isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
