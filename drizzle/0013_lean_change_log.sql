-- A lean change log: one row per row write (`change_log`, `values`/`previous` as JSON
-- objects of column -> JSON value) instead of one row per column written, read per
-- column through the `changes` view so every reader keeps its shape. Existing
-- entries are grouped by (hlc, table, row): the funnel ticks the HLC for every
-- write, so one hlc and row is one write (erase entries carry their own table
-- name). A group keeps its smallest seq, so every sync cursor and file range
-- (`seq > published`) still counts the write exactly once; columns keep the order
-- they were logged in; `previous` holds only the columns that had one (NULL for a
-- new row). A value that is not JSON text (none is written so; a NULL value reads as
-- JSON null) is kept as a JSON string rather than failing the upgrade. The sequence
-- never goes back: change marks compare against it.
CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hlc` text NOT NULL,
	`tx` text NOT NULL,
	`device_id` text NOT NULL,
	`user_id` text,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`values` text NOT NULL,
	`previous` text
);
--> statement-breakpoint
INSERT INTO `change_log` (`seq`, `hlc`, `tx`, `device_id`, `user_id`, `table_name`, `row_id`, `values`, `previous`)
SELECT min(`seq`), `hlc`, `tx`, `device_id`, `user_id`, `table_name`, `row_id`,
  json_group_object(`column`, CASE WHEN json_valid(`value`) THEN json(`value`) ELSE json_quote(`value`) END ORDER BY `seq`),
  CASE WHEN count(`previous`) = 0 THEN NULL
    ELSE json_group_object(`column`, CASE WHEN json_valid(`previous`) THEN json(`previous`) ELSE json_quote(`previous`) END ORDER BY `seq`)
      FILTER (WHERE `previous` IS NOT NULL) END
FROM `changes`
GROUP BY `hlc`, `table_name`, `row_id`
ORDER BY min(`seq`);
--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`)
SELECT 'change_log', `seq` FROM `sqlite_sequence` WHERE `name` = 'changes'
  AND NOT EXISTS (SELECT 1 FROM `sqlite_sequence` WHERE `name` = 'change_log');
--> statement-breakpoint
UPDATE `sqlite_sequence` SET `seq` = max(`seq`, coalesce((SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'changes'), 0))
WHERE `name` = 'change_log';
--> statement-breakpoint
DROP TABLE `changes`;
--> statement-breakpoint
CREATE INDEX `change_log_row_idx` ON `change_log` (`table_name`,`row_id`);
--> statement-breakpoint
CREATE INDEX `change_log_tx_idx` ON `change_log` (`tx`);
--> statement-breakpoint
CREATE VIEW `changes` AS SELECT c.seq, c.hlc, c.tx, c.device_id, c.user_id, c.table_name, c.row_id, j.key AS "column", c."values" -> j.key AS value, c.previous -> j.key AS previous FROM change_log c, json_each(c."values") j;
