CREATE TABLE `erasures` (
	`row_id` text PRIMARY KEY NOT NULL,
	`table_name` text NOT NULL,
	`erased_at` text NOT NULL,
	`hlc` text,
	`tx` text,
	`device_id` text,
	`user_id` text
);
