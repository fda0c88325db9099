CREATE TABLE "devices" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "devices_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "ledger_clock" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_clock_single_row" CHECK ("ledger_clock"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "ledger_rows" (
	"tbl" text NOT NULL,
	"id" text NOT NULL,
	"partition" text NOT NULL,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "ledger_rows_tbl_id_pk" PRIMARY KEY("tbl","id")
);
--> statement-breakpoint
CREATE TABLE "twilio_events" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_rows_version_idx" ON "ledger_rows" USING btree ("version");--> statement-breakpoint
CREATE INDEX "ledger_rows_partition_version_idx" ON "ledger_rows" USING btree ("partition","version");--> statement-breakpoint
CREATE INDEX "ledger_messages_twilio_sid_idx" ON "ledger_rows" USING btree (("data"->>'twilio_sid')) WHERE "ledger_rows"."tbl" = 'messages';--> statement-breakpoint
CREATE INDEX "ledger_actions_message_sid_idx" ON "ledger_rows" USING btree (("data"->>'twilio_message_sid')) WHERE "ledger_rows"."tbl" = 'recovery_actions';--> statement-breakpoint
CREATE INDEX "ledger_actions_call_sid_idx" ON "ledger_rows" USING btree (("data"->>'twilio_call_sid')) WHERE "ledger_rows"."tbl" = 'recovery_actions';--> statement-breakpoint
CREATE INDEX "ledger_actions_case_idx" ON "ledger_rows" USING btree (("data"->>'case_id')) WHERE "ledger_rows"."tbl" = 'recovery_actions';--> statement-breakpoint
CREATE INDEX "ledger_phones_e164_idx" ON "ledger_rows" USING btree (("data"->>'e164')) WHERE "ledger_rows"."tbl" = 'phones';--> statement-breakpoint
CREATE INDEX "ledger_loans_borrower_idx" ON "ledger_rows" USING btree (("data"->>'borrower_id')) WHERE "ledger_rows"."tbl" = 'loans';--> statement-breakpoint
CREATE INDEX "ledger_cases_loan_idx" ON "ledger_rows" USING btree (("data"->>'loan_id')) WHERE "ledger_rows"."tbl" = 'cases';--> statement-breakpoint
CREATE INDEX "twilio_events_subject_idx" ON "twilio_events" USING btree ("subject","received_at");