package dev.renkei.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.renkei.core.ErrorClassification;
import dev.renkei.core.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SyncResultTest {
    private static SlotResult slot(String id, int fetched, int imported, int already, int failed, SyncError... errors) {
        return new SlotResult(SlotId.parse(id), "acct-" + id, fetched, imported, already, failed, List.of(errors),
                errors.length == 0);
    }

    @Test
    void sumsTheCountsOfEverySlot() {
        SyncResult r = new SyncResult(List.of(slot("doda_001", 5, 3, 2, 0), slot("green_001", 4, 1, 1, 2,
                new SyncError(ErrorCode.DATA_REJECTED, "green_001", "G-7", "email rejected", null))), List.of());

        assertThat(r.fetched()).isEqualTo(9);
        assertThat(r.imported()).isEqualTo(4);
        assertThat(r.alreadyImported()).isEqualTo(3);
        assertThat(r.failed()).isEqualTo(2);
        assertThat(r.ok()).isFalse();
    }

    @Test
    void anEmptyResultIsOkAndNeedsNoAction() {
        assertThat(SyncResult.empty().ok()).isTrue();
        assertThat(SyncResult.empty().actionRequired()).isFalse();
        assertThat(SyncResult.empty().fetched()).isZero();
    }

    @Test
    void listsRobotErrorsFirstThenSlotErrors() {
        SyncError ats = new SyncError(ErrorCode.UNAVAILABLE, SyncError.ATS, null, "ATS down", "503");
        SyncError doda = new SyncError(ErrorCode.TIMEOUT, "doda_001", null, null, null);
        SyncResult r = new SyncResult(List.of(slot("doda_001", 0, 0, 0, 0, doda)), List.of(ats));

        assertThat(r.errors()).containsExactly(ats, doda);
        assertThat(doda.message()).isEqualTo("TIMEOUT");
    }

    @Test
    void needsActionOnlyWhenSomeErrorIsClassifiedSo() {
        SyncError noAction = new SyncError(ErrorCode.LAYOUT_CHANGED, "doda_001", null, "layout", null);
        SyncError action = new SyncError(ErrorCode.LOGIN_FAILED, "green_001", null, "login refused", null);

        assertThat(new SyncResult(List.of(slot("doda_001", 0, 0, 0, 0, noAction)), null).actionRequired()).isFalse();
        SyncResult both = new SyncResult(List.of(slot("doda_001", 0, 0, 0, 0, noAction)), List.of(action));
        assertThat(both.actionRequired()).isTrue();
        assertThat(action.classification()).isEqualTo(ErrorClassification.ACTION_REQUIRED);
        assertThat(action.remedy(Locale.JAPANESE)).contains("green_001");
    }

    @Test
    void copiesItsLists() {
        List<SlotResult> slots = new ArrayList<>(List.of(slot("doda_001", 1, 1, 0, 0)));
        SyncResult r = new SyncResult(slots, null);
        slots.clear();

        assertThat(r.slots()).hasSize(1);
        assertThat(r.robotErrors()).isEmpty();
    }
}
