package dev.renkei.core.store.internal;

import dev.renkei.core.meeting.MeetingLink;
import dev.renkei.core.meeting.MeetingLinkState;
import dev.renkei.core.model.Secret;
import dev.renkei.core.model.TenantId;
import dev.renkei.core.spi.MeetingConnector.Tokens;
import dev.renkei.core.store.MeetingStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Meeting links, authorizations, slot meetings, host usage and webhook deliveries in the {@code renkei_meeting_*}
 * and {@code renkei_interview_meetings} tables. Tokens, client credentials, PKCE verifiers and passcodes are sealed
 * with the store's cipher, bound to the tenant (and slot). Leases use the store clock. Not API.
 */
public final class JdbcMeetings extends JdbcRepository implements MeetingStore {
    private static final String LINK_COLUMNS = "tenant_id, state, kind, account_id, user_id, tokens_sealed, "
            + "client_sealed, version, authorized_at, revoked_at, reason";

    /** The meeting data of a store. */
    public JdbcMeetings(JdbcContext ctx) {
        super(ctx);
    }

    // ---- links ------------------------------------------------------------------------------------------------

    @Override
    public Optional<LinkRecord> link(TenantId tenant) {
        return jdbc.autoCommit("read a meeting link", c -> link(c, tenant));
    }

    private Optional<LinkRecord> link(Connection c, TenantId tenant) throws SQLException {
        return Jdbc.queryOne(c, "SELECT " + LINK_COLUMNS + " FROM renkei_meeting_links WHERE tenant_id = ?",
                this::linkRow, tenant.value());
    }

    @Override
    public List<LinkRecord> linksOfAccount(String accountId) {
        return jdbc.autoCommit("read the meeting links of an account", c -> Jdbc.query(c, "SELECT " + LINK_COLUMNS
                + " FROM renkei_meeting_links WHERE account_id = ? ORDER BY tenant_id", this::linkRow, accountId));
    }

    @Override
    public void markPending(TenantId tenant) {
        jdbc.autoCommit("mark a meeting link pending", c -> {
            if (!dialect.insertIfAbsent(c, "INSERT INTO renkei_meeting_links (tenant_id, state, version, updated_at) "
                    + "VALUES (?, ?, 1, ?)", tenant.value(), MeetingLinkState.PENDING_AUTHORIZATION.name(), now(c))) {
                Jdbc.update(c, "UPDATE renkei_meeting_links SET state = ?, version = version + 1, updated_at = ? "
                        + "WHERE tenant_id = ? AND state = ?", MeetingLinkState.PENDING_AUTHORIZATION.name(), now(c),
                        tenant.value(), MeetingLinkState.REVOKED.name());
            }
            return null;
        });
    }

    @Override
    public LinkRecord authorize(Grant g) {
        return jdbc.inTransaction("store a meeting authorization", c -> {
            Instant now = now(c);
            String tokens = sealTokens(g.tenant(), g.tokens());
            Object client = g.client() == null ? Jdbc.NULL_STRING : ctx.seal(g.client(), clientContext(g.tenant()));
            int n = Jdbc.update(c, "UPDATE renkei_meeting_links SET state = ?, kind = ?, account_id = ?, user_id = ?, "
                    + "tokens_sealed = ?, client_sealed = ?, version = version + 1, lease_owner = NULL, "
                    + "lease_until = NULL, authorized_at = ?, revoked_at = NULL, reason = NULL, updated_at = ? "
                    + "WHERE tenant_id = ?", MeetingLinkState.AUTHORIZED.name(), g.kind().name(),
                    Jdbc.str(g.accountId()), Jdbc.str(g.userId()), tokens, client, now, now, g.tenant().value());
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO renkei_meeting_links (tenant_id, state, kind, account_id, user_id, "
                        + "tokens_sealed, client_sealed, version, authorized_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", g.tenant().value(),
                        MeetingLinkState.AUTHORIZED.name(), g.kind().name(), Jdbc.str(g.accountId()),
                        Jdbc.str(g.userId()), tokens, client, now, now);
            }
            return link(c, g.tenant()).orElseThrow();
        });
    }

    @Override
    public boolean acquireRefreshLease(TenantId tenant, String owner, Duration lease) {
        return jdbc.autoCommit("claim a token refresh", c -> {
            Instant now = now(c);
            return Jdbc.update(c, "UPDATE renkei_meeting_links SET lease_owner = ?, lease_until = ? WHERE tenant_id = ? "
                    + "AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)", owner, now.plus(lease),
                    tenant.value(), owner, now) == 1;
        });
    }

    @Override
    public void releaseRefreshLease(TenantId tenant, String owner) {
        jdbc.autoCommit("release a token refresh", c -> Jdbc.update(c, "UPDATE renkei_meeting_links SET "
                + "lease_owner = NULL, lease_until = NULL WHERE tenant_id = ? AND lease_owner = ?", tenant.value(), owner));
    }

    @Override
    public boolean replaceTokens(TenantId tenant, long expectedVersion, String owner, Tokens tokens) {
        String sealed = sealTokens(tenant, tokens);
        return jdbc.autoCommit("store refreshed tokens", c -> Jdbc.update(c, "UPDATE renkei_meeting_links SET "
                + "tokens_sealed = ?, version = version + 1, lease_owner = NULL, lease_until = NULL, updated_at = ? "
                + "WHERE tenant_id = ? AND state = ? AND version = ? AND lease_owner = ?", sealed, now(c),
                tenant.value(), MeetingLinkState.AUTHORIZED.name(), expectedVersion, owner) == 1);
    }

    @Override
    public Optional<LinkRecord> revoke(TenantId tenant, long expectedVersion, String reason, boolean dropMeetings) {
        return jdbc.inTransaction("revoke a meeting link", c -> {
            Instant now = now(c);
            String sql = "UPDATE renkei_meeting_links SET state = ?, tokens_sealed = NULL, client_sealed = NULL, "
                    + "version = version + 1, lease_owner = NULL, lease_until = NULL, revoked_at = ?, reason = ?, "
                    + "updated_at = ? WHERE tenant_id = ?";
            Object[] params = {MeetingLinkState.REVOKED.name(), now, Jdbc.str(reason), now, tenant.value()};
            int n = expectedVersion < 0 ? Jdbc.update(c, sql, params)
                    : Jdbc.update(c, sql + " AND version = ?", Jdbc.append(params, expectedVersion));
            if (n == 0) {
                return Optional.<LinkRecord>empty();
            }
            if (dropMeetings) {
                Jdbc.update(c, "DELETE FROM renkei_interview_meetings WHERE tenant_id = ?", tenant.value());
            }
            return link(c, tenant);
        });
    }

    private LinkRecord linkRow(ResultSet rs) throws SQLException {
        TenantId tenant = TenantId.of(rs.getString("tenant_id"));
        String kind = rs.getString("kind");
        String tokens = rs.getString("tokens_sealed");
        String client = rs.getString("client_sealed");
        return new LinkRecord(tenant, MeetingLinkState.valueOf(rs.getString("state")),
                kind == null ? null : MeetingLink.Kind.valueOf(kind), rs.getString("account_id"),
                rs.getString("user_id"), tokens == null ? null : openTokens(tenant, tokens),
                client == null ? null : ctx.open(client, clientContext(tenant), "the meeting link of " + tenant),
                rs.getLong("version"), Jdbc.instant(rs, "authorized_at"), Jdbc.instant(rs, "revoked_at"),
                rs.getString("reason"));
    }

    private String sealTokens(TenantId tenant, Tokens t) {
        Map<String, String> m = new HashMap<>();
        m.put("access", t.accessToken().reveal());
        if (t.refreshToken() != null) {
            m.put("refresh", t.refreshToken().reveal());
        }
        m.put("expiresAt", t.expiresAt().toString());
        if (t.scope() != null) {
            m.put("scope", t.scope());
        }
        return ctx.sealText(StoreJson.map(m), "meeting-tokens:" + tenant.value());
    }

    private Tokens openTokens(TenantId tenant, String sealed) {
        Map<String, String> m = StoreJson.map(ctx.openText(sealed, "meeting-tokens:" + tenant.value(),
                "the meeting link of " + tenant));
        String refresh = m.get("refresh");
        return new Tokens(Secret.of(m.get("access")), refresh == null ? null : Secret.of(refresh),
                Instant.parse(m.get("expiresAt")), m.get("scope"));
    }

    private static String clientContext(TenantId tenant) {
        return "meeting-client:" + tenant.value();
    }

    // ---- authorization states ---------------------------------------------------------------------------------

    @Override
    public void saveAuthorization(PendingAuthorization p) {
        jdbc.autoCommit("store a pending meeting authorization", c -> {
            Jdbc.update(c, "DELETE FROM renkei_meeting_authorizations WHERE expires_at < ?", now(c));
            Jdbc.update(c, "INSERT INTO renkei_meeting_authorizations (state_hash, tenant_id, verifier_sealed, "
                    + "redirect_uri, expires_at) VALUES (?, ?, ?, ?, ?)", p.stateHash(), p.tenant().value(),
                    ctx.sealText(p.verifier().reveal(), verifierContext(p.stateHash())), p.redirectUri().toString(),
                    p.expiresAt());
            return null;
        });
    }

    @Override
    public Optional<PendingAuthorization> takeAuthorization(String stateHash) {
        return jdbc.inTransaction("take a pending meeting authorization", c -> {
            Optional<PendingAuthorization> p = Jdbc.queryOne(c, "SELECT state_hash, tenant_id, verifier_sealed, "
                    + "redirect_uri, expires_at FROM renkei_meeting_authorizations WHERE state_hash = ?",
                    rs -> new PendingAuthorization(rs.getString("state_hash"), TenantId.of(rs.getString("tenant_id")),
                            Secret.of(ctx.openText(rs.getString("verifier_sealed"), verifierContext(stateHash),
                                    "a pending meeting authorization")),
                            URI.create(rs.getString("redirect_uri")), Jdbc.instant(rs, "expires_at")), stateHash);
            // only the caller whose DELETE removed the row gets it: a state is used once
            if (p.isEmpty() || Jdbc.update(c, "DELETE FROM renkei_meeting_authorizations WHERE state_hash = ?",
                    stateHash) != 1) {
                return Optional.<PendingAuthorization>empty();
            }
            return p;
        });
    }

    private static String verifierContext(String stateHash) {
        return "meeting-authorization:" + stateHash;
    }

    // ---- slot meetings ----------------------------------------------------------------------------------------

    @Override
    public Optional<SlotMeeting> slotMeeting(TenantId tenant, String slotId) {
        return jdbc.autoCommit("read a slot's meeting", c -> Jdbc.queryOne(c, "SELECT tenant_id, slot_id, phase, "
                + "marker, meeting_id, host_user_id, join_url, password_sealed, start_at, duration_seconds, time_zone, "
                + "topic FROM renkei_interview_meetings WHERE tenant_id = ? AND slot_id = ?", this::slotRow,
                tenant.value(), slotId));
    }

    @Override
    public boolean claimSlot(TenantId tenant, String slotId, String owner, Duration lease) {
        return jdbc.autoCommit("claim a slot's meeting", c -> {
            Instant now = now(c);
            dialect.insertIfAbsent(c, "INSERT INTO renkei_interview_meetings (tenant_id, slot_id, phase, updated_at) "
                    + "VALUES (?, ?, ?, ?)", tenant.value(), slotId, Phase.NONE.name(), now);
            return Jdbc.update(c, "UPDATE renkei_interview_meetings SET claim_owner = ?, claim_until = ? "
                    + "WHERE tenant_id = ? AND slot_id = ? AND (claim_owner IS NULL OR claim_owner = ? "
                    + "OR claim_until < ?)", owner, now.plus(lease), tenant.value(), slotId, owner, now) == 1;
        });
    }

    @Override
    public boolean saveSlot(SlotMeeting s, String owner) {
        Object password = s.password() == null ? Jdbc.NULL_STRING
                : ctx.sealText(s.password().reveal(), slotContext(s.tenant(), s.slotId()));
        return jdbc.autoCommit("store a slot's meeting", c -> Jdbc.update(c, "UPDATE renkei_interview_meetings SET "
                + "phase = ?, marker = ?, meeting_id = ?, host_user_id = ?, join_url = ?, password_sealed = ?, "
                + "start_at = ?, duration_seconds = ?, time_zone = ?, topic = ?, updated_at = ? "
                + "WHERE tenant_id = ? AND slot_id = ? AND claim_owner = ?", s.phase().name(), Jdbc.str(s.marker()),
                Jdbc.str(s.meetingId()), Jdbc.str(s.hostUserId()),
                Jdbc.str(s.joinUrl() == null ? null : s.joinUrl().toString()), password, Jdbc.ts(s.start()),
                s.duration() == null ? new Jdbc.Null(java.sql.Types.BIGINT) : s.duration().toSeconds(),
                Jdbc.str(s.timeZone() == null ? null : s.timeZone().getId()), Jdbc.str(s.topic()), now(c),
                s.tenant().value(), s.slotId(), owner) == 1);
    }

    @Override
    public void releaseSlot(TenantId tenant, String slotId, String owner) {
        jdbc.autoCommit("release a slot's meeting", c -> Jdbc.update(c, "UPDATE renkei_interview_meetings SET "
                + "claim_owner = NULL, claim_until = NULL WHERE tenant_id = ? AND slot_id = ? AND claim_owner = ?",
                tenant.value(), slotId, owner));
    }

    private SlotMeeting slotRow(ResultSet rs) throws SQLException {
        TenantId tenant = TenantId.of(rs.getString("tenant_id"));
        String slotId = rs.getString("slot_id");
        String join = rs.getString("join_url");
        String password = rs.getString("password_sealed");
        long seconds = rs.getLong("duration_seconds");
        Duration duration = rs.wasNull() ? null : Duration.ofSeconds(seconds);
        String zone = rs.getString("time_zone");
        return new SlotMeeting(tenant, slotId, Phase.valueOf(rs.getString("phase")), rs.getString("marker"),
                rs.getString("meeting_id"), rs.getString("host_user_id"), join == null ? null : URI.create(join),
                password == null ? null : Secret.of(ctx.openText(password, slotContext(tenant, slotId),
                        "the meeting of slot " + slotId)),
                Jdbc.instant(rs, "start_at"), duration, zone == null ? null : ZoneId.of(zone), rs.getString("topic"));
    }

    private static String slotContext(TenantId tenant, String slotId) {
        return "meeting-slot:" + tenant.value() + ":" + slotId;
    }

    // ---- host usage and deliveries ----------------------------------------------------------------------------

    @Override
    public boolean countHostCall(TenantId tenant, String hostUserId, LocalDate day, int limit) {
        return jdbc.autoCommit("count a meeting call of a host", c -> {
            dialect.insertIfAbsent(c, "INSERT INTO renkei_meeting_host_usage (tenant_id, host_user_id, usage_day, "
                    + "used) VALUES (?, ?, ?, 0)", tenant.value(), hostUserId, day.toString());
            return Jdbc.update(c, "UPDATE renkei_meeting_host_usage SET used = used + 1 WHERE tenant_id = ? "
                    + "AND host_user_id = ? AND usage_day = ? AND used < ?", tenant.value(), hostUserId,
                    day.toString(), limit) == 1;
        });
    }

    @Override
    public void exhaustHost(TenantId tenant, String hostUserId, LocalDate day, int limit) {
        jdbc.autoCommit("record a host's used-up daily limit", c -> {
            dialect.insertIfAbsent(c, "INSERT INTO renkei_meeting_host_usage (tenant_id, host_user_id, usage_day, "
                    + "used) VALUES (?, ?, ?, 0)", tenant.value(), hostUserId, day.toString());
            return Jdbc.update(c, "UPDATE renkei_meeting_host_usage SET used = ? WHERE tenant_id = ? "
                    + "AND host_user_id = ? AND usage_day = ? AND used < ?", limit, tenant.value(), hostUserId,
                    day.toString(), limit);
        });
    }

    @Override
    public int hostCalls(TenantId tenant, String hostUserId, LocalDate day) {
        return jdbc.autoCommit("read a host's meeting calls", c -> Jdbc.queryOne(c, "SELECT used FROM "
                + "renkei_meeting_host_usage WHERE tenant_id = ? AND host_user_id = ? AND usage_day = ?",
                rs -> rs.getInt(1), tenant.value(), hostUserId, day.toString()).orElse(0));
    }

    @Override
    public boolean firstDelivery(String key) {
        return jdbc.autoCommit("record a webhook delivery", c -> dialect.insertIfAbsent(c,
                "INSERT INTO renkei_meeting_webhook_deliveries (delivery_key, received_at) VALUES (?, ?)", key, now(c)));
    }
}
