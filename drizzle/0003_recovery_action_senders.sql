ALTER TABLE `dunning_events` ADD `next_attempt_at` text;--> statement-breakpoint
CREATE INDEX `dunning_events_status_idx` ON `dunning_events` (`status`,`kind`);--> statement-breakpoint
ALTER TABLE `recovery_actions` ADD `email_message_id` text;--> statement-breakpoint
ALTER TABLE `recovery_actions` ADD `letter_id` text REFERENCES letters(id);--> statement-breakpoint
ALTER TABLE `recovery_actions` ADD `dunning_event_id` text;--> statement-breakpoint
CREATE INDEX `recovery_actions_due_idx` ON `recovery_actions` (`status`,`scheduled_at`);