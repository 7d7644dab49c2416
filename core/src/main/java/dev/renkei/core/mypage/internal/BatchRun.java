package dev.renkei.core.mypage.internal;

import dev.renkei.core.ConnectorException;
import dev.renkei.core.ErrorCode;
import dev.renkei.core.model.SyncError;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageAccount;
import dev.renkei.core.mypage.MyPageAccounts;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.spi.JobSeekerConnector.JobSeeker;
import dev.renkei.core.store.MyPageStore;
import dev.renkei.core.store.OutboxMail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One execution of a MyPage batch: reads the job seekers, applies the duplicate rule, creates accounts, sends
 * registration requests and reminders, then retries kept write-backs. Every store write carries the execution's
 * fence; a refused write ends the execution at once ({@link Lost}), leaving the batch to the execution that holds it.
 * Keyed by person id and e-mail, so running it again creates nothing twice. Not API.
 */
public final class BatchRun {
    private final MyPageStore store;
    private final MyPageAccounts accounts;
    private final TenantId tenant;
    private final MyPageSettings settings;
    private final MyPageStore.Fence fence;
    private final Clock clock;
    private final Duration heartbeat;
    private final List<SyncError> errors = new ArrayList<>();
    private final String where;
    private int targets;
    private int created;
    private int duplicates;
    private int skipped;
    private int mails;
    private Instant lastHeartbeat;

    /** The execution was taken over: it must stop and write nothing more. */
    public static final class Lost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Lost(String batchId) {
            super("MyPage batch " + batchId + " is held by another execution", null, false, false);
        }
    }

    /**
     * @param heartbeat how often the execution heartbeats (and checks that it still holds the batch)
     */
    public BatchRun(MyPageStore store, MyPageAccounts accounts, TenantId tenant, MyPageSettings settings,
                    MyPageStore.Fence fence, Clock clock, Duration heartbeat) {
        this.store = store;
        this.accounts = accounts;
        this.tenant = tenant;
        this.settings = settings;
        this.fence = fence;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.where = settings.connectorId().toUpperCase(java.util.Locale.ROOT);
        this.lastHeartbeat = clock.instant();
    }

    /**
     * Runs the job-seeker part.
     *
     * @return true when the source was read to the end
     * @throws Lost when the execution lost the batch
     */
    public boolean syncJobSeekers(JobSeekerConnector connector) {
        try (Stream<JobSeeker> seekers = connector.jobSeekers(settings.filter())) {
            Iterator<JobSeeker> it = seekers.iterator();
            while (it.hasNext()) {
                JobSeeker js = it.next();
                beat();
                targets++;
                handle(js);
            }
            return true;
        } catch (ConnectorException e) {
            errors.add(new SyncError(e.code(), where, null, e.getMessage(), e.detail()));
            return false;
        }
    }

    /** Adds an error found outside the job-seeker loop. */
    public void error(SyncError e) {
        errors.add(e);
    }

    private void beat() {
        Instant now = clock.instant();
        if (!now.isBefore(lastHeartbeat.plus(heartbeat))) {
            if (!store.heartbeat(fence.batchId(), fence.execution())) {
                throw new Lost(fence.batchId());
            }
            lastHeartbeat = now;
        }
    }

    private void handle(JobSeeker js) {
        Optional<String> email = Emails.normalise(js.email());
        if (email.isEmpty()) {
            skipped++;
            errors.add(new SyncError(ErrorCode.APPLICANT_INCOMPLETE, where, js.id(), "job seeker " + js.id()
                    + (js.email() == null || js.email().isBlank() ? " has no e-mail" : " has an invalid e-mail")
                    + "; no MyPage account was opened", null));
            return;
        }
        Optional<MyPageAccount> existing = accounts.findByEmail(tenant, email.get());
        Optional<MyPageStore.Person> linked = store.person(tenant, js.id());
        if (existing.isPresent() && existing.get().hasPassword()) {
            if (linked.isPresent() && linked.get().accountId().equals(existing.get().id())) {
                return; // this person's own account, registered: nothing to do
            }
            duplicate(js, email.get(), existing.get());
            return;
        }
        MyPageAccount account = existing.orElseGet(() -> accounts.createProvisional(tenant, email.get()));
        if (existing.isEmpty()) {
            created++;
        }
        if (!store.linkPerson(fence, new MyPageStore.Person(tenant, js.id(), account.id(), email.get(), js.name(),
                js.ownerEmails(), js.resumeIds()))) {
            throw new Lost(fence.batchId());
        }
        invite(js, account);
    }

    private void duplicate(JobSeeker js, String email, MyPageAccount account) {
        duplicates++;
        errors.add(new SyncError(ErrorCode.DATA_REJECTED, where, js.id(), "job seeker " + js.id() + ": the e-mail is "
                + "used by a MyPage account that already has a password; no account was opened and the owners "
                + "were mailed", null));
        if (js.ownerEmails().isEmpty()) {
            return;
        }
        OutboxMail mail = MyPageMails.render("mypage:" + tenant.value() + ":duplicate:" + js.id() + ":" + account.id(),
                tenant, settings.mailFrom(), js.ownerEmails(), settings.templates().duplicateError(),
                Map.of("name", nz(js.name()), "email", email, "personId", js.id(),
                        "resumeIds", String.join(",", js.resumeIds())), clock.instant());
        if (store.enqueue(fence, mail)) {
            mails++;
        } else if (!store.heartbeat(fence.batchId(), fence.execution())) {
            throw new Lost(fence.batchId());
        }
    }

    private void invite(JobSeeker js, MyPageAccount account) {
        Optional<MyPageStore.Invitation> inv = store.invitation(tenant, account.id());
        if (inv.isPresent() && inv.get().registeredAt() != null) {
            return;
        }
        int sent = inv.map(MyPageStore.Invitation::mailsSent).orElse(0);
        Instant now = clock.instant();
        if (sent > 0 && (sent >= 1 + settings.resendCount()
                || now.isBefore(inv.get().lastMailAt().plus(settings.reminderInterval())))) {
            return;
        }
        Invites.Sent out = Invites.prepare(tenant, settings, account, js.name(), sent, now);
        if (store.invite(fence, tenant, account.id(), sent, out.token(), out.mail())) {
            mails++;
        } else if (!store.heartbeat(fence.batchId(), fence.execution())) {
            throw new Lost(fence.batchId());
        }
    }

    /** The counts so far, with the write-back figures. */
    public MyPageRun.Counts counts(int writeBacksOk, int writeBacksFailed) {
        return new MyPageRun.Counts(targets, created, duplicates, skipped, mails, writeBacksOk, writeBacksFailed);
    }

    /** The errors so far. */
    public List<SyncError> errors() {
        return List.copyOf(errors);
    }

    /** Where errors of this source are reported. */
    public String where() {
        return where;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
