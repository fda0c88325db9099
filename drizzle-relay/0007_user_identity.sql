CREATE TABLE "client_owners" (
	"client_id" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"device_id" text NOT NULL,
	"public_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"device_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "engine_host" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "client_owners" ADD CONSTRAINT "client_owners_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_keys" ADD CONSTRAINT "user_keys_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "user_keys_device_public_key_idx" ON "user_keys" USING btree ("device_id","public_key");--> statement-breakpoint
CREATE INDEX "user_keys_user_idx" ON "user_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_sessions_user_idx" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
-- Client ids already in use belong to the device that first pushed or claimed under them.
INSERT INTO "client_owners" ("client_id", "device_id", "first_seen_at")
SELECT DISTINCT ON (used.client_id) used.client_id, used.device_id, used.at
FROM (
  SELECT "client_id", "device_id", "received_at" AS at FROM "sync_commands"
  UNION ALL
  SELECT "client_id", "device_id", "claimed_at" AS at FROM "contact_claims"
) AS used
JOIN "devices" ON "devices"."id" = used.device_id
ORDER BY used.client_id, used.at
ON CONFLICT DO NOTHING;
