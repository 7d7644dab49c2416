package dev.renkei.core.store;

import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageAccounts;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.WriteBackRecord;
import dev.renkei.core.support.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the MyPage job-seeker sync persists: settings per tenant, batch windows, job seekers linked to accounts,
 * invitations, setup tokens (hashes only) and kept write-backs.
 *
 * <p><b>Fencing.</b> A batch window is claimed once per tenant under a unique key; each execution of it (the first
 * start and each takeover) gets its own token, and every write a batch makes carries a {@link Fence}: it is
 * refused (returns false, changes nothing) once another execution holds the batch. Writes of the setup-link calls
 * pass {@code null} (no batch).
 */
public interface MyPageStore {
    /** The default member table ({@code renkei_mypage_accounts}). */
    MyPageAccounts accounts();

    /** Stores a tenant's settings (credentials sealed), replacing earlier ones. */
    void saveSettings(TenantId tenant, MyPageSettings settings);

    /** A tenant's settings. */
    Optional<MyPageSettings> settings(TenantId tenant);

    /** Every tenant with settings. */
    List<TenantId> tenants();

    /** Inserts a queued batch under the unique (tenant, window start) key. @return true when this call won */
    boolean claimBatch(MyPageRun queued);

    /**
     * Starts a queued (or handed back) batch for {@code owner} and hands out a fresh execution token.
     *
     * @return the execution token, or empty when another execution holds it or it is final
     */
    Optional<String> startBatch(String batchId, String owner);

    /** Refreshes a running batch's heartbeat. @return false when {@code execution} no longer holds it */
    boolean heartbeat(String batchId, String execution);

    /** Running batches whose heartbeat is older than {@code before}. */
    List<MyPageRun> staleBatches(Instant before);

    /**
     * Takes over a running batch whose heartbeat is older than {@code before}; the old execution's writes are
     * refused from now on. Of several instances, one wins.
     *
     * @return the new execution token, or empty when the batch is live or another instance won
     */
    Optional<String> takeOver(String batchId, String newOwner, Instant before);

    /**
     * Finishes a batch with its result and mails in one transaction, only while {@code execution} holds it.
     *
     * @return true when this call finished it
     */
    boolean finishBatch(MyPageRun finished, List<OutboxMail> mails, String execution);

    /** A batch by id. */
    Optional<MyPageRun> batch(String batchId);

    /** The latest batches of a tenant, newest first. */
    List<MyPageRun> batches(TenantId tenant, int limit);

    /** Records which account a person maps to (and the owners to notify). Fenced. @return false when refused */
    boolean linkPerson(Fence fence, Person person);

    /** The person rows of an account. */
    List<Person> people(TenantId tenant, String accountId);

    /** The person row of a person id. */
    Optional<Person> person(TenantId tenant, String personId);

    /** The invitation state of an account. */
    Optional<Invitation> invitation(TenantId tenant, String accountId);

    /**
     * Sends one more setup link, atomically: the invitation's mail count moves from {@code expectedMails} to
     * {@code expectedMails + 1} (created when 0), earlier tokens of the account are superseded, the token is
     * stored and the mail enqueued. Nothing changes when the count moved meanwhile, the account is registered, or
     * the fence is refused.
     *
     * @param fence the batch execution, or {@code null} outside a batch
     * @return true when this call sent it
     */
    boolean invite(Fence fence, TenantId tenant, String accountId, int expectedMails, SetupToken token,
                   OutboxMail mail);

    /** Enqueues a mail under the fence (e.g. a duplicate error). @return true when added now */
    boolean enqueue(Fence fence, OutboxMail mail);

    /** A token by its hash. */
    Optional<SetupToken> token(String hash);

    /**
     * Uses a token: succeeds for exactly one caller while it is unused, not superseded and {@code now} is before
     * its expiry.
     *
     * @return true when this call used it
     */
    boolean consume(String hash, Instant now);

    /**
     * Records a registration once: the invitation is marked registered, every token of the account superseded,
     * the write-backs kept and the mails enqueued, in one transaction.
     *
     * @return true when this call recorded it; false when it was recorded before
     */
    boolean complete(TenantId tenant, String accountId, List<WriteBackRecord> writeBacks, List<OutboxMail> mails);

    /** A tenant's write-backs in any of the given states, oldest first. */
    List<WriteBackRecord> writeBacks(TenantId tenant, List<WriteBackRecord.Status> states);

    /**
     * Records an attempt of a pending or failed write-back.
     *
     * @return false when it is done or discarded meanwhile
     */
    boolean recordAttempt(String writeBackId, boolean ok, String code, String message);

    /** Discards a failed or pending write-back (an operator gave up on it). @return true when discarded now */
    boolean discard(TenantId tenant, String writeBackId);

    /**
     * The batch execution a write is made under.
     *
     * @param batchId the batch
     * @param execution its execution token
     */
    record Fence(String batchId, String execution) {
        /** Validates. */
        public Fence {
            Checks.notBlank(batchId, "batchId");
            Checks.notBlank(execution, "execution");
        }
    }

    /**
     * A job seeker linked to an account.
     *
     * @param tenant the tenant
     * @param personId the source's person id
     * @param accountId the account
     * @param email the normalised e-mail
     * @param name the name, or {@code null}
     * @param ownerEmails the owners of the person and resumes
     * @param resumeIds the resumes
     */
    record Person(TenantId tenant, String personId, String accountId, String email, String name,
                  List<String> ownerEmails, List<String> resumeIds) {
        /** Validates and copies. */
        public Person {
            Checks.notNull(tenant, "tenant");
            Checks.notBlank(personId, "personId");
            Checks.notBlank(accountId, "accountId");
            Checks.notBlank(email, "email");
            ownerEmails = List.copyOf(ownerEmails);
            resumeIds = List.copyOf(resumeIds);
        }
    }

    /**
     * How many setup mails an account got.
     *
     * @param tenant the tenant
     * @param accountId the account
     * @param mailsSent registration request plus reminders and resends so far
     * @param lastMailAt when the last one went out
     * @param registeredAt when the account completed, or {@code null}
     */
    record Invitation(TenantId tenant, String accountId, int mailsSent, Instant lastMailAt, Instant registeredAt) {}

    /**
     * A setup token as stored: only its hash.
     *
     * @param hash SHA-256 of the token, hex
     * @param tenant the tenant
     * @param accountId the account it sets the password of
     * @param issuedAt when issued
     * @param expiresAt when it runs out
     * @param usedAt when used, or {@code null}
     * @param superseded true when a newer token or a registration replaced it
     */
    record SetupToken(String hash, TenantId tenant, String accountId, Instant issuedAt, Instant expiresAt,
                      Instant usedAt, boolean superseded) {
        /** Validates. */
        public SetupToken {
            Checks.notBlank(hash, "hash");
            Checks.notNull(tenant, "tenant");
            Checks.notBlank(accountId, "accountId");
            Checks.notNull(issuedAt, "issuedAt");
            Checks.notNull(expiresAt, "expiresAt");
        }
    }
}
