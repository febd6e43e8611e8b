/**
 * Client search over the FTS5 index created by migration 0001. Queries are turned
 * into prefix matches of every word ("kov an" finds "Kovács Anna"); a phone-like
 * query is matched on digits. The index follows the clients table through
 * triggers; `rebuildClientSearch` re-creates it after VACUUM (which may renumber
 * rowids) and is what `doctor` uses to repair it.
 */
import type Database from 'better-sqlite3';

/** Turns user text into an FTS5 query: each word a quoted prefix term, all required. */
export function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFC')
    .split(/[\s,;]+/u)
    .map((w) => w.replace(/["*^():]/g, '').trim())
    .filter((w) => w.length > 0)
    .map((w) => (/^\+?[\d\s()-]{3,}$/.test(w) ? w.replace(/\D/g, '') : w));
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' AND ');
}

export function rebuildClientSearch(sqlite: Database.Database): void {
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM clients_fts').run();
    sqlite
      .prepare(
        `INSERT INTO clients_fts (rowid, names, email, phone)
         SELECT rowid,
                trim(coalesce(display_name, '') || ' ' || coalesce(first_name, '') || ' ' || coalesce(last_name, '')),
                coalesce(email, ''),
                coalesce(replace(phone, '+', ''), '')
           FROM clients WHERE deleted_at IS NULL`,
      )
      .run();
  })();
}

/** Rows in the index that do not match a live client, or live clients missing from it. */
export function clientSearchDrift(sqlite: Database.Database): number {
  const row = sqlite
    .prepare(
      `SELECT
         (SELECT count(*) FROM clients WHERE deleted_at IS NULL AND rowid NOT IN (SELECT rowid FROM clients_fts)) +
         (SELECT count(*) FROM clients_fts WHERE rowid NOT IN (SELECT rowid FROM clients WHERE deleted_at IS NULL)) AS drift`,
    )
    .get() as { drift: number };
  return row.drift;
}
