-- Renkei store schema, version 1: robots and slots, runs and their errors, the import ledger, watermarks and
-- the mail outbox. Portable to H2 2.x and PostgreSQL 12+; JdbcStore.migrate() applies it, or a host runs it from
-- its own Flyway/Liquibase (the file name follows Flyway's V<version>__<description>.sql convention).
-- Times are TIMESTAMP WITH TIME ZONE (stored in UTC, microsecond precision). Credentials are only ever stored
-- sealed with AES-GCM (SecretCipher): nothing secret sits in a plain column.

CREATE TABLE renkei_robots (
    tenant_id          VARCHAR(64)  NOT NULL,
    robot_id           VARCHAR(64)  NOT NULL,
    name               VARCHAR(200) NOT NULL,
    linkage_enabled    BOOLEAN      NOT NULL,
    ats_connector_id   VARCHAR(40)  NOT NULL,
    ats_account_id     VARCHAR(128) NOT NULL,
    ats_settings       VARCHAR      NOT NULL,
    ats_credentials    VARCHAR,
    notify_to          VARCHAR      NOT NULL,
    notify_cc          VARCHAR      NOT NULL,
    notify_locale      VARCHAR(35)  NOT NULL,
    schedule_zone      VARCHAR(64)  NOT NULL,
    schedule_times     VARCHAR(32)  NOT NULL,
    version            BIGINT       NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_robots_pk PRIMARY KEY (tenant_id, robot_id)
);

-- Slots are never deleted: a deleted slot is tombstoned and keeps its number for ever.
CREATE TABLE renkei_slots (
    tenant_id          VARCHAR(64)  NOT NULL,
    robot_id           VARCHAR(64)  NOT NULL,
    slot_id            VARCHAR(48)  NOT NULL,
    medium             VARCHAR(40)  NOT NULL,
    slot_number        INTEGER      NOT NULL,
    slot_position      INTEGER      NOT NULL,
    credentials        VARCHAR      NOT NULL,
    tombstoned         BOOLEAN      NOT NULL,
    verdict_account    VARCHAR(200),
    verdict_ok         BOOLEAN,
    verdict_code       VARCHAR(40),
    verdict_message    VARCHAR,
    verdict_checked_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT renkei_slots_pk PRIMARY KEY (tenant_id, robot_id, slot_id),
    CONSTRAINT renkei_slots_robot_fk FOREIGN KEY (tenant_id, robot_id)
        REFERENCES renkei_robots (tenant_id, robot_id)
);

-- A window is claimed by inserting its run: of several instances exactly one wins the unique constraint.
CREATE TABLE renkei_runs (
    run_id             VARCHAR(64)  NOT NULL,
    tenant_id          VARCHAR(64)  NOT NULL,
    robot_id           VARCHAR(64)  NOT NULL,
    run_trigger        VARCHAR(16)  NOT NULL,
    window_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    owner              VARCHAR(200),
    started_at         TIMESTAMP WITH TIME ZONE,
    heartbeat_at       TIMESTAMP WITH TIME ZONE,
    finished_at        TIMESTAMP WITH TIME ZONE,
    result             VARCHAR,
    CONSTRAINT renkei_runs_pk PRIMARY KEY (run_id),
    CONSTRAINT renkei_runs_window_uq UNIQUE (tenant_id, robot_id, window_start)
);

CREATE INDEX renkei_runs_status_ix ON renkei_runs (status, heartbeat_at);

-- One row per SyncError of a finished run (the result JSON holds them too); for queries and reports.
CREATE TABLE renkei_run_errors (
    run_id               VARCHAR(64)  NOT NULL,
    seq                  INTEGER      NOT NULL,
    tenant_id            VARCHAR(64)  NOT NULL,
    error_code           VARCHAR(40)  NOT NULL,
    classification       VARCHAR(20)  NOT NULL,
    error_where          VARCHAR(200) NOT NULL,
    board_application_id VARCHAR(500),
    message              VARCHAR      NOT NULL,
    detail               VARCHAR,
    CONSTRAINT renkei_run_errors_pk PRIMARY KEY (run_id, seq),
    CONSTRAINT renkei_run_errors_run_fk FOREIGN KEY (run_id) REFERENCES renkei_runs (run_id)
);

-- Every import, keyed by (tenant, ATS account, medium, board account key, board application id).
-- reserve() is one insert under this primary key.
CREATE TABLE renkei_import_ledger (
    tenant_id            VARCHAR(64)  NOT NULL,
    ats_account          VARCHAR(200) NOT NULL,
    medium               VARCHAR(40)  NOT NULL,
    board_account_key    VARCHAR(500) NOT NULL,
    board_application_id VARCHAR(500) NOT NULL,
    idempotency_key      VARCHAR(64)  NOT NULL,
    state                VARCHAR(16)  NOT NULL,
    ats_id               VARCHAR(500),
    run_id               VARCHAR(64)  NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_import_ledger_pk
        PRIMARY KEY (tenant_id, ats_account, medium, board_account_key, board_application_id)
);

CREATE INDEX renkei_import_ledger_run_ix ON renkei_import_ledger (run_id, state);

CREATE TABLE renkei_watermarks (
    tenant_id            VARCHAR(64)  NOT NULL,
    ats_account          VARCHAR(200) NOT NULL,
    medium               VARCHAR(40)  NOT NULL,
    board_account_key    VARCHAR(500) NOT NULL,
    watermark            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT renkei_watermarks_pk PRIMARY KEY (tenant_id, ats_account, medium, board_account_key)
);

-- Mails written with the business change and sent after commit; a relay leases the rows it sends.
CREATE TABLE renkei_mail_outbox (
    mail_id              VARCHAR(200) NOT NULL,
    tenant_id            VARCHAR(64)  NOT NULL,
    mail_from            VARCHAR(320) NOT NULL,
    mail_to              VARCHAR      NOT NULL,
    mail_cc              VARCHAR      NOT NULL,
    subject              VARCHAR      NOT NULL,
    body_text            VARCHAR      NOT NULL,
    body_html            VARCHAR,
    status               VARCHAR(16)  NOT NULL,
    attempts             INTEGER      NOT NULL,
    next_attempt_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error           VARCHAR,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    leased_by            VARCHAR(200),
    leased_until         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT renkei_mail_outbox_pk PRIMARY KEY (mail_id)
);

CREATE INDEX renkei_mail_outbox_due_ix ON renkei_mail_outbox (status, next_attempt_at);
