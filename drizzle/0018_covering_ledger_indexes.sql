-- The balances of a page of clients (the quick search's page of 50) read each client's
-- enrollments, instalments and payments. With indexes of the key columns only, each
-- row found was a second read from its table, and on an encrypted database every page
-- read for the first time is a decrypt: about 3 of the 4-5 pages per client. These
-- indexes carry the columns those reads take (services/balances.ts, the list's
-- enrollment counts), so a client's ledger is read from the indexes alone. Each keeps
-- its name and its leading columns, so every other query using it is served as before.
DROP INDEX `enrollments_client_idx`;--> statement-breakpoint
CREATE INDEX `enrollments_client_idx` ON `enrollments` (`client_id`,`deleted_at`,`status`,`agreed_price_minor`,`discount_minor`,`transferred_to_id`,`id`);--> statement-breakpoint
DROP INDEX `instalments_enrollment_idx`;--> statement-breakpoint
CREATE INDEX `instalments_enrollment_idx` ON `instalments` (`enrollment_id`,`due_on`,`deleted_at`,`amount_minor`,`id`);--> statement-breakpoint
DROP INDEX `payments_client_idx`;--> statement-breakpoint
CREATE INDEX `payments_client_idx` ON `payments` (`client_id`,`paid_on`,`deleted_at`,`voided_at`,`amount_minor`,`enrollment_id`,`id`);