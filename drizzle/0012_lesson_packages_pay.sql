CREATE TABLE `package_freezes` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`package_id` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`note` text,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `package_freezes_package_idx` ON `package_freezes` (`package_id`);--> statement-breakpoint
CREATE TABLE `packages` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`holder_client_id` text NOT NULL,
	`enrollment_id` text,
	`program_id` text,
	`unit` text NOT NULL,
	`quantity` integer NOT NULL,
	`lesson_value_minor` integer,
	`price_minor` integer NOT NULL,
	`starts_on` text NOT NULL,
	`expires_on` text,
	`payment_id` text,
	`notes` text,
	FOREIGN KEY (`holder_client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrollment_id`) REFERENCES `enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `packages_holder_idx` ON `packages` (`holder_client_id`);--> statement-breakpoint
CREATE INDEX `packages_enrollment_idx` ON `packages` (`enrollment_id`);--> statement-breakpoint
CREATE INDEX `packages_program_idx` ON `packages` (`program_id`);--> statement-breakpoint
CREATE INDEX `packages_payment_idx` ON `packages` (`payment_id`);--> statement-breakpoint
CREATE TABLE `teacher_rates` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`teacher_id` text NOT NULL,
	`program_id` text,
	`basis` text NOT NULL,
	`amount_minor` integer DEFAULT 0 NOT NULL,
	`share_percent` integer DEFAULT 0 NOT NULL,
	`valid_from` text NOT NULL,
	FOREIGN KEY (`teacher_id`) REFERENCES `teachers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `teacher_rates_teacher_idx` ON `teacher_rates` (`teacher_id`,`valid_from`);--> statement-breakpoint
CREATE INDEX `teacher_rates_program_idx` ON `teacher_rates` (`program_id`);--> statement-breakpoint
ALTER TABLE `settings` ADD `package_absent_deducts` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `package_excused_deducts` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `package_low_lessons` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `package_expiry_warn_days` integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `makeup_within_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `makeups_per_term` integer DEFAULT 2 NOT NULL;