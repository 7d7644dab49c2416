package dev.renkei.core.store.internal;

import dev.renkei.core.model.RunStatus;
import dev.renkei.core.model.RunTrigger;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.mypage.MyPageAccounts;
import dev.renkei.core.mypage.MyPageRun;
import dev.renkei.core.mypage.MyPageSettings;
import dev.renkei.core.mypage.WriteBackRecord;
import dev.renkei.core.spi.JobSeekerConnector;
import dev.renkei.core.store.MyPageStore;
import dev.renkei.core.store.OutboxMail;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The MyPage tables. A fenced write first touches its batch row ({@code UPDATE … WHERE execution = ?}), which both
 * checks the fence and locks the row until commit, so a takeover cannot slip in between the check and the write.
 * Not API.
 */
public final class JdbcMyPage extends JdbcRepository implements MyPageStore {
    private static final String BATCH_COLUMNS = "batch_id, tenant_id, run_trigger, window_start, status, owner, "
            + "execution, started_at, heartbeat_at, finished_at, result";
    private static final String TOKEN_COLUMNS = "token_hash, tenant_id, account_id, issued_at, expires_at, used_at, "
            + "superseded";
    private static final String PERSON_COLUMNS = "tenant_id, person_id, account_id, email, name, owner_emails, "
            + "resume_ids";
    private static final String WRITEBACK_COLUMNS = "writeback_id, tenant_id, person_id, record_id, resource, field, "
            + "field_value, is_option, status, attempts, last_code, last_message, updated_at";

    private final JdbcOutbox outbox;
    private final JdbcMyPageAccounts accounts;

    /** The MyPage tables of a store; mails go to {@code outbox} in the same transactions. */
    public JdbcMyPage(JdbcContext ctx, JdbcOutbox outbox) {
        super(ctx);
        this.outbox = outbox;
        this.accounts = new JdbcMyPageAccounts(ctx);
    }

    @Override
    public MyPageAccounts accounts() {
        return accounts;
    }

    @Override
    public void saveSettings(TenantId tenant, MyPageSettings settings) {
        String json = MyPageJson.settings(settings);
        String sealed = ctx.seal(settings.credentials(), sealContext(tenant));
        jdbc.inTransaction("save the MyPage settings of " + tenant, c -> {
            Instant now = now(c);
            if (Jdbc.update(c, "UPDATE renkei_mypage_settings SET settings = ?, credentials = ?, updated_at = ? "
                    + "WHERE tenant_id = ?", json, sealed, now, tenant.value()) == 0) {
                Jdbc.update(c, "INSERT INTO renkei_mypage_settings (tenant_id, settings, credentials, updated_at) "
                        + "VALUES (?, ?, ?, ?)", tenant.value(), json, sealed, now);
            }
            return null;
        });
    }

    private static String sealContext(TenantId tenant) {
        return "mypage-settings:" + tenant.value();
    }

    @Override
    public Optional<MyPageSettings> settings(TenantId tenant) {
        return jdbc.autoCommit("read the MyPage settings of " + tenant, c -> Jdbc.queryOne(c,
                "SELECT settings, credentials FROM renkei_mypage_settings WHERE tenant_id = ?",
                rs -> MyPageJson.settings(rs.getString("settings"), ctx.open(rs.getString("credentials"),
                        sealContext(tenant), "the MyPage settings of " + tenant)), tenant.value()));
    }

    @Override
    public List<TenantId> tenants() {
        return jdbc.autoCommit("list the MyPage tenants", c -> Jdbc.query(c,
                "SELECT tenant_id FROM renkei_mypage_settings ORDER BY tenant_id", rs -> TenantId.of(rs.getString(1))));
    }

    @Override
    public boolean claimBatch(MyPageRun q) {
        return jdbc.autoCommit("claim MyPage batch " + q.id(), c -> dialect.insertIfAbsent(c, "INSERT INTO "
                        + "renkei_mypage_batches (" + BATCH_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                q.id(), q.tenant().value(), q.trigger().name(), q.windowStart(), RunStatus.QUEUED.name(),
                Jdbc.NULL_STRING, Jdbc.NULL_STRING, Jdbc.NULL_TIMESTAMP, now(c), Jdbc.NULL_TIMESTAMP,
                Jdbc.NULL_STRING));
    }

    @Override
    public Optional<String> startBatch(String batchId, String owner) {
        String token = ExecutionTokens.next();
        return jdbc.autoCommit("start MyPage batch " + batchId, c -> {
            Instant now = now(c);
            int n = Jdbc.update(c, "UPDATE renkei_mypage_batches SET status = ?, owner = ?, execution = ?, "
                    + "started_at = ?, heartbeat_at = ? WHERE batch_id = ? AND status = ? AND execution IS NULL",
                    RunStatus.RUNNING.name(), owner, token, now, now, batchId, RunStatus.QUEUED.name());
            return n == 1 ? Optional.of(token) : Optional.empty();
        });
    }

    @Override
    public boolean heartbeat(String batchId, String execution) {
        return jdbc.autoCommit("heartbeat MyPage batch " + batchId, c -> Jdbc.update(c, "UPDATE renkei_mypage_batches "
                + "SET heartbeat_at = ? WHERE batch_id = ? AND execution = ? AND status = ?", now(c), batchId,
                execution, RunStatus.RUNNING.name()) == 1);
    }

    @Override
    public List<MyPageRun> staleBatches(Instant before) {
        return jdbc.autoCommit("list stale MyPage batches", c -> Jdbc.query(c, "SELECT " + BATCH_COLUMNS
                + " FROM renkei_mypage_batches WHERE status IN (?, ?) AND heartbeat_at < ? ORDER BY window_start",
                JdbcMyPage::batch, RunStatus.RUNNING.name(), RunStatus.QUEUED.name(), before));
    }

    @Override
    public Optional<String> takeOver(String batchId, String newOwner, Instant before) {
        String token = ExecutionTokens.next();
        return jdbc.autoCommit("take over MyPage batch " + batchId, c -> {
            Instant now = now(c);
            int n = Jdbc.update(c, "UPDATE renkei_mypage_batches SET status = ?, owner = ?, execution = ?, "
                    + "heartbeat_at = ? WHERE batch_id = ? AND status IN (?, ?) AND heartbeat_at < ?",
                    RunStatus.RUNNING.name(), newOwner, token, now, batchId, RunStatus.RUNNING.name(),
                    RunStatus.QUEUED.name(), before);
            return n == 1 ? Optional.of(token) : Optional.empty();
        });
    }

    @Override
    public boolean finishBatch(MyPageRun f, List<OutboxMail> mails, String execution) {
        return jdbc.inTransaction("finish MyPage batch " + f.id(), c -> {
            if (Jdbc.update(c, "UPDATE renkei_mypage_batches SET status = ?, finished_at = ?, result = ? "
                    + "WHERE batch_id = ? AND execution = ? AND status = ?", f.status().name(), now(c),
                    MyPageJson.result(f), f.id(), execution, RunStatus.RUNNING.name()) != 1) {
                return false;
            }
            for (OutboxMail m : mails) {
                outbox.insert(c, m);
            }
            return true;
        });
    }

    @Override
    public Optional<MyPageRun> batch(String batchId) {
        return jdbc.autoCommit("read MyPage batch " + batchId, c -> Jdbc.queryOne(c, "SELECT " + BATCH_COLUMNS
                + " FROM renkei_mypage_batches WHERE batch_id = ?", JdbcMyPage::batch, batchId));
    }

    @Override
    public List<MyPageRun> batches(TenantId tenant, int limit) {
        return jdbc.autoCommit("list MyPage batches", c -> Jdbc.query(c, "SELECT " + BATCH_COLUMNS
                + " FROM renkei_mypage_batches WHERE tenant_id = ? ORDER BY window_start DESC LIMIT ?",
                JdbcMyPage::batch, tenant.value(), limit));
    }

    private static MyPageRun batch(ResultSet rs) throws SQLException {
        MyPageJson.Result r = MyPageJson.result(rs.getString("result"));
        return new MyPageRun(rs.getString("batch_id"), TenantId.of(rs.getString("tenant_id")),
                RunTrigger.valueOf(rs.getString("run_trigger")), Jdbc.instant(rs, "window_start"),
                RunStatus.valueOf(rs.getString("status")), Jdbc.instant(rs, "started_at"),
                Jdbc.instant(rs, "finished_at"), r.counts(), r.errors());
    }

    /** Checks the fence and locks the batch row until commit; true when there is no fence. */
    private static boolean fenced(Connection c, Fence fence) throws SQLException {
        return fence == null || Jdbc.update(c, "UPDATE renkei_mypage_batches SET heartbeat_at = heartbeat_at "
                + "WHERE batch_id = ? AND execution = ? AND status = ?", fence.batchId(), fence.execution(),
                RunStatus.RUNNING.name()) == 1;
    }

    @Override
    public boolean linkPerson(Fence fence, Person p) {
        return jdbc.inTransaction("link person " + p.personId(), c -> {
            if (!fenced(c, fence)) {
                return false;
            }
            Instant now = now(c);
            Object[] values = {p.accountId(), p.email(), Jdbc.str(p.name()), StoreJson.list(p.ownerEmails()),
                    StoreJson.list(p.resumeIds()), now, p.tenant().value(), p.personId()};
            if (Jdbc.update(c, "UPDATE renkei_mypage_people SET account_id = ?, email = ?, name = ?, owner_emails = ?, "
                    + "resume_ids = ?, updated_at = ? WHERE tenant_id = ? AND person_id = ?", values) == 0) {
                dialect.insertIfAbsent(c, "INSERT INTO renkei_mypage_people (account_id, email, name, owner_emails, "
                        + "resume_ids, updated_at, tenant_id, person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values);
            }
            return true;
        });
    }

    @Override
    public List<Person> people(TenantId tenant, String accountId) {
        return jdbc.autoCommit("read the people of an account", c -> Jdbc.query(c, "SELECT " + PERSON_COLUMNS
                + " FROM renkei_mypage_people WHERE tenant_id = ? AND account_id = ? ORDER BY person_id",
                JdbcMyPage::person, tenant.value(), accountId));
    }

    @Override
    public Optional<Person> person(TenantId tenant, String personId) {
        return jdbc.autoCommit("read person " + personId, c -> Jdbc.queryOne(c, "SELECT " + PERSON_COLUMNS
                + " FROM renkei_mypage_people WHERE tenant_id = ? AND person_id = ?", JdbcMyPage::person,
                tenant.value(), personId));
    }

    private static Person person(ResultSet rs) throws SQLException {
        return new Person(TenantId.of(rs.getString("tenant_id")), rs.getString("person_id"),
                rs.getString("account_id"), rs.getString("email"), rs.getString("name"),
                StoreJson.list(rs.getString("owner_emails")), StoreJson.list(rs.getString("resume_ids")));
    }

    @Override
    public Optional<Invitation> invitation(TenantId tenant, String accountId) {
        return jdbc.autoCommit("read an invitation", c -> Jdbc.queryOne(c, "SELECT mails_sent, last_mail_at, "
                + "registered_at FROM renkei_mypage_invitations WHERE tenant_id = ? AND account_id = ?",
                rs -> new Invitation(tenant, accountId, rs.getInt("mails_sent"), Jdbc.instant(rs, "last_mail_at"),
                        Jdbc.instant(rs, "registered_at")), tenant.value(), accountId));
    }

    @Override
    public boolean invite(Fence fence, TenantId tenant, String accountId, int expectedMails, SetupToken token,
                          OutboxMail mail) {
        return jdbc.inTransaction("invite account " + accountId, c -> {
            if (!fenced(c, fence)) {
                return false;
            }
            Instant now = now(c);
            boolean moved = expectedMails == 0
                    ? dialect.insertIfAbsent(c, "INSERT INTO renkei_mypage_invitations (tenant_id, account_id, "
                    + "mails_sent, last_mail_at) VALUES (?, ?, 1, ?)", tenant.value(), accountId, now)
                    : Jdbc.update(c, "UPDATE renkei_mypage_invitations SET mails_sent = mails_sent + 1, last_mail_at = ? "
                    + "WHERE tenant_id = ? AND account_id = ? AND mails_sent = ? AND registered_at IS NULL", now,
                    tenant.value(), accountId, expectedMails) == 1;
            if (!moved) {
                return false;
            }
            supersede(c, tenant, accountId);
            Jdbc.update(c, "INSERT INTO renkei_mypage_tokens (" + TOKEN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    token.hash(), tenant.value(), accountId, token.issuedAt(), token.expiresAt(), Jdbc.NULL_TIMESTAMP,
                    false);
            outbox.insert(c, mail);
            return true;
        });
    }

    private static void supersede(Connection c, TenantId tenant, String accountId) throws SQLException {
        Jdbc.update(c, "UPDATE renkei_mypage_tokens SET superseded = TRUE WHERE tenant_id = ? AND account_id = ? "
                + "AND used_at IS NULL", tenant.value(), accountId);
    }

    @Override
    public boolean enqueue(Fence fence, OutboxMail mail) {
        return jdbc.inTransaction("enqueue MyPage mail " + mail.id(), c -> fenced(c, fence) && outbox.insert(c, mail));
    }

    @Override
    public Optional<SetupToken> token(String hash) {
        return jdbc.autoCommit("read a setup token", c -> Jdbc.queryOne(c, "SELECT " + TOKEN_COLUMNS
                + " FROM renkei_mypage_tokens WHERE token_hash = ?", rs -> new SetupToken(rs.getString("token_hash"),
                TenantId.of(rs.getString("tenant_id")), rs.getString("account_id"), Jdbc.instant(rs, "issued_at"),
                Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "used_at"), rs.getBoolean("superseded")), hash));
    }

    @Override
    public boolean consume(String hash, Instant now) {
        return jdbc.autoCommit("use a setup token", c -> Jdbc.update(c, "UPDATE renkei_mypage_tokens SET used_at = ? "
                + "WHERE token_hash = ? AND used_at IS NULL AND superseded = FALSE AND expires_at > ?", now, hash,
                now) == 1);
    }

    @Override
    public boolean complete(TenantId tenant, String accountId, List<WriteBackRecord> writeBacks,
                            List<OutboxMail> mails) {
        return jdbc.inTransaction("record the registration of " + accountId, c -> {
            Instant now = now(c);
            boolean first = Jdbc.update(c, "UPDATE renkei_mypage_invitations SET registered_at = ? WHERE tenant_id = ? "
                    + "AND account_id = ? AND registered_at IS NULL", now, tenant.value(), accountId) == 1
                    || dialect.insertIfAbsent(c, "INSERT INTO renkei_mypage_invitations (tenant_id, account_id, "
                    + "mails_sent, last_mail_at, registered_at) VALUES (?, ?, 0, ?, ?)", tenant.value(), accountId, now,
                    now);
            if (!first) {
                return false;
            }
            supersede(c, tenant, accountId);
            for (WriteBackRecord w : writeBacks) {
                JobSeekerConnector.StatusTarget t = w.item().target();
                dialect.insertIfAbsent(c, "INSERT INTO renkei_mypage_writebacks (" + WRITEBACK_COLUMNS + ") VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", w.id(), tenant.value(), w.personId(),
                        w.item().recordId(), t.resource().name(), t.field(), t.value(), t.option(),
                        WriteBackRecord.Status.PENDING.name(), Jdbc.NULL_STRING, Jdbc.NULL_STRING, now);
            }
            for (OutboxMail m : mails) {
                outbox.insert(c, m);
            }
            return true;
        });
    }

    @Override
    public List<WriteBackRecord> writeBacks(TenantId tenant, List<WriteBackRecord.Status> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        String in = states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
        return jdbc.autoCommit("list write-backs", c -> Jdbc.query(c, "SELECT " + WRITEBACK_COLUMNS
                + " FROM renkei_mypage_writebacks WHERE tenant_id = ? AND status IN " + in
                + " ORDER BY updated_at, writeback_id", JdbcMyPage::writeBack, tenant.value()));
    }

    private static WriteBackRecord writeBack(ResultSet rs) throws SQLException {
        JobSeekerConnector.StatusTarget t = new JobSeekerConnector.StatusTarget(
                JobSeekerConnector.Resource.valueOf(rs.getString("resource")), rs.getString("field"),
                rs.getString("field_value"), rs.getBoolean("is_option"));
        return new WriteBackRecord(rs.getString("writeback_id"), TenantId.of(rs.getString("tenant_id")),
                rs.getString("person_id"), new JobSeekerConnector.WriteBack(rs.getString("record_id"), t),
                WriteBackRecord.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_code"), rs.getString("last_message"), Jdbc.instant(rs, "updated_at"));
    }

    @Override
    public boolean recordAttempt(String writeBackId, boolean ok, String code, String message) {
        Objects.requireNonNull(writeBackId, "writeBackId");
        return jdbc.autoCommit("record a write-back attempt", c -> Jdbc.update(c, "UPDATE renkei_mypage_writebacks "
                        + "SET status = ?, attempts = attempts + 1, last_code = ?, last_message = ?, updated_at = ? "
                        + "WHERE writeback_id = ? AND status IN (?, ?)",
                (ok ? WriteBackRecord.Status.DONE : WriteBackRecord.Status.FAILED).name(), Jdbc.str(code),
                Jdbc.str(message), now(c), writeBackId, WriteBackRecord.Status.PENDING.name(),
                WriteBackRecord.Status.FAILED.name()) == 1);
    }

    @Override
    public boolean discard(TenantId tenant, String writeBackId) {
        return jdbc.autoCommit("discard a write-back", c -> Jdbc.update(c, "UPDATE renkei_mypage_writebacks "
                        + "SET status = ?, updated_at = ? WHERE tenant_id = ? AND writeback_id = ? AND status IN (?, ?)",
                WriteBackRecord.Status.DISCARDED.name(), now(c), tenant.value(), writeBackId,
                WriteBackRecord.Status.PENDING.name(), WriteBackRecord.Status.FAILED.name()) == 1);
    }
}
