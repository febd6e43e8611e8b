ALTER TABLE `settings` ADD `wizard_outcome` text;--> statement-breakpoint
ALTER TABLE `settings` ADD `checklist_dismissed` integer DEFAULT false NOT NULL;