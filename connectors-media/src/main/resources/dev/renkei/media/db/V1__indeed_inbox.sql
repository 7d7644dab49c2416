-- Renkei connectors-media: the Indeed Apply inbox (one row per Indeed application id).
-- Applied by JdbcIndeedInbox.migrate(), or copy it into your own Flyway/Liquibase migrations.
-- Works on PostgreSQL and H2. Times are UTC epoch milliseconds.
CREATE TABLE IF NOT EXISTS renkei_indeed_inbox (
    application_id VARCHAR(200) NOT NULL PRIMARY KEY,
    account_id     VARCHAR(200) NOT NULL,
    applied_at     BIGINT       NOT NULL,
    received_at    BIGINT       NOT NULL,
    payload        TEXT         NOT NULL
);
CREATE INDEX IF NOT EXISTS renkei_indeed_inbox_account ON renkei_indeed_inbox (account_id, received_at);
