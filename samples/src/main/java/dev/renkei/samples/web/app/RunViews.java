package dev.renkei.samples.web.app;

import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.model.SyncRun;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How runs read on the run and history pages: status and trigger in Japanese, the four counts with the same words
 * everywhere (取得 / 取り込み / 取り込み済み / 失敗), errors with their classification and remedy, and the chart of
 * imports per run as inline SVG.
 */
final class RunViews {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm")
            .withZone(RobotSetup.TOKYO);
    private static final int BAR = 28;
    private static final int GAP = 16;
    private static final int PLOT = 110;

    private RunViews() {}

    static String status(RunStatus s) {
        return switch (s) {
            case QUEUED -> "待機中";
            case RUNNING -> "実行中";
            case SUCCEEDED -> "成功";
            case FAILED -> "エラーあり";
            case SKIPPED -> "実行せず（連携が無効）";
            case MISSED -> "未実行（時間内に開始できず）";
        };
    }

    static String trigger(RunTrigger t) {
        return t == RunTrigger.SCHEDULED ? "定時" : "手動";
    }

    /** A time in Asia/Tokyo, e.g. 2026/12/01 13:30. */
    static String time(Instant at) {
        return TIME.format(at);
    }

    /** The start delay, e.g. "0.2 秒" or "3 分 5 秒"; "—" before the run started. */
    static String delay(Optional<Duration> d) {
        if (d.isEmpty()) {
            return "—";
        }
        long millis = Math.max(0, d.get().toMillis());
        return millis < 60_000 ? String.format(Locale.ROOT, "%.1f 秒", millis / 1000.0)
                : (millis / 60_000) + " 分 " + (millis / 1000 % 60) + " 秒";
    }

    /** The counts of a finished run (markup). */
    static String counts(SyncResult r) {
        return counts(r.fetched(), r.imported(), r.alreadyImported(), r.failed());
    }

    /** The counts (markup); {@code fetched} {@code null} leaves 取得 out (live progress does not know it yet). */
    static String counts(Integer fetched, int imported, int alreadyImported, int failed) {
        return "<span class=\"counts\">" + (fetched == null ? "" : count("fetched", "取得", fetched) + "／")
                + count("imported", "取り込み", imported) + "／" + count("already", "取り込み済み", alreadyImported) + "／"
                + count("failed", "失敗", failed) + "</span>";
    }

    private static String count(String css, String word, int n) {
        return word + " <strong class=\"" + css + "\">" + n + "</strong> 件";
    }

    /** Errors with classification (要対応 / 対応不要), where, what and the remedy; empty markup without errors. */
    static String errors(List<SyncError> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        List<List<String>> rows = new ArrayList<>();
        for (SyncError e : errors) {
            rows.add(List.of("<span class=\"" + (e.code().actionRequired() ? "tag-action" : "tag-info") + "\">"
                            + Html.escape(e.classification().japaneseLabel()) + "</span>", Html.escape(e.where()),
                    Html.escape(e.code().summary(Locale.JAPANESE, e.where())) + "<br><span class=\"muted\">"
                            + Html.escape(e.message()) + "</span>",
                    Html.escape(e.remedy(Locale.JAPANESE))));
        }
        return Html.table(List.of("分類", "場所", "内容", "対処"), rows);
    }

    /** Applications imported by a run (0 before it finished). */
    static int imported(SyncRun run) {
        return run.result() == null ? 0 : run.result().imported();
    }

    /**
     * A bar chart of imports per run, oldest left: each bar has a {@code <title>} (when, trigger, count) and a
     * visible count label. Inline SVG without styles or external resources, so the CSP needs no exception.
     *
     * @param newestFirst runs as the store lists them
     */
    static String chart(List<SyncRun> newestFirst) {
        List<SyncRun> runs = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(runs);
        int max = Math.max(1, runs.stream().mapToInt(RunViews::imported).max().orElse(0));
        int width = GAP + runs.size() * (BAR + GAP);
        StringBuilder b = new StringBuilder("<svg class=\"chart\" role=\"img\" width=\"")
                .append(width).append("\" height=\"").append(PLOT + 40).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(PLOT + 40).append("\" aria-label=\"実行ごとの取り込み件数\">")
                .append("<line x1=\"0\" y1=\"").append(PLOT + 20).append("\" x2=\"").append(width).append("\" y2=\"")
                .append(PLOT + 20).append("\" stroke=\"#889\"/>");
        for (int i = 0; i < runs.size(); i++) {
            SyncRun run = runs.get(i);
            int n = imported(run);
            int h = n * PLOT / max;
            int x = GAP + i * (BAR + GAP);
            int y = PLOT + 20 - h;
            b.append("<g><rect class=\"bar\" x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"")
                    .append(BAR).append("\" height=\"").append(Math.max(h, 1)).append("\" fill=\"#1f3a5f\"><title>")
                    .append(Html.escape(time(run.windowStart()) + " " + trigger(run.trigger()) + "：取り込み " + n + " 件"))
                    .append("</title></rect><text class=\"count\" x=\"").append(x + BAR / 2).append("\" y=\"")
                    .append(y - 4).append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#222\">").append(n)
                    .append("</text><text x=\"").append(x + BAR / 2).append("\" y=\"").append(PLOT + 34)
                    .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#667\">#").append(i + 1)
                    .append("</text></g>");
        }
        return b.append("</svg>").toString();
    }
}
