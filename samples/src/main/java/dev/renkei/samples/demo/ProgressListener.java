package dev.renkei.samples.demo;

import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.sync.SyncListener;
import java.util.Locale;

/** Prints a run's progress to the demo report as the engine reports it. */
final class ProgressListener implements SyncListener {
    private final Report report;

    ProgressListener(Report report) {
        this.report = report;
    }

    @Override
    public void slotStarted(SyncRun run, SlotId slot) {
        report.item(slot.value(), "logging in …");
    }

    @Override
    public void applicationImported(SyncRun run, SlotId slot, String boardApplicationId, String atsId) {
        report.item(slot.value(), "imported " + boardApplicationId + " → ATS candidate " + atsId);
    }

    @Override
    public void applicationSkipped(SyncRun run, SlotId slot, String boardApplicationId, SkipReason reason) {
        report.item(slot.value(), "skipped  " + boardApplicationId + " ("
                + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
    }

    @Override
    public void applicationFailed(SyncRun run, SlotId slot, String boardApplicationId, SyncError error) {
        report.item(slot.value(), "failed   " + boardApplicationId + ": " + error.code() + " " + error.message());
    }

    @Override
    public void slotFinished(SyncRun run, SlotResult r) {
        if (r.accountKey() == null) {
            report.item(r.slot().value(), "login failed: " + r.errors().stream().map(e -> e.code().name())
                    .findFirst().orElse("?"));
        } else {
            report.item(r.slot().value(), "done: board account " + r.accountKey() + ", read " + r.fetched()
                    + ", imported " + r.imported() + ", already imported " + r.alreadyImported() + ", failed "
                    + r.failed());
        }
    }
}
