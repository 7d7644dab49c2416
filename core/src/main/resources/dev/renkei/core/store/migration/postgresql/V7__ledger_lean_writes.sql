-- Every ledger statement finds its row by the primary key; the index on (run_id, state) answered no query, and
-- since completing a reservation changes state, every completion had to write a new entry into both indexes.
DROP INDEX renkei_import_ledger_run_ix;
-- Completing a reservation changes no indexed column, so PostgreSQL can rewrite the row in place (a HOT update,
-- no index write) when its page has room: leave a tenth of each page for that.
ALTER TABLE renkei_import_ledger SET (fillfactor = 90);
