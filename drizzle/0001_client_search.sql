-- Full-text search over clients (names, email, phone), kept in step by triggers so
-- every writer (the funnel, sync, purge) updates it without knowing it exists.
-- The index row shares the client's rowid, so updates touch one index row, not a
-- scan. VACUUM may renumber rowids of tables without an INTEGER PRIMARY KEY, so
-- whoever runs VACUUM rebuilds this index afterwards (db/search.ts).
-- unicode61 with remove_diacritics 2 lets "kovacs" find "Kovács"; the phone is
-- indexed as digits so "3630" finds "+36 30 ...".
CREATE VIRTUAL TABLE `clients_fts` USING fts5(
  `names`,
  `email`,
  `phone`,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `clients_fts_insert` AFTER INSERT ON `clients` WHEN new.`deleted_at` IS NULL BEGIN
  INSERT INTO `clients_fts` (`rowid`, `names`, `email`, `phone`) VALUES (
    new.`rowid`,
    trim(coalesce(new.`display_name`, '') || ' ' || coalesce(new.`first_name`, '') || ' ' || coalesce(new.`last_name`, '')),
    coalesce(new.`email`, ''),
    coalesce(replace(new.`phone`, '+', ''), '')
  );
END;
--> statement-breakpoint
CREATE TRIGGER `clients_fts_update` AFTER UPDATE ON `clients` BEGIN
  DELETE FROM `clients_fts` WHERE `rowid` = old.`rowid`;
  INSERT INTO `clients_fts` (`rowid`, `names`, `email`, `phone`)
  SELECT
    new.`rowid`,
    trim(coalesce(new.`display_name`, '') || ' ' || coalesce(new.`first_name`, '') || ' ' || coalesce(new.`last_name`, '')),
    coalesce(new.`email`, ''),
    coalesce(replace(new.`phone`, '+', ''), '')
  WHERE new.`deleted_at` IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `clients_fts_delete` AFTER DELETE ON `clients` BEGIN
  DELETE FROM `clients_fts` WHERE `rowid` = old.`rowid`;
END;
