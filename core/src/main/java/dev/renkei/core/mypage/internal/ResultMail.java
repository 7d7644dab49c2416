package dev.renkei.core.mypage.internal;

import dev.renkei.core.model.SyncError;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.store.OutboxMail;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The result mail of a batch, classified like a robot run's: 要対応 when an error needs the customer, 対応不要 when
 * only no-action errors occurred, with the action-required errors explained after {@code ****エラー詳細****}. Not API.
 */
public final class ResultMail {
    private ResultMail() {}

    /** The mail, or empty when the settings name no recipient. */
    public static Optional<OutboxMail> of(MyPageSettings settings, MyPageRun run, Instant now) {
        if (settings.notifyTo().isEmpty()) {
            return Optional.empty();
        }
        String mark = run.actionRequired() ? "【要対応】" : run.errors().isEmpty() ? "" : "【対応不要】";
        MyPageRun.Counts c = run.counts();
        StringBuilder body = new StringBuilder("マイページ求職者同期の結果です。\n\n")
                .append("対象: ").append(c.targets()).append("件\n")
                .append("アカウント作成: ").append(c.created()).append("件\n")
                .append("重複: ").append(c.duplicates()).append("件\n")
                .append("スキップ: ").append(c.skipped()).append("件\n")
                .append("送信メール: ").append(c.mailsSent()).append("件\n")
                .append("ステータス書き戻し 成功: ").append(c.writeBacksOk()).append("件 / 失敗: ")
                .append(c.writeBacksFailed()).append("件\n");
        List<SyncError> action = run.errors().stream().filter(e -> e.code().actionRequired()).toList();
        if (!action.isEmpty()) {
            body.append("\n****エラー詳細****\n");
            for (SyncError e : action) {
                body.append("・").append(e.where()).append(e.boardApplicationId() == null ? ""
                        : " " + e.boardApplicationId()).append(": ").append(e.message()).append("\n  ")
                        .append(e.remedy(Locale.JAPANESE)).append('\n');
            }
        }
        long noAction = run.errors().size() - action.size();
        if (noAction > 0) {
            body.append("\n対応不要のエラー: ").append(noAction).append("件（次回の実行で自動的に再処理します）\n");
        }
        return Optional.of(OutboxMail.pending("mypage:batch:" + run.id() + ":result", run.tenant(),
                settings.mailFrom(), settings.notifyTo(), List.of(), mark + "マイページ求職者同期 結果", body.toString(),
                null, now));
    }
}
