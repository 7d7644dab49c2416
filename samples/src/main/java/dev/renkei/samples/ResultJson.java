package dev.renkei.samples;

import dev.renkei.core.model.RunStatus;
import dev.renkei.core.mypage.MyPageRun;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.renkei.core.model.LoginVerdict;
import dev.renkei.core.model.SlotResult;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.SyncResult;
import dev.renkei.core.model.SyncRun;
import java.util.List;
import java.util.Locale;

/**
 * The JSON shapes the samples print: a finished run with its {@link SyncResult}, its errors, and login verdicts.
 * Secrets never reach these objects (the model keeps them out of messages).
 */
public final class ResultJson {
    /** The mapper the samples print with. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() {}

    /** A finished run: ids, status, times, totals, per-slot counts and every error. */
    public static ObjectNode run(SyncRun run, Locale remedyLocale) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("tenant", run.tenant().value());
        n.put("robot", run.robot().value());
        n.put("runId", run.id().value());
        n.put("trigger", run.trigger().name());
        n.put("status", run.status().name());
        n.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
        n.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        SyncResult r = run.result() == null ? SyncResult.empty() : run.result();
        n.put("ok", r.ok());
        n.put("fetched", r.fetched());
        n.put("imported", r.imported());
        n.put("alreadyImported", r.alreadyImported());
        n.put("failed", r.failed());
        n.put("actionRequired", r.actionRequired());
        ArrayNode slots = n.putArray("slots");
        for (SlotResult s : r.slots()) {
            ObjectNode sn = slots.addObject();
            sn.put("slot", s.slot().value());
            sn.put("accountKey", s.accountKey());
            sn.put("fetched", s.fetched());
            sn.put("imported", s.imported());
            sn.put("alreadyImported", s.alreadyImported());
            sn.put("failed", s.failed());
            sn.put("completed", s.completed());
        }
        n.set("errors", errors(r.errors(), remedyLocale));
        return n;
    }

    /** A finished MyPage batch: id, status, times, counts and every error. */
    public static ObjectNode batch(MyPageRun run, Locale remedyLocale) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("tenant", run.tenant().value());
        n.put("batchId", run.id());
        n.put("trigger", run.trigger().name());
        n.put("status", run.status().name());
        n.put("startedAt", run.startedAt() == null ? null : run.startedAt().toString());
        n.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
        n.put("ok", run.status() == RunStatus.SUCCEEDED && run.errors().isEmpty());
        MyPageRun.Counts c = run.counts();
        n.put("targets", c.targets());
        n.put("created", c.created());
        n.put("duplicates", c.duplicates());
        n.put("skipped", c.skipped());
        n.put("mailsSent", c.mailsSent());
        n.put("writeBacksOk", c.writeBacksOk());
        n.put("writeBacksFailed", c.writeBacksFailed());
        n.set("errors", errors(run.errors(), remedyLocale));
        return n;
    }

    /** Errors as {@code [{slot, code, classification, boardApplicationId, message, remedy}]}. */
    public static ArrayNode errors(List<SyncError> errors, Locale remedyLocale) {
        ArrayNode a = MAPPER.createArrayNode();
        for (SyncError e : errors) {
            ObjectNode en = a.addObject();
            en.put("slot", e.where());
            en.put("code", e.code().name());
            en.put("classification", e.classification().name());
            en.put("boardApplicationId", e.boardApplicationId());
            en.put("message", e.message());
            en.put("remedy", e.remedy(remedyLocale));
        }
        return a;
    }

    /** Login verdicts as {@code [{account, ok, code?, classification?, message?, remedy?}]}. */
    public static ArrayNode verdicts(List<LoginVerdict> verdicts, Locale remedyLocale) {
        ArrayNode a = MAPPER.createArrayNode();
        for (LoginVerdict v : verdicts) {
            ObjectNode vn = a.addObject();
            vn.put("account", v.account());
            vn.put("ok", v.ok());
            if (!v.ok()) {
                vn.put("code", v.code().name());
                vn.put("classification", v.code().classification().name());
                vn.put("message", v.message());
                vn.put("remedy", v.remedy(remedyLocale));
            }
            vn.put("checkedAt", v.checkedAt().toString());
        }
        return a;
    }
}
