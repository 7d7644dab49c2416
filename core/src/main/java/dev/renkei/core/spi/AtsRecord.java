package dev.renkei.core.spi;

import dev.renkei.core.internal.Checks;

/**
 * What the ATS holds for an imported application.
 *
 * @param atsId the ATS's id of the created record (e.g. candidate or opportunity id; composite ids such as
 *     {@code 11/21} are fine)
 */
public record AtsRecord(String atsId) {
    /** Validates. */
    public AtsRecord {
        Checks.notBlank(atsId, "ATS id");
    }
}
