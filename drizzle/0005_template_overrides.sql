CREATE TABLE `template_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`language` text NOT NULL,
	`name` text NOT NULL,
	`body` text,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
