CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`client_id` text NOT NULL,
	`enrollment_id` text,
	`kind` text NOT NULL,
	`occurred_at` text NOT NULL,
	`summary` text NOT NULL,
	`user_id` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_client_idx` ON `activities` (`client_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_enrollment_idx` ON `activities` (`enrollment_id`);--> statement-breakpoint
CREATE INDEX `activities_user_idx` ON `activities` (`user_id`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`lesson_id` text NOT NULL,
	`enrollment_id` text NOT NULL,
	`state` text NOT NULL,
	`note` text,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_lesson_idx` ON `attendance` (`lesson_id`);--> statement-breakpoint
CREATE INDEX `attendance_enrollment_idx` ON `attendance` (`enrollment_id`);--> statement-breakpoint
CREATE TABLE `changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hlc` text NOT NULL,
	`tx` text NOT NULL,
	`device_id` text NOT NULL,
	`user_id` text,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`column` text NOT NULL,
	`value` text,
	`previous` text
);
--> statement-breakpoint
CREATE INDEX `changes_row_idx` ON `changes` (`table_name`,`row_id`,`column`,`hlc`);--> statement-breakpoint
CREATE INDEX `changes_hlc_idx` ON `changes` (`hlc`);--> statement-breakpoint
CREATE INDEX `changes_tx_idx` ON `changes` (`tx`);--> statement-breakpoint
CREATE INDEX `changes_user_idx` ON `changes` (`user_id`,`hlc`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`first_name` text,
	`last_name` text,
	`display_name` text NOT NULL,
	`email` text,
	`phone` text,
	`birth_date` text,
	`guardian_id` text,
	`source_channel` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`notes` text,
	`marketing_consent` integer DEFAULT false NOT NULL,
	`extra` text DEFAULT '{}' NOT NULL,
	`import_batch_id` text,
	`archived` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`guardian_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clients_display_name_idx` ON `clients` (`display_name`);--> statement-breakpoint
CREATE INDEX `clients_last_name_idx` ON `clients` (`last_name`,`first_name`);--> statement-breakpoint
CREATE INDEX `clients_email_idx` ON `clients` (`email`);--> statement-breakpoint
CREATE INDEX `clients_phone_idx` ON `clients` (`phone`);--> statement-breakpoint
CREATE INDEX `clients_guardian_idx` ON `clients` (`guardian_id`);--> statement-breakpoint
CREATE INDEX `clients_import_batch_idx` ON `clients` (`import_batch_id`);--> statement-breakpoint
CREATE INDEX `clients_updated_idx` ON `clients` (`updated_at`);--> statement-breakpoint
CREATE TABLE `cohorts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`program_id` text NOT NULL,
	`name` text NOT NULL,
	`teacher_id` text,
	`room_id` text,
	`start_on` text,
	`end_on` text,
	`schedule` text DEFAULT '[]' NOT NULL,
	`capacity` integer,
	`minimum_to_run` integer,
	`price_minor` integer,
	`status` text NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `teachers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cohorts_program_idx` ON `cohorts` (`program_id`);--> statement-breakpoint
CREATE INDEX `cohorts_teacher_idx` ON `cohorts` (`teacher_id`);--> statement-breakpoint
CREATE INDEX `cohorts_room_idx` ON `cohorts` (`room_id`);--> statement-breakpoint
CREATE INDEX `cohorts_start_idx` ON `cohorts` (`start_on`);--> statement-breakpoint
CREATE INDEX `cohorts_status_idx` ON `cohorts` (`status`);--> statement-breakpoint
CREATE TABLE `enrollment_status_history` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`enrollment_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`changed_at` text NOT NULL,
	`changed_by` text,
	`note` text,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enrollment_status_history_enrollment_idx` ON `enrollment_status_history` (`enrollment_id`,`changed_at`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`client_id` text NOT NULL,
	`program_id` text NOT NULL,
	`cohort_id` text,
	`status` text NOT NULL,
	`agreed_price_minor` integer DEFAULT 0 NOT NULL,
	`discount_minor` integer DEFAULT 0 NOT NULL,
	`notify_before_days` integer,
	`follow_up_on` text,
	`reason_lost` text,
	`source` text,
	`notes` text,
	`import_batch_id` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `enrollments_client_idx` ON `enrollments` (`client_id`);--> statement-breakpoint
CREATE INDEX `enrollments_program_idx` ON `enrollments` (`program_id`);--> statement-breakpoint
CREATE INDEX `enrollments_cohort_idx` ON `enrollments` (`cohort_id`);--> statement-breakpoint
CREATE INDEX `enrollments_status_idx` ON `enrollments` (`status`);--> statement-breakpoint
CREATE INDEX `enrollments_follow_up_idx` ON `enrollments` (`follow_up_on`);--> statement-breakpoint
CREATE INDEX `enrollments_import_batch_idx` ON `enrollments` (`import_batch_id`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`mapping` text DEFAULT '{}' NOT NULL,
	`counts` text DEFAULT '{}' NOT NULL,
	`undone_at` text
);
--> statement-breakpoint
CREATE INDEX `import_batches_sha_idx` ON `import_batches` (`sha256`);--> statement-breakpoint
CREATE TABLE `instalments` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`enrollment_id` text NOT NULL,
	`due_on` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `instalments_enrollment_idx` ON `instalments` (`enrollment_id`,`due_on`);--> statement-breakpoint
CREATE INDEX `instalments_due_idx` ON `instalments` (`due_on`);--> statement-breakpoint
CREATE TABLE `lessons` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`cohort_id` text NOT NULL,
	`starts_on` text NOT NULL,
	`start_time` text,
	`minutes` integer,
	`teacher_id` text,
	`room_id` text,
	`cancelled` integer DEFAULT false NOT NULL,
	`note` text,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`teacher_id`) REFERENCES `teachers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lessons_cohort_idx` ON `lessons` (`cohort_id`,`starts_on`);--> statement-breakpoint
CREATE INDEX `lessons_teacher_idx` ON `lessons` (`teacher_id`);--> statement-breakpoint
CREATE INDEX `lessons_room_idx` ON `lessons` (`room_id`);--> statement-breakpoint
CREATE TABLE `local_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_allocations` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`payment_id` text NOT NULL,
	`instalment_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instalment_id`) REFERENCES `instalments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payment_allocations_payment_idx` ON `payment_allocations` (`payment_id`);--> statement-breakpoint
CREATE INDEX `payment_allocations_instalment_idx` ON `payment_allocations` (`instalment_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`client_id` text NOT NULL,
	`enrollment_id` text,
	`paid_on` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`method` text NOT NULL,
	`reference` text,
	`received_by` text,
	`voided_at` text,
	`void_reason` text,
	`import_batch_id` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`received_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_client_idx` ON `payments` (`client_id`,`paid_on`);--> statement-breakpoint
CREATE INDEX `payments_enrollment_idx` ON `payments` (`enrollment_id`);--> statement-breakpoint
CREATE INDEX `payments_paid_on_idx` ON `payments` (`paid_on`);--> statement-breakpoint
CREATE INDEX `payments_received_by_idx` ON `payments` (`received_by`);--> statement-breakpoint
CREATE INDEX `payments_import_batch_idx` ON `payments` (`import_batch_id`);--> statement-breakpoint
CREATE TABLE `programs` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text,
	`default_price_minor` integer,
	`default_capacity` integer,
	`lesson_count` integer,
	`lesson_minutes` integer,
	`color` text,
	`archived` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `programs_name_idx` ON `programs` (`name`);--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`capacity` integer,
	`archived` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rooms_name_idx` ON `rooms` (`name`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`school_name` text NOT NULL,
	`currency` text NOT NULL,
	`locale` text NOT NULL,
	`time_zone` text NOT NULL,
	`week_start` integer DEFAULT 1 NOT NULL,
	`country` text
);
--> statement-breakpoint
CREATE TABLE `teachers` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`user_id` text,
	`archived` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `teachers_name_idx` ON `teachers` (`name`);--> statement-breakpoint
CREATE INDEX `teachers_user_idx` ON `teachers` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `users_username_idx` ON `users` (`username`);