CREATE TABLE `closures` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `closures_starts_idx` ON `closures` (`starts_on`,`ends_on`);--> statement-breakpoint
ALTER TABLE `lessons` ADD `slot_on` text;--> statement-breakpoint
ALTER TABLE `lessons` ADD `slot_time` text;--> statement-breakpoint
ALTER TABLE `lessons` ADD `edited` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `lessons_starts_idx` ON `lessons` (`starts_on`);