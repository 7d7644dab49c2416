package dev.renkei.core.spi;

import dev.renkei.core.model.Secret;

/**
 * The OAuth access tokens of one linked account, for connectors that call an API on its behalf. The host side
 * (Renkei's meeting and MyPage services) renews and persists them — one renewal at a time across instances,
 * rotated refresh tokens stored before use — so a connector only asks for a token and reports a refused one, the
 * way OkHttp keeps its {@code Authenticator} apart from the call.
 */
public interface TokenSource {
    /**
     * A valid access token, renewed first when it is about to expire.
     *
     * @throws dev.renkei.core.ConnectorException {@code MEETING_LINK_REVOKED}, {@code CRM_GRANT_MISSING} or
     *     {@code LOGIN_FAILED} when the link can no longer be renewed and must be authorized again
     */
    Secret accessToken();

    /**
     * The API refused {@code rejected} (401): renews the token unless another caller already did, and returns the
     * token to replay the call with once.
     *
     * @throws dev.renkei.core.ConnectorException as {@link #accessToken()}
     */
    Secret renewAfterRejection(Secret rejected);
}
