-- Interview meetings (dev.renkei.core.meeting): a tenant's link to its meeting-service account with its tokens
-- sealed by the SecretCipher (never in plain columns), pending OAuth authorizations (state hashed, PKCE verifier
-- sealed), the meeting of each interview slot, per-host daily create/update counts and seen webhook deliveries.
CREATE TABLE renkei_meeting_links (
    tenant_id VARCHAR(64) NOT NULL,
    state VARCHAR(32) NOT NULL,
    kind VARCHAR(32),
    account_id VARCHAR(200),
    user_id VARCHAR(200),
    tokens_sealed VARCHAR(8000),
    client_sealed VARCHAR(4000),
    version BIGINT NOT NULL,
    lease_owner VARCHAR(64),
    lease_until TIMESTAMP WITH TIME ZONE,
    authorized_at TIMESTAMP WITH TIME ZONE,
    revoked_at TIMESTAMP WITH TIME ZONE,
    reason VARCHAR(500),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_meeting_links_pk PRIMARY KEY (tenant_id)
);
CREATE INDEX renkei_meeting_links_account ON renkei_meeting_links (account_id);
CREATE TABLE renkei_meeting_authorizations (
    state_hash VARCHAR(64) NOT NULL,
    tenant_id VARCHAR(64) NOT NULL,
    verifier_sealed VARCHAR(1000) NOT NULL,
    redirect_uri VARCHAR(2000) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_meeting_authorizations_pk PRIMARY KEY (state_hash)
);
CREATE TABLE renkei_interview_meetings (
    tenant_id VARCHAR(64) NOT NULL,
    slot_id VARCHAR(200) NOT NULL,
    phase VARCHAR(16) NOT NULL,
    marker VARCHAR(100),
    meeting_id VARCHAR(64),
    host_user_id VARCHAR(200),
    join_url VARCHAR(2000),
    password_sealed VARCHAR(1000),
    start_at TIMESTAMP WITH TIME ZONE,
    duration_seconds BIGINT,
    time_zone VARCHAR(64),
    topic VARCHAR(400),
    claim_owner VARCHAR(64),
    claim_until TIMESTAMP WITH TIME ZONE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_interview_meetings_pk PRIMARY KEY (tenant_id, slot_id)
);
CREATE TABLE renkei_meeting_host_usage (
    tenant_id VARCHAR(64) NOT NULL,
    host_user_id VARCHAR(200) NOT NULL,
    usage_day VARCHAR(10) NOT NULL,
    used INTEGER NOT NULL,
    CONSTRAINT renkei_meeting_host_usage_pk PRIMARY KEY (tenant_id, host_user_id, usage_day)
);
CREATE TABLE renkei_meeting_webhook_deliveries (
    delivery_key VARCHAR(400) NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_meeting_webhook_deliveries_pk PRIMARY KEY (delivery_key)
);
