CREATE TABLE `text_opt_outs` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`e164` text NOT NULL,
	`opted_out_at` text NOT NULL,
	`opt_out_via` text NOT NULL,
	`opt_out_word` text,
	`opt_out_reference` text,
	`restored_at` text,
	`restored_via` text,
	`restored_by` text,
	`restored_word` text,
	`restored_reference` text,
	`consent_method` text,
	`consent_given_on` text,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`restored_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `text_opt_outs_number_idx` ON `text_opt_outs` (`borrower_id`,`e164`);