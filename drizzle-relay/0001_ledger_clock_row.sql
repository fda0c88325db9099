-- The version counter is one row that always exists, so writers only ever UPDATE it (and hold its lock).
INSERT INTO "ledger_clock" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
