package dev.renkei.core.sync;

import dev.renkei.core.model.Robot;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.store.OutboxMail;
import java.util.List;

/**
 * Turns a finished run into the mails to write to the outbox in the same transaction as the run's result
 * ({@code dev.renkei.core.mail.ResultMailComposer::compose} fits).
 */
@FunctionalInterface
public interface ResultMails {
    /** No mails. */
    ResultMails NONE = (robot, run) -> List.of();

    /** The mails for a finished run. */
    List<OutboxMail> compose(Robot robot, SyncRun finishedRun);
}
