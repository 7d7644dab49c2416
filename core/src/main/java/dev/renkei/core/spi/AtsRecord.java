package dev.renkei.core.spi;

import dev.renkei.core.support.Checks;

/**
 * What the ATS holds for an imported application.
 *
 * @param atsId the ATS's id of the record (e.g. candidate or opportunity id; composite ids such as {@code 11/21}
 *     are fine)
 * @param created true when this call created the record; false when the lookup found it (an earlier, interrupted
 *     attempt had created it) and at most filled in what it lacked
 */
public record AtsRecord(String atsId, boolean created) {
    /** Validates. */
    public AtsRecord {
        Checks.notBlank(atsId, "ATS id");
    }

    /** A record this call created. */
    public AtsRecord(String atsId) {
        this(atsId, true);
    }

    /** A record the lookup found. */
    public static AtsRecord existing(String atsId) {
        return new AtsRecord(atsId, false);
    }
}
