DROP INDEX `changes_hlc_idx`;--> statement-breakpoint
DROP INDEX `changes_user_idx`;--> statement-breakpoint
DROP INDEX `changes_row_idx`;--> statement-breakpoint
CREATE INDEX `changes_row_idx` ON `changes` (`table_name`,`row_id`);