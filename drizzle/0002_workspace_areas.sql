CREATE TABLE `import_mappings` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`signature` text NOT NULL,
	`headers` text DEFAULT '[]' NOT NULL,
	`mapping` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_mappings_signature_idx` ON `import_mappings` (`signature`);--> statement-breakpoint
CREATE TABLE `message_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`purpose` text NOT NULL,
	`language` text NOT NULL,
	`channel` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `message_templates_purpose_idx` ON `message_templates` (`purpose`,`language`);--> statement-breakpoint
CREATE TABLE `reminder_states` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`snoozed_until` text,
	`dismissed_at` text,
	`user_id` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reminder_states_subject_idx` ON `reminder_states` (`kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `reminder_states_user_idx` ON `reminder_states` (`user_id`);--> statement-breakpoint
CREATE TABLE `saved_views` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`grid` text NOT NULL,
	`name` text NOT NULL,
	`config` text DEFAULT '{}' NOT NULL,
	`user_id` text,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `saved_views_grid_idx` ON `saved_views` (`grid`,`position`);--> statement-breakpoint
CREATE INDEX `saved_views_user_idx` ON `saved_views` (`user_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`title` text NOT NULL,
	`client_id` text,
	`enrollment_id` text,
	`due_on` text,
	`done_at` text,
	`assigned_to` text,
	`notes` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_due_idx` ON `tasks` (`due_on`);--> statement-breakpoint
CREATE INDEX `tasks_client_idx` ON `tasks` (`client_id`);--> statement-breakpoint
CREATE INDEX `tasks_enrollment_idx` ON `tasks` (`enrollment_id`);--> statement-breakpoint
CREATE INDEX `tasks_assigned_idx` ON `tasks` (`assigned_to`);--> statement-breakpoint
ALTER TABLE `cohorts` ADD `import_batch_id` text REFERENCES import_batches(id);--> statement-breakpoint
CREATE INDEX `cohorts_import_batch_idx` ON `cohorts` (`import_batch_id`);--> statement-breakpoint
ALTER TABLE `instalments` ADD `import_batch_id` text REFERENCES import_batches(id);--> statement-breakpoint
CREATE INDEX `instalments_import_batch_idx` ON `instalments` (`import_batch_id`);--> statement-breakpoint
ALTER TABLE `programs` ADD `import_batch_id` text REFERENCES import_batches(id);--> statement-breakpoint
CREATE INDEX `programs_import_batch_idx` ON `programs` (`import_batch_id`);--> statement-breakpoint
ALTER TABLE `settings` ADD `idle_lock_minutes` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `assistant_can_edit_prices` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `reminder_time` text DEFAULT '08:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `due_soon_days` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `start_soon_days` integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `low_balance_minor` integer;