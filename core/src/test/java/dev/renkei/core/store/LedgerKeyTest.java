package dev.renkei.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.model.TenantId;
import org.junit.jupiter.api.Test;

/** The idempotency key an ATS remembers an import by: it must never change between versions. */
class LedgerKeyTest {
    @Test
    void theIdempotencyKeyIsTheFirstHalfOfSha256OverTheLengthPrefixedParts() {
        LedgerKey key = new LedgerKey(TenantId.of("acme"), "greenhouse:main", "doda", "acct-1", "応募-42");

        // computed outside Java: each part's UTF-8 bytes behind their length as a 4-byte big-endian integer
        assertThat(key.idempotencyKey()).isEqualTo("rk1-d87d81ae51e8208bac9729eed3fee1fa");
    }

    @Test
    void keysThatDifferOnlyInWhereOnePartEndsDiffer() {
        LedgerKey a = new LedgerKey(TenantId.of("acme"), "ats", "doda", "ab", "c");
        LedgerKey b = new LedgerKey(TenantId.of("acme"), "ats", "doda", "a", "bc");

        assertThat(a.idempotencyKey()).isNotEqualTo(b.idempotencyKey()).startsWith("rk1-").hasSize(36);
    }
}
