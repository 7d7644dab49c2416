package dev.renkei.core.mail.internal;

import dev.renkei.core.ErrorClassification;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.internal.Locales;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SlotId;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.support.ControlCharacters;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values the result and operator templates see. Every value is a plain string, number, boolean, map or list
 * (no nulls); text values are flattened to one line so a message cannot fake the layout (e.g. a second
 * {@code ****エラー詳細****} line). Escaping is the template engine's job (HTML templates escape every value).
 * Not API.
 */
public final class ResultMailModel {
    /** Hiragana, katakana (full and half width) and CJK ideographs: text a Japanese reader wrote. */
    private static final java.util.regex.Pattern JAPANESE =
            java.util.regex.Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT);

    private ResultMailModel() {}

    /** The template language key: {@code ja} or {@code en}. */
    public static String language(Locale locale) {
        return Locales.isJapanese(locale) ? "ja" : "en";
    }

    /**
     * The model of one finished run.
     *
     * @param failed true when the run failed (status FAILED or any error)
     */
    public static Map<String, Object> of(String robotName, String tenant, String robotId, String runId,
                                         RunTrigger trigger, Instant finishedAt, ZoneId zone, SyncResult result,
                                         boolean failed, Locale locale) {
        boolean ja = Locales.isJapanese(locale);
        List<SyncError> errors = result.errors();
        boolean actionRequired = errors.stream().anyMatch(e -> e.classification() == ErrorClassification.ACTION_REQUIRED);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("robotName", oneLine(robotName));
        m.put("tenant", oneLine(tenant));
        m.put("robotId", oneLine(robotId));
        m.put("runId", oneLine(runId));
        m.put("finishedAt", TIME.format(finishedAt.atZone(zone)) + " (" + zone.getId() + ")");
        m.put("triggerLabel", trigger == RunTrigger.MANUAL ? (ja ? "手動実行" : "manual") : (ja ? "定期実行" : "scheduled"));
        m.put("success", !failed);
        m.put("failed", failed);
        m.put("actionRequired", failed && actionRequired);
        m.put("noActionOnly", failed && !actionRequired);
        m.put("resultLabel", !failed ? (ja ? "成功" : "Success")
                : (ja ? "エラーあり（" : "Errors (")
                + (actionRequired ? ErrorClassification.ACTION_REQUIRED : ErrorClassification.NO_ACTION_NEEDED).label(locale)
                + (ja ? "）" : ")"));
        List<Map<String, Object>> slots = new ArrayList<>();
        for (SlotResult s : result.slots()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("slotId", oneLine(s.slot().value()));
            row.put("fetched", s.fetched());
            row.put("imported", s.imported());
            row.put("alreadyImported", s.alreadyImported());
            row.put("failed", s.failed());
            row.put("completed", s.completed());
            row.put("shared", s.sharedWith() != null);
            row.put("sharedWith", s.sharedWith() == null ? "" : oneLine(s.sharedWith().value()));
            slots.add(row);
        }
        m.put("slots", slots);
        Map<String, Object> total = new LinkedHashMap<>();
        total.put("fetched", result.fetched());
        total.put("imported", result.imported());
        total.put("alreadyImported", result.alreadyImported());
        total.put("failed", result.failed());
        m.put("total", total);
        List<Map<String, Object>> all = new ArrayList<>();
        List<Map<String, Object>> required = new ArrayList<>();
        List<Map<String, Object>> noAction = new ArrayList<>();
        for (SyncError e : errors) {
            Map<String, Object> row = error(e, locale);
            all.add(row);
            (e.classification() == ErrorClassification.ACTION_REQUIRED ? required : noAction).add(row);
        }
        m.put("errors", all);
        m.put("hasErrors", !all.isEmpty());
        m.put("actionRequiredErrors", required);
        m.put("noActionErrors", noAction);
        m.put("hasNoActionErrors", !noAction.isEmpty());
        m.put("noActionCount", noAction.size());
        return m;
    }

    private static Map<String, Object> error(SyncError e, Locale locale) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", e.code().name());
        row.put("label", e.classification().label(locale));
        row.put("actionRequired", e.classification() == ErrorClassification.ACTION_REQUIRED);
        row.put("where", oneLine(e.where()));
        row.put("hasApplicationId", e.boardApplicationId() != null && !e.boardApplicationId().isBlank());
        row.put("applicationId", oneLine(e.boardApplicationId()));
        row.put("message", oneLine(inLanguage(e, locale)));
        row.put("remedy", oneLine(e.remedy(locale)));
        row.put("detail", e.detail() == null || e.detail().isBlank() ? "-" : oneLine(e.detail()));
        return row;
    }

    /**
     * The error's message when it is in the mail's language, otherwise its code's {@link ErrorCode#summary}: one
     * language per mail. Connectors report in English; a Japanese message (a board's own notice, a profile's text)
     * stays in a Japanese mail.
     */
    static String inLanguage(SyncError e, Locale locale) {
        String message = e.message();
        boolean japaneseMessage = message != null && JAPANESE.matcher(message).find();
        return japaneseMessage == Locales.isJapanese(locale) ? message : e.code().summary(locale, e.where());
    }

    /** Control characters and line breaks become spaces; {@code null} becomes empty. */
    public static String oneLine(String value) {
        return value == null ? "" : ControlCharacters.replace(value, " ");
    }

    /** A model with every section filled, used to check templates when they are loaded. */
    public static Map<String, Object> sample(Locale locale, boolean actionRequired) {
        SlotId slot = new SlotId("doda", 1);
        List<SyncError> errors = List.of(
                new SyncError(actionRequired ? ErrorCode.LOGIN_FAILED : ErrorCode.UNAVAILABLE, slot.value(), null,
                        "login refused", "HTTP 500"),
                new SyncError(ErrorCode.DATA_REJECTED, SyncError.ATS, "A-1", "rejected", null));
        SyncResult result = new SyncResult(List.of(new SlotResult(slot, "acct", 2, 1, 0, 1, errors, false),
                SlotResult.shared(new SlotId("doda", 2), "acct", slot)), List.of());
        return of("sample", "tenant", "robot", "run", RunTrigger.SCHEDULED, Instant.EPOCH, ZoneId.of("UTC"), result,
                true, locale);
    }
}
