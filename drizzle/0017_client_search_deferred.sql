-- A writer of many new clients in one transaction (an import, the demo seed) may index them
-- for search in one statement after its rows instead of one trigger run per row: FTS5 writes
-- its pending entries to disk at every statement that opens a savepoint on it, so a row's
-- trigger made a small index segment per client, and merging them was most of what
-- inserting a client cost (about 4 s of a 100,000-row import).
--
-- `client_search_pending` is empty outside such a transaction. Its row 0 says "deferred";
-- while it is there the insert trigger notes the new client's rowid in the table instead
-- of indexing it, and the writer indexes the noted clients that are still live and not yet
-- indexed (db/search.ts, deferringClientSearch), then empties the table, all before its
-- commit: another connection never sees the table with rows, and a rollback takes them
-- away with the clients. The update and delete triggers of 0001 stay as they are, so a
-- noted client changed in the same transaction is indexed as it is by then.
CREATE TABLE `client_search_pending` (`client_rowid` INTEGER PRIMARY KEY NOT NULL);
--> statement-breakpoint
DROP TRIGGER `clients_fts_insert`;
--> statement-breakpoint
CREATE TRIGGER `clients_fts_insert` AFTER INSERT ON `clients`
WHEN new.`deleted_at` IS NULL AND NOT EXISTS (SELECT 1 FROM `client_search_pending` WHERE `client_rowid` = 0) BEGIN
  INSERT INTO `clients_fts` (`rowid`, `names`, `email`, `phone`) VALUES (
    new.`rowid`,
    trim(coalesce(new.`display_name`, '') || ' ' || coalesce(new.`first_name`, '') || ' ' || coalesce(new.`last_name`, '')),
    coalesce(new.`email`, ''),
    coalesce(replace(new.`phone`, '+', ''), '')
  );
END;
--> statement-breakpoint
CREATE TRIGGER `clients_fts_insert_deferred` AFTER INSERT ON `clients`
WHEN new.`deleted_at` IS NULL AND EXISTS (SELECT 1 FROM `client_search_pending` WHERE `client_rowid` = 0) BEGIN
  INSERT OR IGNORE INTO `client_search_pending` (`client_rowid`) VALUES (new.`rowid`);
END;
