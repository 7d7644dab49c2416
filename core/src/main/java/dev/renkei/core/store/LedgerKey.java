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
    private static final HexFormat HEX = HexFormat.of();
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

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
        // every part behind its length in four bytes, hashed in one call: this runs several times per import
        byte[][] parts = {utf8(tenant.value()), utf8(atsAccount), utf8(medium), utf8(boardAccountKey),
            utf8(boardApplicationId)};
        int size = 0;
        for (byte[] b : parts) {
            size += 4 + b.length;
        }
        java.nio.ByteBuffer all = java.nio.ByteBuffer.allocate(size);
        for (byte[] b : parts) {
            all.putInt(b.length).put(b);
        }
        return "rk1-" + HEX.formatHex(sha256().digest(all.array()), 0, 16);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh SHA-256 digest: a copy of one looked up once, which skips the provider lookup. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's SHA-256 cannot be copied", e);
        }
    }
}
