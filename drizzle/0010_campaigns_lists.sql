CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text,
	`starts_on` text,
	`ends_on` text,
	`cost_minor` integer DEFAULT 0 NOT NULL,
	`cohort_id` text,
	`notes` text,
	`archived` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `campaigns_starts_idx` ON `campaigns` (`starts_on`);--> statement-breakpoint
CREATE INDEX `campaigns_cohort_idx` ON `campaigns` (`cohort_id`);--> statement-breakpoint
ALTER TABLE `enrollments` ADD `source_channel` text;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `campaign_id` text REFERENCES campaigns(id);--> statement-breakpoint
CREATE INDEX `enrollments_campaign_idx` ON `enrollments` (`campaign_id`);--> statement-breakpoint
ALTER TABLE `settings` ADD `required_client_fields` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `source_channels` text DEFAULT '["website","referral","social","fair","open_day","ad","walk_in","other"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `lost_reasons` text DEFAULT '["price","schedule","distance","no_reply","chose_other","other"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `client_tags` text DEFAULT '[]' NOT NULL;