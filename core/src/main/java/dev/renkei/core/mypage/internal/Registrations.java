package dev.renkei.core.mypage.internal;

import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageAccount;
import dev.renkei.core.mypage.MyPageAccounts;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.WriteBackRecord;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.store.MyPageStore;
import dev.renkei.core.store.OutboxMail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What follows a set password (completion mail, kept write-backs) and a resend of an expired link. Not API. */
public final class Registrations {
    private Registrations() {}

    /**
     * Records a registration once: the completion mail to the owners of every linked person and resume, and one
     * write-back per target record.
     *
     * @return the write-backs to attempt now; empty when nothing was recorded (recorded before, or no target)
     */
    public static List<WriteBackRecord> record(MyPageStore store, MyPageSettings s, TenantId tenant, String accountId,
                                               Instant now) {
        List<MyPageStore.Person> people = store.people(tenant, accountId);
        Set<String> owners = new LinkedHashSet<>();
        List<WriteBackRecord> writeBacks = new ArrayList<>();
        JobSeekerConnector.StatusTarget target = s.writeBack();
        for (MyPageStore.Person p : people) {
            owners.addAll(p.ownerEmails());
            if (target != null) {
                List<String> ids = target.resource() == JobSeekerConnector.Resource.PERSON ? List.of(p.personId())
                        : p.resumeIds();
                for (String id : ids) {
                    writeBacks.add(new WriteBackRecord("wb:" + tenant.value() + ":" + target.resource() + ":" + id,
                            tenant, p.personId(), new JobSeekerConnector.WriteBack(id, target),
                            WriteBackRecord.Status.PENDING, 0, null, null, now));
                }
            }
        }
        List<OutboxMail> mails = new ArrayList<>();
        if (!owners.isEmpty()) {
            MyPageStore.Person p = people.get(0);
            mails.add(MyPageMails.render("mypage:" + tenant.value() + ":complete:" + accountId, tenant, s.mailFrom(),
                    List.copyOf(owners), s.templates().registrationComplete(), Map.of("name", BatchRun.nz(p.name()),
                            "email", p.email(), "personId", p.personId(), "resumeIds", String.join(",", p.resumeIds())),
                    now));
        }
        return store.complete(tenant, accountId, writeBacks, mails) ? writeBacks : List.of();
    }

    /**
     * Mails a fresh link for an expired (or replaced) one, unless the account is registered or got a link within
     * {@code cooldown}. Silent whatever happens: the caller's answer must not tell addresses apart.
     */
    public static void resend(MyPageStore store, MyPageAccounts accounts, MyPageSettings s, MyPageStore.SetupToken t,
                              Instant now, Duration cooldown) {
        if (now.isBefore(t.expiresAt()) && !t.superseded()) {
            return; // still valid: nothing to resend
        }
        Optional<MyPageStore.Invitation> inv = store.invitation(t.tenant(), t.accountId());
        if (inv.isEmpty() || inv.get().registeredAt() != null || now.isBefore(inv.get().lastMailAt().plus(cooldown))) {
            return;
        }
        Optional<MyPageAccount> account = accounts.find(t.tenant(), t.accountId());
        if (account.isEmpty() || account.get().hasPassword()) {
            return;
        }
        String name = store.people(t.tenant(), t.accountId()).stream().map(MyPageStore.Person::name)
                .filter(Objects::nonNull).findFirst().orElse("");
        int sent = inv.get().mailsSent();
        Invites.Sent out = Invites.prepare(t.tenant(), s, account.get(), name, sent, now);
        store.invite(null, t.tenant(), t.accountId(), sent, out.token(), out.mail());
    }
}
