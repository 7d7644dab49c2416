package dev.renkei.core.mypage.internal;

import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MailTemplate;
import dev.renkei.core.mypage.MyPageAccount;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.store.MyPageStore;
import dev.renkei.core.store.OutboxMail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** A setup link and its mail: the registration request for the first mail, a reminder after it. Not API. */
public final class Invites {
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Invites() {}

    /**
     * A prepared invitation.
     *
     * @param token the stored form of the new token
     * @param mail the mail carrying the link
     */
    public record Sent(MyPageStore.SetupToken token, OutboxMail mail) {}

    /**
     * A fresh token and the mail number {@code sent + 1} to the account. The mail id is deterministic per account
     * and number, so an invitation written twice is one mail.
     */
    public static Sent prepare(TenantId tenant, MyPageSettings settings, MyPageAccount account, String name,
                               int sent, Instant now) {
        String token = SetupTokens.next();
        Instant expires = now.plus(settings.linkLifetime());
        MailTemplate template = sent == 0 ? settings.templates().registrationRequest() : settings.templates().reminder();
        OutboxMail mail = MyPageMails.render("mypage:" + tenant.value() + ":invite:" + account.id() + ":" + (sent + 1),
                tenant, settings.mailFrom(), List.of(account.email()), template,
                Map.of("name", BatchRun.nz(name), "email", account.email(), "setupUrl", settings.setupUrl() + token,
                        "expiresAt", EXPIRY.format(expires),
                        "remindersLeft", String.valueOf(Math.max(0, settings.resendCount() - sent))), now);
        return new Sent(new MyPageStore.SetupToken(SetupTokens.hash(token), tenant, account.id(), now, expires, null,
                false), mail);
    }
}
