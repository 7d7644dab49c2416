package dev.renkei.core.store;

import dev.renkei.core.support.Checks;
import dev.renkei.core.model.TenantId;

/**
 * Whose watermark: one per (tenant, ATS account, medium, board account key), so it follows the board account
 * whatever slot it sits in.
 *
 * @param tenant tenant
 * @param atsAccount ATS account ledger name
 * @param medium medium
 * @param boardAccountKey board account key
 */
public record WatermarkKey(TenantId tenant, String atsAccount, String medium, String boardAccountKey) {
    /** Validates. */
    public WatermarkKey {
        Checks.notNull(tenant, "tenant");
        Checks.notBlank(atsAccount, "ATS account");
        Checks.notBlank(medium, "medium");
        Checks.notBlank(boardAccountKey, "board account key");
    }
}
