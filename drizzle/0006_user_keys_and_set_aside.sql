CREATE TABLE `sync_set_aside` (
	`tbl` text NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`image` text NOT NULL,
	`reason` text NOT NULL,
	`set_aside_at` text NOT NULL,
	PRIMARY KEY(`tbl`, `key`)
);
--> statement-breakpoint
CREATE TABLE `user_credentials` (
	`user_id` text PRIMARY KEY NOT NULL,
	`key_id` text NOT NULL,
	`relay_url` text NOT NULL,
	`public_key` text NOT NULL,
	`sealed_private_key` text NOT NULL,
	`profile` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `key_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `signature` text;