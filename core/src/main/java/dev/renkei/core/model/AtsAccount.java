package dev.renkei.core.model;

import dev.renkei.core.support.Checks;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The ATS account a robot writes to.
 *
 * @param connectorId the ATS connector provider id, e.g. {@code greenhouse}, {@code lever}, {@code webhook}
 * @param accountId the customer's account at that ATS as the host names it; part of every import's ledger key,
 *     so change it only when the robot really writes to another ATS account
 * @param settings connector settings (base URL, job routing, source name…), not secret
 * @param credentials the API key/secret, or {@code null} for connectors that need none (in-process sink)
 */
public record AtsAccount(String connectorId, String accountId, Map<String, String> settings, Credentials credentials) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    /** Validates and copies. */
    public AtsAccount {
        Checks.matches(connectorId, SlotId.MEDIUM, "ATS connector id", "use lower-case letters, digits and '-'");
        Checks.matches(accountId, ID, "ATS account id", "use 1-128 letters, digits, '.', '_', ':' or '-'");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** The key used in ledger keys: {@code connectorId:accountId}. */
    public String ledgerName() {
        return connectorId + ":" + accountId;
    }

    @Override
    public String toString() {
        return "AtsAccount[" + connectorId + ":" + accountId + ", settings=" + new TreeMap<>(settings)
                + ", credentials=" + credentials + "]";
    }
}
