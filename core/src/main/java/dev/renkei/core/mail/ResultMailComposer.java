package dev.renkei.core.mail;

import dev.renkei.core.ValidationException;
import dev.renkei.core.support.Checks;
import dev.renkei.core.mail.internal.HeaderValues;
import dev.renkei.core.mail.internal.ResultMailModel;
import dev.renkei.core.model.Robot;
import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.model.SyncRun;
import dev.renkei.core.store.OutboxMail;
import dev.renkei.core.support.ControlCharacters;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the result mails of one finished run, to be written to the outbox in the same transaction as the run
 * ({@code RunStore.finish(run, composer.compose(robot, run))}).
 *
 * <ul>
 *   <li>One result mail to the robot's To and Cc after every finished run, id {@code run:<runId>:result}.
 *       Success: the subject says so and the body lists the counts per slot (fetched, imported, already imported,
 *       failed). Failure: the subject is marked 【要対応】 / [Action required] when any error needs the customer to
 *       act, else 【対応不要】 / [No action needed]; action-required errors are explained after a line
 *       {@code ****エラー詳細****} (in English mails too) with where, what failed and what to do.</li>
 *   <li>When the run has no-action errors and an operator address is configured, a second mail to the operator,
 *       id {@code run:<runId>:operator}, with each error's technical cause ({@code SyncError.detail()}).</li>
 *   <li>Skipped runs (linkage off) and missed windows produce no mail.</li>
 * </ul>
 *
 * <p>Ids are deterministic per run and purpose, so writing the mails of a run twice adds nothing. Language follows
 * {@code robot.notifications().locale()} (Japanese for {@code ja}, English otherwise); times are shown in the
 * robot's schedule zone. Every mail has a plain-text body and an HTML alternative in which every value is escaped.
 */
public final class ResultMailComposer {
    private final String from;
    private final String operatorAddress;
    private final Locale operatorLocale;
    private final MailTemplates templates;
    private final Clock clock;

    private ResultMailComposer(Builder b) {
        this.from = b.from;
        this.operatorAddress = b.operatorAddress;
        this.operatorLocale = b.operatorLocale;
        this.templates = b.templates;
        this.clock = b.clock;
    }

    /** A builder; {@code from} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The outbox id of a run's result mail. */
    public static String resultMailId(SyncRun run) {
        return "run:" + run.id().value() + ":result";
    }

    /** The outbox id of a run's operator mail. */
    public static String operatorMailId(SyncRun run) {
        return "run:" + run.id().value() + ":operator";
    }

    /**
     * The mails of a finished run: none for a skipped or missed run, the result mail otherwise, plus the operator
     * mail when the run has no-action errors and an operator address is configured.
     *
     * @throws ValidationException when the run is not final or belongs to another robot, or a custom subject
     *     template renders a line break
     */
    public List<OutboxMail> compose(Robot robot, SyncRun finishedRun) {
        Checks.notNull(robot, "robot");
        Checks.notNull(finishedRun, "run");
        if (!robot.tenant().equals(finishedRun.tenant()) || !robot.id().equals(finishedRun.robot())) {
            throw new IllegalArgumentException("run " + finishedRun.id() + " belongs to robot " + finishedRun.tenant() + "/"
                    + finishedRun.robot() + ", not to " + robot.tenant() + "/" + robot.id());
        }
        if (!finishedRun.status().isFinal()) {
            throw new IllegalArgumentException("run " + finishedRun.id() + " is " + finishedRun.status()
                    + "; result mails are composed for finished runs only");
        }
        if (finishedRun.status() == RunStatus.SKIPPED || finishedRun.status() == RunStatus.MISSED) {
            return List.of();
        }
        SyncResult result = finishedRun.result() == null ? SyncResult.empty() : finishedRun.result();
        boolean failed = finishedRun.status() == RunStatus.FAILED || !result.ok();
        Instant at = finishedRun.finishedAt() == null ? clock.instant() : finishedRun.finishedAt();
        Locale locale = robot.notifications().locale();

        List<OutboxMail> mails = new ArrayList<>(2);
        Map<String, Object> model = model(robot, finishedRun, result, failed, at, locale);
        mails.add(mail(resultMailId(finishedRun), robot, "result", ResultMailModel.language(locale), model,
                robot.notifications().to(), robot.notifications().cc(), at));

        if (operatorAddress != null && (Boolean) model.get("hasNoActionErrors")) {
            Map<String, Object> opModel = locale.getLanguage().equals(operatorLocale.getLanguage()) ? model
                    : model(robot, finishedRun, result, failed, at, operatorLocale);
            mails.add(mail(operatorMailId(finishedRun), robot, "operator", ResultMailModel.language(operatorLocale),
                    opModel, List.of(operatorAddress), List.of(), at));
        }
        return List.copyOf(mails);
    }

    private static Map<String, Object> model(Robot robot, SyncRun run, SyncResult result, boolean failed, Instant at,
                                             Locale locale) {
        return ResultMailModel.of(robot.name(), robot.tenant().value(), robot.id().value(), run.id().value(),
                run.trigger(), at, robot.schedule().zone(), result, failed, locale);
    }

    private OutboxMail mail(String id, Robot robot, String kind, String lang, Map<String, Object> model,
                            List<String> to, List<String> cc, Instant at) {
        String prefix = kind + "-" + lang + "-";
        String subject = templates.render(prefix + "subject", model).strip();
        if (ControlCharacters.containsAny(subject)) {
            throw new ValidationException("mail template " + prefix + "subject renders a line break or control "
                    + "character; a subject must be one line");
        }
        String text = templates.render(prefix + "text", model);
        String html = templates.render(prefix + "html", model);
        return OutboxMail.pending(id, robot.tenant(), from, to, cc, subject, text, html, at);
    }

    @Override
    public String toString() {
        return "ResultMailComposer[from=" + from + ", operator=" + (operatorAddress == null ? "none" : operatorAddress)
                + "]";
    }

    /** Builds a {@link ResultMailComposer}. */
    public static final class Builder {
        private String from;
        private String operatorAddress;
        private Locale operatorLocale = Locale.JAPANESE;
        private MailTemplates templates = MailTemplates.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The sender, {@code renkei@example.com} or {@code Renkei <renkei@example.com>}. Required; parsed strictly,
         * no line breaks.
         */
        public Builder from(String senderAddress) {
            this.from = checkedAddress("sender address", senderAddress);
            return this;
        }

        /** Where no-action errors are reported with their technical cause; none by default. */
        public Builder operatorAddress(String operatorAddress) {
            this.operatorAddress = operatorAddress == null ? null : checkedAddress("operator address", operatorAddress);
            return this;
        }

        /** The language of operator mails; default Japanese. */
        public Builder operatorLocale(Locale locale) {
            this.operatorLocale = Checks.notNull(locale, "operator locale");
            return this;
        }

        /** Custom templates; default {@link MailTemplates#defaults()}. */
        public Builder templates(MailTemplates templates) {
            this.templates = Checks.notNull(templates, "mail templates");
            return this;
        }

        /** The clock used when a run carries no finish time; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /** Builds the composer. */
        public ResultMailComposer build() {
            Checks.notNull(from, "sender address");
            return new ResultMailComposer(this);
        }

        private static String checkedAddress(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new ValidationException(field + " is required and must not be blank");
            }
            try {
                HeaderValues.parseAddress(field, value);
            } catch (InvalidMailException e) {
                throw new ValidationException(e.getMessage());
            }
            return value;
        }
    }
}
