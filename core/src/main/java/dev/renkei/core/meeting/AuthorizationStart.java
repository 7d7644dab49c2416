package dev.renkei.core.meeting;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The start of an OAuth authorization: send the administrator's browser to {@link #url()}.
 *
 * @param url the provider's authorize URL with {@code state} and a PKCE S256 challenge
 * @param state the single-use state it carries (bound to the tenant; the callback must bring it back)
 * @param expiresAt when the state stops being accepted
 */
public record AuthorizationStart(URI url, String state, Instant expiresAt) {
    /** Validates. */
    public AuthorizationStart {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "AuthorizationStart[expiresAt=" + expiresAt + "]";
    }
}
