package dev.renkei.core.store;

import dev.renkei.core.support.Checks;
import dev.renkei.core.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of one imported application: (tenant, ATS account, medium, board account key, board application
 * id). Deliberately not the slot number, so swapped or re-added credentials import nothing twice.
 *
 * @param tenant tenant
 * @param atsAccount the ATS account's ledger name ({@code connector:account})
 * @param medium medium id
 * @param boardAccountKey the board account's stable identity
 * @param boardApplicationId the board's application id
 */
public record LedgerKey(TenantId tenant, String atsAccount, String medium, String boardAccountKey,
                        String boardApplicationId) {
    /** Validates. */
    public LedgerKey {
        Checks.notNull(tenant, "tenant");
        Checks.notBlank(atsAccount, "ATS account");
        Checks.notBlank(medium, "medium");
        Checks.notBlank(boardAccountKey, "board account key");
        Checks.notBlank(boardApplicationId, "board application id");
    }

    /**
     * The opaque idempotency key sent to the ATS: {@code rk1-} and 32 hex digits of SHA-256 over the parts. Holds
     * no personal data, is stable across runs and instances.
     */
    public String idempotencyKey() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {tenant.value(), atsAccount, medium, boardAccountKey, boardApplicationId}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                sha.update((byte) (b.length >>> 24));
                sha.update((byte) (b.length >>> 16));
                sha.update((byte) (b.length >>> 8));
                sha.update((byte) b.length);
                sha.update(b);
            }
            return "rk1-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
