CREATE TABLE `sync_capture` (
	`id` integer PRIMARY KEY NOT NULL,
	`capturing` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `sync_capture` (`id`, `capturing`) VALUES (1, 0);
--> statement-breakpoint
CREATE TABLE `sync_pending` (
	`seq` integer PRIMARY KEY NOT NULL,
	`tbl` text NOT NULL,
	`key` text NOT NULL,
	`before` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_pending_row_idx` ON `sync_pending` (`tbl`,`key`);--> statement-breakpoint
CREATE TABLE `sync_versions` (
	`tbl` text NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`tbl`, `key`)
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `outbox` ADD `changes` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `server_version` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `queue_members_key_idx` ON `queue_members` (`queue_id`,`user_id`);