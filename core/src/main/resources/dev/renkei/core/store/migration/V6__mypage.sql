-- MyPage job-seeker sync: settings per tenant (credentials sealed), the default member table, job seekers linked
-- to accounts, invitations (how many mails went out), single-use setup tokens (stored only as a SHA-256 hash),
-- batch windows (claimed under a unique key, fenced by an execution token) and kept status write-backs.

CREATE TABLE renkei_mypage_settings (
    tenant_id          VARCHAR(64)  NOT NULL,
    settings           VARCHAR      NOT NULL,
    credentials        VARCHAR      NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_mypage_settings_pk PRIMARY KEY (tenant_id)
);

CREATE TABLE renkei_mypage_accounts (
    tenant_id          VARCHAR(64)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    email              VARCHAR(320) NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    password_hash      VARCHAR(200),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT renkei_mypage_accounts_pk PRIMARY KEY (tenant_id, account_id),
    CONSTRAINT renkei_mypage_accounts_email_uq UNIQUE (tenant_id, email)
);

CREATE TABLE renkei_mypage_people (
    tenant_id          VARCHAR(64)  NOT NULL,
    person_id          VARCHAR(64)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    email              VARCHAR(320) NOT NULL,
    name               VARCHAR(400),
    owner_emails       VARCHAR      NOT NULL,
    resume_ids         VARCHAR      NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_mypage_people_pk PRIMARY KEY (tenant_id, person_id)
);
CREATE INDEX renkei_mypage_people_account ON renkei_mypage_people (tenant_id, account_id);

CREATE TABLE renkei_mypage_invitations (
    tenant_id          VARCHAR(64)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    mails_sent         INTEGER      NOT NULL,
    last_mail_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT renkei_mypage_invitations_pk PRIMARY KEY (tenant_id, account_id)
);

CREATE TABLE renkei_mypage_tokens (
    token_hash         VARCHAR(64)  NOT NULL,
    tenant_id          VARCHAR(64)  NOT NULL,
    account_id         VARCHAR(64)  NOT NULL,
    issued_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at            TIMESTAMP WITH TIME ZONE,
    superseded         BOOLEAN      NOT NULL,
    CONSTRAINT renkei_mypage_tokens_pk PRIMARY KEY (token_hash)
);
CREATE INDEX renkei_mypage_tokens_account ON renkei_mypage_tokens (tenant_id, account_id);

CREATE TABLE renkei_mypage_batches (
    batch_id           VARCHAR(64)  NOT NULL,
    tenant_id          VARCHAR(64)  NOT NULL,
    run_trigger        VARCHAR(16)  NOT NULL,
    window_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    owner              VARCHAR(200),
    execution          VARCHAR(64),
    started_at         TIMESTAMP WITH TIME ZONE,
    heartbeat_at       TIMESTAMP WITH TIME ZONE,
    finished_at        TIMESTAMP WITH TIME ZONE,
    result             VARCHAR,
    CONSTRAINT renkei_mypage_batches_pk PRIMARY KEY (batch_id),
    CONSTRAINT renkei_mypage_batches_window_uq UNIQUE (tenant_id, window_start)
);

CREATE TABLE renkei_mypage_writebacks (
    writeback_id       VARCHAR(128) NOT NULL,
    tenant_id          VARCHAR(64)  NOT NULL,
    person_id          VARCHAR(64)  NOT NULL,
    record_id          VARCHAR(64)  NOT NULL,
    resource           VARCHAR(16)  NOT NULL,
    field              VARCHAR(200) NOT NULL,
    field_value        VARCHAR(200) NOT NULL,
    is_option          BOOLEAN      NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    attempts           INTEGER      NOT NULL,
    last_code          VARCHAR(40),
    last_message       VARCHAR,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_mypage_writebacks_pk PRIMARY KEY (writeback_id)
);
