DROP INDEX `enrollments_transferred_to_idx`;--> statement-breakpoint
CREATE INDEX `enrollments_transferred_to_idx` ON `enrollments` (`transferred_to_id`) WHERE "enrollments"."transferred_to_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `clients_deleted_idx` ON `clients` (`deleted_at`) WHERE "clients"."deleted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `clients_archived_idx` ON `clients` (`archived`) WHERE "clients"."archived" <> 0 AND "clients"."deleted_at" IS NULL;