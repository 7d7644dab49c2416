-- Outbox lease fencing: every claim writes a fresh token; marking a mail sent or failed is conditional on it, so a
-- relay whose lease ran out and was claimed by another relay cannot overwrite the mail's state.
-- Numbered 20 to stay clear of versions added in parallel; Migrator applies every version still missing.
ALTER TABLE renkei_mail_outbox ADD COLUMN lease_token VARCHAR(64);
