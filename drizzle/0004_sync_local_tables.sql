CREATE TABLE `sync_parked` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hlc` text NOT NULL,
	`tx` text NOT NULL,
	`device_id` text NOT NULL,
	`user_id` text,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`column` text NOT NULL,
	`value` text,
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_parked_row_idx` ON `sync_parked` (`table_name`,`row_id`);--> statement-breakpoint
CREATE TABLE `sync_peers` (
	`device_id` text PRIMARY KEY NOT NULL,
	`applied_seq` integer DEFAULT 0 NOT NULL,
	`last_seen_at` text
);
--> statement-breakpoint
CREATE TABLE `sync_rejections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` text NOT NULL,
	`file_seq` integer,
	`tx` text,
	`reason` text NOT NULL,
	`detail` text,
	`at` text NOT NULL
);
