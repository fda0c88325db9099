-- Installments and payments are read a range of loans at a time by the daily run. As WITHOUT ROWID
-- tables keyed by (loan_id, …) each loan's rows are stored together, so those reads are sequential
-- and need no separate index. drizzle-kit cannot declare WITHOUT ROWID, so the tables are rebuilt
-- here; a later migration that recreates either table must keep WITHOUT ROWID.
CREATE TABLE `installments_clustered` (
	`loan_id` text NOT NULL,
	`seq` integer NOT NULL,
	`due_on` text NOT NULL,
	`principal_due_minor` integer NOT NULL,
	`interest_due_minor` integer NOT NULL,
	`fees_due_minor` integer NOT NULL,
	PRIMARY KEY(`loan_id`, `seq`),
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `installments_clustered` SELECT `loan_id`, `seq`, `due_on`, `principal_due_minor`, `interest_due_minor`, `fees_due_minor` FROM `installments`;
--> statement-breakpoint
DROP TABLE `installments`;
--> statement-breakpoint
ALTER TABLE `installments_clustered` RENAME TO `installments`;
--> statement-breakpoint
CREATE TABLE `payments_clustered` (
	`loan_id` text NOT NULL,
	`paid_on` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`reference` text NOT NULL,
	`source` text DEFAULT 'tape' NOT NULL,
	PRIMARY KEY(`loan_id`, `reference`),
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `payments_clustered` SELECT `loan_id`, `paid_on`, `amount_minor`, `reference`, `source` FROM `payments`;
--> statement-breakpoint
DROP TABLE `payments`;
--> statement-breakpoint
ALTER TABLE `payments_clustered` RENAME TO `payments`;
--> statement-breakpoint
CREATE INDEX `payments_paid_on_idx` ON `payments` (`paid_on`);
