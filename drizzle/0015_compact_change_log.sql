-- A compact change log (changes/log-codec.ts): the HLC as two integers, the
-- action, device and user as one `change_sources` row per (action, device, user),
-- column names in `values`/`previous` as short keys of their table
-- (`change_columns`: a, b, c…, then _52…), and a value equal to the write's own
-- time (the HLC's milliseconds as an ISO string) as `[]`. The `changes` view
-- reads back exactly what it read before: the same seq, hlc, tx, device, user,
-- table, row, column, value and previous. Keys are given to every column of every
-- table there is (schema order), then to any other column the log names; the
-- HLC's device is the row's device, as every writer stamps it. The sequence never
-- goes back: change marks compare against it.
DROP VIEW `changes`;
--> statement-breakpoint
DROP INDEX `change_log_row_idx`;
--> statement-breakpoint
DROP INDEX `change_log_tx_idx`;
--> statement-breakpoint
ALTER TABLE `change_log` RENAME TO `change_log_lean`;
--> statement-breakpoint
CREATE TABLE `change_sources` (
	`id` integer PRIMARY KEY NOT NULL,
	`tx` text NOT NULL,
	`device_id` text NOT NULL,
	`user_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_sources_tx_idx` ON `change_sources` (`tx`,`device_id`,`user_id`);
--> statement-breakpoint
CREATE TABLE `change_columns` (
	`table_name` text NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`table_name`, `key`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_columns_name_idx` ON `change_columns` (`table_name`,`name`);
--> statement-breakpoint
CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hlc_ms` integer NOT NULL,
	`hlc_counter` integer NOT NULL,
	`source` integer NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`values` text NOT NULL,
	`previous` text
);
--> statement-breakpoint
INSERT INTO `change_sources` (`tx`, `device_id`, `user_id`)
SELECT `tx`, `device_id`, coalesce(`user_id`, '') FROM `change_log_lean` GROUP BY 1, 2, 3 ORDER BY min(`seq`);
--> statement-breakpoint
INSERT INTO `change_columns` (`table_name`, `key`, `name`)
SELECT `t`, CASE WHEN `n` < 52 THEN substr('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', `n` + 1, 1) ELSE '_' || `n` END, `c`
FROM (
  SELECT `t`, `c`, row_number() OVER (PARTITION BY `t` ORDER BY min(`r`), `c`) - 1 AS `n`
  FROM (
    SELECT m.`name` AS `t`, p.`name` AS `c`, p.`cid` AS `r` FROM `sqlite_master` m, pragma_table_info(m.`name`) p
      WHERE m.`type` = 'table' AND m.`name` NOT LIKE 'sqlite%' AND m.`name` NOT LIKE 'change%' AND m.`name` NOT LIKE '%fts%' AND p.`name` <> 'id'
    UNION ALL
    SELECT l.`table_name`, j.`key`, 1000000 + l.`seq` FROM `change_log_lean` l, json_each(l.`values`) j
    UNION ALL
    SELECT l.`table_name`, j.`key`, 1000000 + l.`seq` FROM `change_log_lean` l, json_each(l.`previous`) j WHERE l.`previous` IS NOT NULL
  )
  GROUP BY `t`, `c`
);
--> statement-breakpoint
INSERT INTO `change_log` (`seq`, `hlc_ms`, `hlc_counter`, `source`, `table_name`, `row_id`, `values`, `previous`)
SELECT l.`seq`, l.`ms`, CAST(substr(l.`hlc`, 17, 5) AS INTEGER), s.`id`, l.`table_name`, l.`row_id`,
  (SELECT json_group_object(k.`key`, CASE WHEN j.`type` = 'text'
        AND j.`atom` = strftime('%Y-%m-%dT%H:%M:%S', l.`ms` / 1000, 'unixepoch') || printf('.%03dZ', l.`ms` % 1000)
      THEN json_array() ELSE json(l.`values` -> j.`fullkey`) END ORDER BY j.`id`)
    FROM json_each(l.`values`) j JOIN `change_columns` k ON k.`table_name` = l.`table_name` AND k.`name` = j.`key`),
  CASE WHEN l.`previous` IS NULL THEN NULL ELSE
    (SELECT json_group_object(k.`key`, json(l.`previous` -> j.`fullkey`) ORDER BY j.`id`)
      FROM json_each(l.`previous`) j JOIN `change_columns` k ON k.`table_name` = l.`table_name` AND k.`name` = j.`key`) END
FROM (SELECT *, CAST(substr(`hlc`, 1, 15) AS INTEGER) AS `ms` FROM `change_log_lean`) l
JOIN `change_sources` s ON s.`tx` = l.`tx` AND s.`device_id` = l.`device_id` AND s.`user_id` = coalesce(l.`user_id`, '')
ORDER BY l.`seq`;
--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`)
SELECT 'change_log', `seq` FROM `sqlite_sequence` WHERE `name` = 'change_log_lean'
  AND NOT EXISTS (SELECT 1 FROM `sqlite_sequence` WHERE `name` = 'change_log');
--> statement-breakpoint
UPDATE `sqlite_sequence` SET `seq` = max(`seq`, coalesce((SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'change_log_lean'), 0))
WHERE `name` = 'change_log';
--> statement-breakpoint
DROP TABLE `change_log_lean`;
--> statement-breakpoint
CREATE INDEX `change_log_row_idx` ON `change_log` (`table_name`,`row_id`);
--> statement-breakpoint
CREATE INDEX `change_log_source_idx` ON `change_log` (`source`);
--> statement-breakpoint
CREATE VIEW `changes` AS SELECT c.seq, printf('%015d-%05d-%s', c.hlc_ms, c.hlc_counter, s.device_id) AS hlc, s.tx, s.device_id, nullif(s.user_id, '') AS user_id, c.table_name, c.row_id, k.name AS "column", CASE WHEN j.type = 'array' THEN json_quote(strftime('%Y-%m-%dT%H:%M:%S', c.hlc_ms / 1000, 'unixepoch') || printf('.%03dZ', c.hlc_ms % 1000)) ELSE c."values" -> j.fullkey END AS value, c.previous -> j.fullkey AS previous FROM change_log c LEFT JOIN change_sources s ON s.id = c.source, json_each(c."values") j LEFT JOIN change_columns k ON k.table_name = c.table_name AND k.key = j.key;
