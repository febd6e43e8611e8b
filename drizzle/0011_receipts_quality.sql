CREATE TABLE `receipts` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`payment_id` text NOT NULL,
	`year` integer NOT NULL,
	`device_code` text NOT NULL,
	`seq` integer NOT NULL,
	`issued_on` text NOT NULL,
	`locale` text NOT NULL,
	`voided_at` text,
	`void_reason` text,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `receipts_number_idx` ON `receipts` (`year`,`device_code`,`seq`);--> statement-breakpoint
CREATE INDEX `receipts_payment_idx` ON `receipts` (`payment_id`);--> statement-breakpoint
ALTER TABLE `clients` ADD `merged_into_id` text REFERENCES clients(id);--> statement-breakpoint
CREATE INDEX `clients_email_lower_idx` ON `clients` (lower("email"));--> statement-breakpoint
CREATE INDEX `clients_merged_into_idx` ON `clients` (`merged_into_id`) WHERE "clients"."merged_into_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `school_address` text;--> statement-breakpoint
ALTER TABLE `settings` ADD `tax_id` text;--> statement-breakpoint
ALTER TABLE `settings` ADD `logo_data_url` text;