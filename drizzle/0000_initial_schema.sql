CREATE TABLE `addresses` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`label` text NOT NULL,
	`line1` text NOT NULL,
	`line2` text,
	`city` text NOT NULL,
	`state` text,
	`postal_code` text,
	`country` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `addresses_borrower_idx` ON `addresses` (`borrower_id`);--> statement-breakpoint
CREATE TABLE `autopay_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`instrument_id` text NOT NULL,
	`frequency` text NOT NULL,
	`next_payment_on` text,
	`amount_type` text NOT NULL,
	`fixed_amount_minor` integer,
	`is_active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instrument_id`) REFERENCES `payment_instruments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `borrowers` (
	`id` text PRIMARY KEY NOT NULL,
	`external_id` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`date_of_birth` text,
	`ssn_last_four` text,
	`ssn_encrypted` text,
	`employer` text,
	`annual_income_minor` integer,
	`annual_income_currency` text,
	`language` text DEFAULT 'en' NOT NULL,
	`communication_preferences` text DEFAULT '{}' NOT NULL,
	`timezone` text,
	`jurisdiction` text NOT NULL,
	`do_not_contact` integer DEFAULT false NOT NULL,
	`vulnerable` integer DEFAULT false NOT NULL,
	`hardship` integer DEFAULT false NOT NULL,
	`portal_user_id` text,
	`metadata` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`portal_user_id`) REFERENCES `portal_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `borrowers_external_id_unique` ON `borrowers` (`external_id`);--> statement-breakpoint
CREATE INDEX `borrowers_name_idx` ON `borrowers` (`last_name`,`first_name`);--> statement-breakpoint
CREATE TABLE `business_details` (
	`borrower_id` text PRIMARY KEY NOT NULL,
	`business_name` text NOT NULL,
	`ein_masked` text,
	`entity_type` text NOT NULL,
	`formed_on` text,
	`state_of_formation` text,
	`industry` text,
	`annual_revenue_minor` integer,
	`employees` integer,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`consent_type` text NOT NULL,
	`granted_at` text NOT NULL,
	`revoked_at` text,
	`ip_address` text,
	`user_agent` text,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `emails` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`email` text NOT NULL,
	`label` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`is_verified` integer DEFAULT false NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`opted_out` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `emails_borrower_idx` ON `emails` (`borrower_id`);--> statement-breakpoint
CREATE TABLE `identities` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`document_type` text NOT NULL,
	`document_number_masked` text NOT NULL,
	`issuing_authority` text,
	`issued_on` text,
	`expires_on` text,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `legal_representatives` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`type` text NOT NULL,
	`name` text NOT NULL,
	`firm` text,
	`phone_e164` text,
	`email` text,
	`active_from` text NOT NULL,
	`active_to` text,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `legal_reps_borrower_idx` ON `legal_representatives` (`borrower_id`);--> statement-breakpoint
CREATE TABLE `payment_instruments` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`instrument_type` text NOT NULL,
	`account_number_masked` text NOT NULL,
	`routing_number` text,
	`is_default` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `phones` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`e164` text NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`is_verified` integer DEFAULT false NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`sms_consent` integer DEFAULT false NOT NULL,
	`opted_out_at` text,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `phones_borrower_idx` ON `phones` (`borrower_id`);--> statement-breakpoint
CREATE INDEX `phones_e164_idx` ON `phones` (`e164`);--> statement-breakpoint
CREATE TABLE `portal_users` (
	`id` text PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `portal_users_login_idx` ON `portal_users` (`login`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `fee_records` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`installment_seq` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`assessed_on` text NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`loan_id`,`installment_seq`) REFERENCES `installments`(`loan_id`,`seq`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fee_records_installment_kind_idx` ON `fee_records` (`loan_id`,`installment_seq`,`kind`);--> statement-breakpoint
CREATE TABLE `fee_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`product_code` text NOT NULL,
	`currency` text NOT NULL,
	`grace_days` integer DEFAULT 0 NOT NULL,
	`flat_fee_minor` integer DEFAULT 0 NOT NULL,
	`percent_bps` integer DEFAULT 0 NOT NULL,
	`max_fee_minor` integer,
	FOREIGN KEY (`product_code`) REFERENCES `products`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `gl_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`posted_on` text NOT NULL,
	`debit_account` text NOT NULL,
	`credit_account` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`memo` text NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `gl_entries_loan_idx` ON `gl_entries` (`loan_id`);--> statement-breakpoint
CREATE TABLE `installments` (
	`loan_id` text NOT NULL,
	`seq` integer NOT NULL,
	`due_on` text NOT NULL,
	`principal_due_minor` integer NOT NULL,
	`interest_due_minor` integer NOT NULL,
	`fees_due_minor` integer NOT NULL,
	PRIMARY KEY(`loan_id`, `seq`),
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `loan_parties` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`borrower_id` text NOT NULL,
	`role` text NOT NULL,
	`liability` text NOT NULL,
	`guarantee_limit_minor` integer,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `loan_parties_loan_idx` ON `loan_parties` (`loan_id`);--> statement-breakpoint
CREATE INDEX `loan_parties_borrower_idx` ON `loan_parties` (`borrower_id`);--> statement-breakpoint
CREATE TABLE `loans` (
	`id` text PRIMARY KEY NOT NULL,
	`account_number` text NOT NULL,
	`borrower_id` text NOT NULL,
	`product_code` text NOT NULL,
	`currency` text NOT NULL,
	`principal_minor` integer NOT NULL,
	`interest_rate_pct` text NOT NULL,
	`originated_on` text NOT NULL,
	`sub_status` text,
	`risk_grade` text,
	`risk_status` text,
	`status` text DEFAULT 'active' NOT NULL,
	`is_non_accrual` integer DEFAULT false NOT NULL,
	`dpd` integer DEFAULT 0 NOT NULL,
	`amount_past_due_minor` integer DEFAULT 0 NOT NULL,
	`balance_minor` integer DEFAULT 0 NOT NULL,
	`bucket` text DEFAULT 'current' NOT NULL,
	`entered_delinquency_on` text,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_code`) REFERENCES `products`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loans_account_number_unique` ON `loans` (`account_number`);--> statement-breakpoint
CREATE INDEX `loans_borrower_idx` ON `loans` (`borrower_id`);--> statement-breakpoint
CREATE INDEX `loans_bucket_idx` ON `loans` (`bucket`);--> statement-breakpoint
CREATE TABLE `payments` (
	`loan_id` text NOT NULL,
	`paid_on` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`reference` text NOT NULL,
	`source` text DEFAULT 'tape' NOT NULL,
	PRIMARY KEY(`loan_id`, `reference`),
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_paid_on_idx` ON `payments` (`paid_on`);--> statement-breakpoint
CREATE TABLE `products` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`dunning_schedule_id` text
);
--> statement-breakpoint
CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`loan_id` text NOT NULL,
	`type` text NOT NULL,
	`direction` text DEFAULT 'outbound' NOT NULL,
	`contact_method` text,
	`outcome` text,
	`notes` text,
	`next_action_on` text,
	`produced_promise` integer DEFAULT false NOT NULL,
	`performed_by` text,
	`at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`performed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_case_at_idx` ON `activities` (`case_id`,`at`);--> statement-breakpoint
CREATE INDEX `activities_at_idx` ON `activities` (`at`);--> statement-breakpoint
CREATE INDEX `activities_next_action_idx` ON `activities` (`next_action_on`);--> statement-breakpoint
CREATE TABLE `bucket_events` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`from_bucket` text NOT NULL,
	`to_bucket` text NOT NULL,
	`dpd` integer NOT NULL,
	`on_date` text NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bucket_events_loan_idx` ON `bucket_events` (`loan_id`,`on_date`);--> statement-breakpoint
CREATE TABLE `case_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`agent_id` text,
	`assigned_by` text NOT NULL,
	`assigned_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_assignments_case_idx` ON `case_assignments` (`case_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`episode_started_on` text NOT NULL,
	`account_number` text NOT NULL,
	`borrower_name` text NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`active` integer GENERATED ALWAYS AS (status in ('open', 'in_progress', 'on_hold', 'legal')) VIRTUAL,
	`close_reason` text,
	`default_type` text NOT NULL,
	`severity` text,
	`stage` text,
	`bucket` text NOT NULL,
	`dpd` integer NOT NULL,
	`amount_past_due_minor` integer NOT NULL,
	`balance_minor` integer NOT NULL,
	`priority` text NOT NULL,
	`priority_score` real NOT NULL,
	`priority_manual` integer DEFAULT false NOT NULL,
	`reason_code` text NOT NULL,
	`dispute_flag` integer DEFAULT false NOT NULL,
	`vulnerability_flag` integer DEFAULT false NOT NULL,
	`hardship_flag` integer DEFAULT false NOT NULL,
	`assigned_agent_id` text,
	`queue_id` text,
	`nba_action` text,
	`nba_confidence` real,
	`nba_override_action` text,
	`nba_override_reason` text,
	`nba_override_by` text,
	`first_contact_due_at` text,
	`next_follow_up_due_at` text,
	`sla_breached` integer DEFAULT false NOT NULL,
	`opened_on` text NOT NULL,
	`closed_on` text,
	`created_by` text NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_agent_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`nba_override_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cases_loan_idx` ON `cases` (`loan_id`);--> statement-breakpoint
CREATE INDEX `cases_active_filters_idx` ON `cases` (`active`,`stage`,`severity`,`bucket`,`priority`,`dpd`,`balance_minor`,`queue_id`,`assigned_agent_id`,`dispute_flag`,`vulnerability_flag`,`hardship_flag`,`loan_id`);--> statement-breakpoint
CREATE INDEX `cases_active_score_idx` ON `cases` (`active`,`priority_score`);--> statement-breakpoint
CREATE INDEX `cases_active_dpd_idx` ON `cases` (`active`,`dpd`);--> statement-breakpoint
CREATE INDEX `cases_active_balance_idx` ON `cases` (`active`,`balance_minor`);--> statement-breakpoint
CREATE INDEX `cases_active_opened_idx` ON `cases` (`active`,`opened_on`);--> statement-breakpoint
CREATE INDEX `cases_active_name_idx` ON `cases` (`active`,`borrower_name`);--> statement-breakpoint
CREATE INDEX `cases_status_score_idx` ON `cases` (`status`,`priority_score`);--> statement-breakpoint
CREATE INDEX `cases_agent_active_score_idx` ON `cases` (`assigned_agent_id`,`active`,`priority_score`);--> statement-breakpoint
CREATE INDEX `cases_queue_active_score_idx` ON `cases` (`queue_id`,`active`,`priority_score`);--> statement-breakpoint
CREATE TABLE `early_warning_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`details` text NOT NULL,
	`raised_on` text NOT NULL,
	`cleared_on` text,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `flags_loan_idx` ON `early_warning_flags` (`loan_id`);--> statement-breakpoint
CREATE TABLE `promises` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text,
	`loan_id` text NOT NULL,
	`created_on` text NOT NULL,
	`due_on` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`grace_days` integer DEFAULT 3 NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`settlement_offer_id` text,
	`created_by` text,
	`status_changed_on` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `promises_case_idx` ON `promises` (`case_id`);--> statement-breakpoint
CREATE INDEX `promises_loan_due_idx` ON `promises` (`loan_id`,`due_on`);--> statement-breakpoint
CREATE TABLE `settlement_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`balance_minor` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`discount_pct` integer NOT NULL,
	`installments` integer NOT NULL,
	`requires_approval` integer NOT NULL,
	`history` text NOT NULL,
	`expires_on` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `settlement_offers_case_idx` ON `settlement_offers` (`case_id`);--> statement-breakpoint
CREATE INDEX `settlement_offers_status_idx` ON `settlement_offers` (`status`);--> statement-breakpoint
CREATE TABLE `strategies` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`strategy_type` text NOT NULL,
	`priority_level` integer NOT NULL,
	`contact_frequency` text NOT NULL,
	`next_contact_on` text,
	`assigned_to` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text,
	`loan_id` text NOT NULL,
	`assigned_to` text,
	`due_on` text NOT NULL,
	`title` text NOT NULL,
	`source` text NOT NULL,
	`done_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_assignee_due_idx` ON `tasks` (`assigned_to`,`due_on`);--> statement-breakpoint
CREATE TABLE `agency_placements` (
	`id` text PRIMARY KEY NOT NULL,
	`agency_id` text NOT NULL,
	`case_id` text NOT NULL,
	`placed_on` text NOT NULL,
	`placed_balance_minor` integer NOT NULL,
	`recalled_on` text,
	`recall_reason` text,
	FOREIGN KEY (`agency_id`) REFERENCES `collection_agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agency_placements_case_idx` ON `agency_placements` (`case_id`);--> statement-breakpoint
CREATE TABLE `collection_agencies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`commission_type` text NOT NULL,
	`commission_rate` integer NOT NULL,
	`phone_e164` text,
	`email` text,
	`address` text,
	`is_active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `compliance_rules` (
	`jurisdiction` text PRIMARY KEY NOT NULL,
	`preset` text NOT NULL,
	`hours_start` text NOT NULL,
	`hours_end` text NOT NULL,
	`daily_cap` integer,
	`weekly_cap` integer,
	`cooling_off_minutes` integer,
	`counted_channels` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dunning_events` (
	`id` text PRIMARY KEY NOT NULL,
	`loan_id` text NOT NULL,
	`case_id` text,
	`step_id` text NOT NULL,
	`kind` text NOT NULL,
	`installment_seq` integer,
	`planned_on` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dunning_events_loan_idx` ON `dunning_events` (`loan_id`);--> statement-breakpoint
CREATE TABLE `dunning_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dunning_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`schedule_id` text NOT NULL,
	`dpd_trigger` integer NOT NULL,
	`channel` text NOT NULL,
	`template_name` text NOT NULL,
	`suppress_during` text NOT NULL,
	`escalate` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`schedule_id`) REFERENCES `dunning_schedules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dunning_steps_schedule_idx` ON `dunning_steps` (`schedule_id`,`dpd_trigger`);--> statement-breakpoint
CREATE TABLE `pre_delinquency_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`days_before` integer NOT NULL,
	`action` text NOT NULL,
	`channel` text,
	`template_name` text,
	`is_active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `queue_members` (
	`queue_id` text NOT NULL,
	`user_id` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `queue_members_queue_idx` ON `queue_members` (`queue_id`,`position`);--> statement-breakpoint
CREATE TABLE `queue_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`queue_id` text NOT NULL,
	`dpd_min` integer,
	`dpd_max` integer,
	`balance_min_minor` integer,
	`balance_max_minor` integer,
	`product_code` text,
	`risk_grade` text,
	FOREIGN KEY (`queue_id`) REFERENCES `queues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `queue_rules_queue_idx` ON `queue_rules` (`queue_id`);--> statement-breakpoint
CREATE TABLE `queues` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`priority` integer NOT NULL,
	`default_collector_id` text,
	`is_active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`default_collector_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sla_configs` (
	`stage` text PRIMARY KEY NOT NULL,
	`first_contact_hours` integer NOT NULL,
	`follow_up_hours` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contact_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`loan_id` text NOT NULL,
	`channel` text NOT NULL,
	`direction` text NOT NULL,
	`outcome` text NOT NULL,
	`at` text NOT NULL,
	`source` text NOT NULL,
	`blocked` integer DEFAULT false NOT NULL,
	`blocked_reasons` text,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`loan_id`) REFERENCES `loans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_attempts_borrower_at_idx` ON `contact_attempts` (`borrower_id`,`at`);--> statement-breakpoint
CREATE INDEX `contact_attempts_loan_at_idx` ON `contact_attempts` (`loan_id`,`at`);--> statement-breakpoint
CREATE TABLE `contact_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`case_id` text NOT NULL,
	`granted_by` text NOT NULL,
	`reason` text NOT NULL,
	`granted_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_overrides_borrower_idx` ON `contact_overrides` (`borrower_id`,`expires_at`);--> statement-breakpoint
CREATE TABLE `letters` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`template_name` text NOT NULL,
	`language` text NOT NULL,
	`html` text NOT NULL,
	`pdf_base64` text,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `letters_case_idx` ON `letters` (`case_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`borrower_id` text NOT NULL,
	`case_id` text,
	`recovery_action_id` text,
	`channel` text NOT NULL,
	`direction` text NOT NULL,
	`from_address` text NOT NULL,
	`to_address` text NOT NULL,
	`body` text NOT NULL,
	`twilio_sid` text,
	`status` text NOT NULL,
	`error_code` text,
	`at` text NOT NULL,
	FOREIGN KEY (`borrower_id`) REFERENCES `borrowers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recovery_action_id`) REFERENCES `recovery_actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `messages_borrower_at_idx` ON `messages` (`borrower_id`,`at`);--> statement-breakpoint
CREATE INDEX `messages_sid_idx` ON `messages` (`twilio_sid`);--> statement-breakpoint
CREATE TABLE `recovery_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`type` text NOT NULL,
	`channel` text NOT NULL,
	`recipient_phone` text,
	`recipient_email` text,
	`template_name` text,
	`content` text,
	`twilio_message_sid` text,
	`twilio_call_sid` text,
	`status` text NOT NULL,
	`scheduled_at` text,
	`sent_at` text,
	`delivered_at` text,
	`error_code` text,
	`error_message` text,
	`triggered_by` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recovery_actions_case_idx` ON `recovery_actions` (`case_id`);--> statement-breakpoint
CREATE INDEX `recovery_actions_message_sid_idx` ON `recovery_actions` (`twilio_message_sid`);--> statement-breakpoint
CREATE INDEX `recovery_actions_call_sid_idx` ON `recovery_actions` (`twilio_call_sid`);--> statement-breakpoint
CREATE TABLE `app_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`at` text NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_id_unique` ON `audit_events` (`id`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `dashboard_snapshots` (
	`snapshot_on` text PRIMARY KEY NOT NULL,
	`open_cases` integer NOT NULL,
	`accounts_in_arrears` integer NOT NULL,
	`amount_in_arrears_minor` integer NOT NULL,
	`breakdown` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`seq` integer NOT NULL,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`actor_id` text NOT NULL,
	`created_at` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`rejection` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_client_seq_idx` ON `outbox` (`client_id`,`seq`);--> statement-breakpoint
CREATE INDEX `outbox_state_idx` ON `outbox` (`state`,`seq`);