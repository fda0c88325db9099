ALTER TABLE "twilio_events" ADD COLUMN "checked_at" timestamp with time zone;--> statement-breakpoint
-- Relays before this one applied each callback as it arrived: every stored event was already looked at.
UPDATE "twilio_events" SET "checked_at" = coalesce("applied_at", "received_at");--> statement-breakpoint
CREATE INDEX "twilio_events_unchecked_idx" ON "twilio_events" USING btree ("received_at","key") WHERE "twilio_events"."checked_at" IS NULL;
