-- The ledger's facts are one row that always exists, so the bootstrap only ever UPDATEs it.
INSERT INTO "ledger_meta" ("id", "bootstrapped") VALUES (1, false) ON CONFLICT DO NOTHING;
