CREATE TABLE "contact_claims" (
	"key" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"device_id" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_meta" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"bootstrapped" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ledger_meta_single_row" CHECK ("ledger_meta"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "sync_commands" (
	"client_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"command_id" text NOT NULL,
	"name" text NOT NULL,
	"actor_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"version" bigint,
	"result" jsonb NOT NULL,
	"device_id" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_commands_client_id_seq_pk" PRIMARY KEY("client_id","seq")
);
--> statement-breakpoint
CREATE INDEX "sync_commands_rejected_idx" ON "sync_commands" USING btree ("client_id","seq") WHERE "sync_commands"."status" = 'rejected';