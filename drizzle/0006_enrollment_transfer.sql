ALTER TABLE `enrollments` ADD `transferred_to_id` text REFERENCES enrollments(id);--> statement-breakpoint
CREATE INDEX `enrollments_transferred_to_idx` ON `enrollments` (`transferred_to_id`);