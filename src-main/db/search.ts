/**
 * Client search over the FTS5 index created by migration 0001 (prefix indexes of 2 to
 * 6 characters since 0014, for digit prefixes of phones). Queries are turned
 * into prefix matches of every word ("kov an" finds "Kovács Anna"); a phone-like
 * query is matched on digits. The index follows the clients table through
 * triggers (or, for a writer of many new clients, in one statement after them:
 * `deferringClientSearch`); `rebuildClientSearch` re-creates it after VACUUM (which
 * may renumber rowids) and is what `doctor` uses to repair it.
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

/**
 * Runs `write` (in a transaction of its own, or nested in the caller's) with the search
 * entries of the clients it inserts made in one statement after it, instead of by the
 * insert trigger one row at a time (migration 0017 says why and how). The marker and the
 * noted rowids never outlive the transaction: whether `write` returns or throws, the
 * table is empty again when it ends. Updates and deletes inside keep their triggers, so
 * a client inserted and then changed or deleted here is indexed as it is at the end.
 */
export function deferringClientSearch<T>(sqlite: Database.Database, write: () => T): T {
  return sqlite.transaction(() => {
    const pending = sqlite.prepare('SELECT 1 FROM client_search_pending WHERE client_rowid = 0').get() !== undefined;
    if (pending) return write();
    sqlite.prepare('INSERT INTO client_search_pending (client_rowid) VALUES (0)').run();
    const result = write();
    sqlite
      .prepare(
        `INSERT INTO clients_fts (rowid, names, email, phone)
         SELECT c.rowid,
                trim(coalesce(c.display_name, '') || ' ' || coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')),
                coalesce(c.email, ''),
                coalesce(replace(c.phone, '+', ''), '')
           FROM client_search_pending p JOIN clients c ON c.rowid = p.client_rowid
          WHERE p.client_rowid > 0 AND c.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM clients_fts f WHERE f.rowid = c.rowid)`,
      )
      .run();
    sqlite.prepare('DELETE FROM client_search_pending').run();
    return result;
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

/** Every client in display-name order: `order[i]` is the rowid at place i, `rank[rowid]` its place (-1 for none). */
export interface ClientNameOrder {
  order: Int32Array;
  rank: Int32Array;
}

interface NameOrderCache {
  key: string;
  value: ClientNameOrder | null;
  readKey: () => string;
  readOrder: () => number[];
}

// Its own statements rather than db/statements.ts, which depends on the connection module that depends on this one.
const nameOrders = new WeakMap<Database.Database, NameOrderCache>();

function nameOrderCache(sqlite: Database.Database): NameOrderCache {
  let cache = nameOrders.get(sqlite);
  if (!cache) {
    const version = sqlite.prepare('PRAGMA data_version').pluck();
    const changes = sqlite.prepare('SELECT total_changes()').pluck();
    const inOrder = sqlite.prepare('SELECT rowid FROM clients INDEXED BY clients_display_name_idx ORDER BY display_name, rowid').pluck();
    cache = {
      key: '',
      value: null,
      readKey: () => `${String(version.get())}:${String(changes.get())}`,
      readOrder: () => inOrder.all() as number[],
    };
    nameOrders.set(sqlite, cache);
  }
  return cache;
}

/**
 * The place of every client (deleted ones too) in the list's default order —
 * display name, then rowid, the order of clients_display_name_idx — read from that
 * index alone and kept per connection until anything is written. A search then
 * sorts its matches by place in memory instead of reading every match's row from
 * the clients table to learn its name: for a common prefix that was a thousand
 * and more page reads, which on a freshly opened workspace cost 15-25 ms.
 *
 * The cache is valid while nothing was written: `total_changes()` counts this
 * connection's writes (a rolled-back one too, which only rebuilds needlessly) and
 * `data_version` changes when another connection commits. It is built by reads
 * only (the client list), never inside a write that could still roll back. VACUUM
 * may renumber rowids without either counter moving, but every VACUUM is followed
 * by `rebuildClientSearch`, which writes. Reading the index takes about 8 ms at
 * 100,000 clients, once after each write.
 */
export function clientNameOrder(sqlite: Database.Database): ClientNameOrder {
  const cache = nameOrderCache(sqlite);
  const key = cache.readKey();
  if (cache.value && cache.key === key) return cache.value;
  const rowids = cache.readOrder();
  const order = Int32Array.from(rowids);
  let highest = 0;
  for (const rowid of rowids) if (rowid > highest) highest = rowid;
  const rank = new Int32Array(highest + 1).fill(-1);
  for (let place = 0; place < order.length; place++) rank[order[place] as number] = place;
  cache.key = key;
  cache.value = { order, rank };
  return cache.value;
}
