package dev.renkei.core.store.internal;

import dev.renkei.core.model.Credentials;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.mypage.MailTemplate;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.MyPageTemplates;
import dev.renkei.core.spi.JobSeekerConnector;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The JSON forms of MyPage settings (without credentials) and batch results. Not API. */
final class MyPageJson {
    private MyPageJson() {}

    record Settings(String connectorId, Map<String, String> connectorSettings, Map<String, String> conditions,
                    Instant updatedSince, String batchTime, String zone, int resendCount, long reminderIntervalSeconds,
                    boolean signUpVisible, List<String> templates, long linkLifetimeSeconds, String writeBackResource,
                    String writeBackField, String writeBackValue, boolean writeBackOption, String setupUrl,
                    String mailFrom, List<String> notifyTo) {}

    record Result(MyPageRun.Counts counts, List<SyncError> errors) {}

    static String settings(MyPageSettings s) {
        MyPageTemplates t = s.templates();
        List<String> templates = List.of(t.registrationRequest().subject(), t.registrationRequest().body(),
                t.reminder().subject(), t.reminder().body(), t.duplicateError().subject(), t.duplicateError().body(),
                t.registrationComplete().subject(), t.registrationComplete().body());
        JobSeekerConnector.StatusTarget w = s.writeBack();
        return StoreJson.write(new Settings(s.connectorId(), s.connectorSettings(), s.filter().conditions(),
                s.filter().updatedSince(), s.batchTime() == null ? null : s.batchTime().toString(), s.zone().getId(),
                s.resendCount(), s.reminderInterval().toSeconds(), s.signUpVisible(), templates,
                s.linkLifetime().toSeconds(), w == null ? null : w.resource().name(), w == null ? null : w.field(),
                w == null ? null : w.value(), w != null && w.option(), s.setupUrl(), s.mailFrom(), s.notifyTo()),
                "MyPage settings");
    }

    static MyPageSettings settings(String json, Credentials credentials) {
        Settings s = StoreJson.read(json, Settings.class, "MyPage settings");
        List<String> t = s.templates();
        MyPageTemplates templates = new MyPageTemplates(new MailTemplate(t.get(0), t.get(1)),
                new MailTemplate(t.get(2), t.get(3)), new MailTemplate(t.get(4), t.get(5)),
                new MailTemplate(t.get(6), t.get(7)));
        JobSeekerConnector.StatusTarget target = s.writeBackField() == null ? null
                : new JobSeekerConnector.StatusTarget(JobSeekerConnector.Resource.valueOf(s.writeBackResource()),
                        s.writeBackField(), s.writeBackValue(), s.writeBackOption());
        return new MyPageSettings(s.connectorId(), s.connectorSettings(), credentials,
                new JobSeekerConnector.Filter(s.conditions(), s.updatedSince()),
                s.batchTime() == null ? null : LocalTime.parse(s.batchTime()), ZoneId.of(s.zone()), s.resendCount(),
                Duration.ofSeconds(s.reminderIntervalSeconds()), s.signUpVisible(), templates,
                Duration.ofSeconds(s.linkLifetimeSeconds()), target, s.setupUrl(), s.mailFrom(), s.notifyTo());
    }

    static String result(MyPageRun run) {
        return StoreJson.write(new Result(run.counts(), run.errors()), "MyPage batch result");
    }

    static Result result(String json) {
        return json == null ? new Result(MyPageRun.Counts.ZERO, List.of())
                : StoreJson.read(json, Result.class, "MyPage batch result");
    }
}
