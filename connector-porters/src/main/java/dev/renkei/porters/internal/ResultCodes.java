package dev.renkei.porters.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;

/**
 * HRBC's resource Result Codes (the root {@code <Code>}) and what Renkei makes of them. 401/402 are handled by
 * the client (refresh, then one replay); everything else that is not 0 ends the call. Not API.
 */
public final class ResultCodes {
    /** Success. */
    public static final int OK = 0;
    /** Maintenance or temporarily unavailable. */
    public static final int MAINTENANCE = 9;
    /** Transaction error or target deleted: retry later. */
    public static final int TRANSACTION = 302;
    /** Access token expired. */
    public static final int TOKEN_EXPIRED = 401;
    /** Access token invalid. */
    public static final int TOKEN_INVALID = 402;

    private ResultCodes() {}

    /** True for the codes that a fresh token may cure. */
    public static boolean tokenRefused(int code) {
        return code == TOKEN_EXPIRED || code == TOKEN_INVALID;
    }

    /** The failure for a non-zero code of a whole request. */
    public static ConnectorException failure(int code, String what, String message) {
        String said = message == null || message.isBlank() ? ""
                : " (" + dev.renkei.core.support.Checks.printable(message) + ")";
        String detail = "HRBC result code " + code + said + " for " + what;
        return switch (code) {
            case MAINTENANCE -> new ConnectorException(ErrorCode.MAINTENANCE,
                    "PORTERS is in maintenance (result code 9); the next run retries", detail, null);
            case TRANSACTION -> new ConnectorException(ErrorCode.UNAVAILABLE,
                    "PORTERS reported a transaction error (result code 302); the next run retries", detail, null);
            case 403 -> new ConnectorException(ErrorCode.CRM_GRANT_MISSING,
                    "PORTERS refused access (result code 403): approve the app once in a browser for this company "
                            + "database (response_type=code) and check its scopes", detail, null);
            case 404 -> new ConnectorException(ErrorCode.CONFIGURATION_INVALID,
                    "PORTERS does not know the configured partition, or it is out of contract (result code 404)",
                    detail, null);
            case 406 -> new ConnectorException(ErrorCode.PERMISSION_MISSING,
                    "PORTERS refused this server's address (result code 406, IP restriction): register it with "
                            + "PORTERS", detail, null);
            case 400, 5, 6, 601 -> new ConnectorException(ErrorCode.PERMISSION_MISSING,
                    "the PORTERS app user lacks a permission (result code " + code + ")", detail, null);
            case TOKEN_EXPIRED, TOKEN_INVALID -> new ConnectorException(ErrorCode.LOGIN_FAILED,
                    "PORTERS refused a freshly issued token (result code " + code + ")", detail, null);
            default -> new ConnectorException(ErrorCode.UNKNOWN,
                    "PORTERS answered with result code " + code, detail, null);
        };
    }
}
