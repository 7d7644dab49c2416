-- Fencing: every execution of a run (the first start and each takeover) gets its own token. Heartbeats, the
-- finish and every ledger write are conditional on it, so an executor that lost its run writes nothing more.
ALTER TABLE renkei_runs ADD COLUMN execution VARCHAR(64);
ALTER TABLE renkei_import_ledger ADD COLUMN execution VARCHAR(64);
