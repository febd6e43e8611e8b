/**
 * Erasure that reaches every replica. A purge (purge.ts) hard-deletes a record
 * on the machine where the owner asked for it; this file is what makes that
 * true everywhere and for good:
 *
 *  - the owner's purge logs one erase entry per erased row (table `erasures` in
 *    the change log, column `table_name`, the erased row's id), which travels in
 *    the owner's signed change files like any entry and is judged by the same
 *    policy (only a role that may purge may erase);
 *  - every replica applies an erase entry as a hard delete of the row, the rows
 *    that hang off it (found from the schema's foreign keys), their change-log
 *    history and, through the clients table's triggers, their search entries;
 *  - every erased id goes into the tombstone list (`erasures` table), and any
 *    entry about a tombstoned row that arrives later — an edit made offline, a
 *    late or re-delivered file — is dropped; a row whose required link points at
 *    an erased record is erased with it, and an optional link to one becomes
 *    null (in the row and in every logged entry), so replicas converge whatever
 *    order the entries arrive in, and no history keeps pointing at the record;
 *  - the tombstone list is also kept beside the database file, outside every
 *    backup's reach, and re-applied when the database is opened and on every
 *    sync round: restoring a backup taken before an erasure erases again.
 *
 * Erasure ignores HLC order on purpose: a later edit must never resurrect data
 * someone asked to have erased.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { formatHlc, parseHlc, tickHlc, type Hlc } from '../../src-shared/hlc';
import { appendOnlyTables, syncedTables, type SyncedTableName } from '../db/schema';
import { appendLog, encodeJsonValues, keyOf, materialise, sourceOf } from './log-codec';

/** The change log's name for erase entries: table `erasures`, column `table_name`, value the erased row's table. */
export const ERASE_TABLE = 'erasures';
export const ERASE_COLUMN = 'table_name';

export function isSyncedTable(table: string): table is SyncedTableName {
  return Object.prototype.hasOwnProperty.call(syncedTables, table);
}

/** A foreign key of a synced table pointing at another synced table. */
interface Reference {
  table: SyncedTableName;
  column: string;
  target: SyncedTableName;
  /** The referring row is about the target and goes with it; otherwise the link is cleared. */
  owned: boolean;
}

/** Tables whose rows, even when their link is optional, are about the linked record and go with it. */
const ownedWhenLinked: ReadonlySet<SyncedTableName> = new Set(['tasks', 'activities', 'attendance', 'payment_allocations']);

const referenceCache = new WeakMap<Database.Database, Reference[]>();

/** Every foreign key between synced tables, read from the schema (a table added later is covered). */
export function references(sqlite: Database.Database): Reference[] {
  let list = referenceCache.get(sqlite);
  if (list) return list;
  list = [];
  for (const table of Object.keys(syncedTables) as SyncedTableName[]) {
    const notNull = new Map(
      (sqlite.pragma(`table_info("${table}")`) as { name: string; notnull: number }[]).map((c) => [c.name, c.notnull === 1]),
    );
    for (const fk of sqlite.pragma(`foreign_key_list("${table}")`) as { table: string; from: string }[]) {
      if (!isSyncedTable(fk.table)) continue;
      const owned = (notNull.get(fk.from) ?? false) || ownedWhenLinked.has(table) || appendOnlyTables.has(table);
      list.push({ table, column: fk.from, target: fk.table, owned });
    }
  }
  referenceCache.set(sqlite, list);
  return list;
}

export interface Unlink {
  table: SyncedTableName;
  id: string;
  column: string;
  deleted: boolean;
}

/** The rows erasing `table`/`id` takes with it, and the rows that only lose a link to one of them. */
export function collectDoomed(
  sqlite: Database.Database,
  table: SyncedTableName,
  id: string,
): { doomed: Map<SyncedTableName, Set<string>>; unlink: Unlink[] } {
  const refs = references(sqlite);
  const doomed = new Map<SyncedTableName, Set<string>>();
  const unlink: Unlink[] = [];
  const queue: [SyncedTableName, string][] = [[table, id]];
  while (queue.length > 0) {
    const [t, rowId] = queue.shift() as [SyncedTableName, string];
    const set = doomed.get(t) ?? new Set<string>();
    if (set.has(rowId)) continue;
    set.add(rowId);
    doomed.set(t, set);
    for (const ref of refs.filter((r) => r.target === t)) {
      const children = sqlite.prepare(`SELECT id, deleted_at AS deletedAt FROM "${ref.table}" WHERE "${ref.column}" = ?`).all(rowId) as {
        id: string;
        deletedAt: string | null;
      }[];
      for (const child of children) {
        if (ref.owned) queue.push([ref.table, child.id]);
        else unlink.push({ table: ref.table, id: child.id, column: ref.column, deleted: child.deletedAt !== null });
      }
    }
  }
  return { doomed, unlink: unlink.filter((u) => !doomed.get(u.table)?.has(u.id)) };
}

/** Where an erase came from: the erase entry's stamp when one was logged, else only when. */
export interface ErasureStamp {
  erasedAt: string;
  hlc: string | null;
  tx: string | null;
  deviceId: string | null;
  userId: string | null;
}

export interface ErasedRows {
  erased: Record<string, number>;
  changesErased: number;
  /** `changes.seq` of this device's own entries that were erased: the change files that held them are rewritten. */
  ownSeqs: number[];
}

/**
 * Hard-deletes the doomed rows (children first), their change-log entries and
 * reminder states, clears every logged reference to them, and tombstones them.
 * Runs inside the caller's transaction; the caller has dealt with the unlinks.
 */
export function eraseDoomed(
  sqlite: Database.Database,
  localDeviceId: string,
  doomed: Map<SyncedTableName, Set<string>>,
  stampOf: (table: SyncedTableName, id: string) => ErasureStamp,
): ErasedRows {
  const result: ErasedRows = { erased: {}, changesErased: 0, ownSeqs: [] };
  // Counted in entries (columns written), as the log is read; deleted as rows (writes).
  const history = sqlite.prepare(
    `SELECT c.seq, s.device_id AS deviceId, (SELECT count(*) FROM json_each(c."values")) AS entries
       FROM change_log c JOIN change_sources s ON s.id = c.source WHERE c.table_name = ? AND c.row_id = ?`,
  );
  const deleteChanges = sqlite.prepare('DELETE FROM change_log WHERE table_name = ? AND row_id = ?');
  const forget = (t: string, rowId: string) => {
    for (const write of history.all(t, rowId) as { seq: number; deviceId: string; entries: number }[]) {
      if (write.deviceId === localDeviceId) result.ownSeqs.push(write.seq);
      result.changesErased += write.entries;
    }
    deleteChanges.run(t, rowId);
  };
  sqlite.pragma('defer_foreign_keys = ON');
  for (const t of [...doomed.keys()].reverse()) {
    const del = sqlite.prepare(`DELETE FROM "${t}" WHERE id = ?`);
    for (const rowId of doomed.get(t) ?? []) {
      // Its entries are counted (and erased) as they were logged, stored by reference or not.
      materialise(sqlite, t, rowId);
      result.erased[t] = (result.erased[t] ?? 0) + del.run(rowId).changes;
      forget(t, rowId);
      tombstone(sqlite, t, rowId, stampOf(t, rowId));
    }
  }
  const allIds = [...doomed.values()].flatMap((s) => [...s]);
  const states = sqlite.prepare('SELECT id FROM reminder_states WHERE subject_id = ?');
  const delState = sqlite.prepare('DELETE FROM reminder_states WHERE id = ?');
  for (const subject of allIds) {
    for (const { id: stateId } of states.all(subject) as { id: string }[]) {
      materialise(sqlite, 'reminder_states', stateId);
      result.erased['reminder_states'] = (result.erased['reminder_states'] ?? 0) + delState.run(stateId).changes;
      forget('reminder_states', stateId);
    }
  }
  clearLoggedReferences(sqlite, allIds);
  noteErasure(sqlite, result.ownSeqs);
  // Only for the erasure: left on, a merge's later insert whose parent has not
  // arrived would no longer fail at once (to be parked) but only at COMMIT,
  // failing the whole sync round.
  sqlite.pragma('defer_foreign_keys = OFF');
  return result;
}

/**
 * This device's own entries that an erasure removed, by `changes.seq`: the next
 * sync round rewrites the change files that held them and (on the owner's
 * device) supersedes the snapshots (sync/engine.ts), so the folder keeps nothing
 * of an erased record. The key's presence says a round has that work to do.
 */
export const ERASED_SEQS_KEY = 'sync.erasedSeqs';
/** Set by every erasure: the freed pages are given back and the search index rebuilt after the transaction. */
export const COMPACT_DUE_KEY = 'erasure.compactDue';

function noteErasure(sqlite: Database.Database, seqs: readonly number[]): void {
  const read = sqlite.prepare('SELECT value FROM local_state WHERE key = ?').pluck();
  const write = sqlite.prepare('INSERT INTO local_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const text = read.get(ERASED_SEQS_KEY) as string | undefined;
  const all = [...new Set([...(text ? (JSON.parse(text) as number[]) : []), ...seqs])].sort((a, b) => a - b);
  write.run(ERASED_SEQS_KEY, JSON.stringify(all));
  write.run(COMPACT_DUE_KEY, '1');
}

/** No logged value of a link column (nor what it replaced) keeps pointing at an erased id. */
function clearLoggedReferences(sqlite: Database.Database, ids: readonly string[]): void {
  // One pass per link column over that table's writes (the log is large; the erased ids are few).
  // The column's JSON value is compared as text, as it was logged: '"<id>"'; it is stored under its key.
  const values = JSON.stringify(ids.map((id) => JSON.stringify(id)));
  for (const ref of references(sqlite)) {
    const path = `$."${keyOf(sqlite, ref.table, ref.column)}"`;
    sqlite
      .prepare(
        `UPDATE change_log
            SET "values" = CASE WHEN "values" -> @path IN (SELECT value FROM json_each(@ids))
                                THEN json_set("values", @path, NULL) ELSE "values" END,
                previous = CASE WHEN previous -> @path IN (SELECT value FROM json_each(@ids))
                                THEN json_set(previous, @path, NULL) ELSE previous END
          WHERE table_name = @table
            AND ("values" -> @path IN (SELECT value FROM json_each(@ids)) OR previous -> @path IN (SELECT value FROM json_each(@ids)))`,
      )
      .run({ ids: values, table: ref.table, path });
  }
}

function tombstone(sqlite: Database.Database, table: string, rowId: string, stamp: ErasureStamp): void {
  sqlite
    .prepare(
      `INSERT INTO erasures (row_id, table_name, erased_at, hlc, tx, device_id, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(row_id) DO UPDATE SET hlc = coalesce(erasures.hlc, excluded.hlc), tx = coalesce(erasures.tx, excluded.tx),
         device_id = coalesce(erasures.device_id, excluded.device_id), user_id = coalesce(erasures.user_id, excluded.user_id)`,
    )
    .run(rowId, table, stamp.erasedAt, stamp.hlc, stamp.tx, stamp.deviceId, stamp.userId);
}

/** Tombstones a joining device takes from the owner's snapshot: rows erased there only as dependents. */
export function adoptTombstones(sqlite: Database.Database, rows: readonly { rowId: string; table: string; erasedAt: string }[]): void {
  const none = { hlc: null, tx: null, deviceId: null, userId: null };
  for (const row of rows) if (isSyncedTable(row.table)) tombstone(sqlite, row.table, row.rowId, { erasedAt: row.erasedAt, ...none });
}

export function isErased(sqlite: Database.Database, rowId: string): boolean {
  return sqlite.prepare('SELECT 1 FROM erasures WHERE row_id = ?').get(rowId) !== undefined;
}

/**
 * Erases a row on this replica for an erase that came from elsewhere (an erase
 * entry, the tombstone list beside the file, a required link to an erased row).
 * Optional links to the erased rows are cleared in place: the same erase reaches
 * every replica, each clears the same links, and no new entry is written (it
 * would be this device's, and the others may not accept its role writing them).
 */
export function eraseHere(
  sqlite: Database.Database,
  localDeviceId: string,
  table: SyncedTableName,
  id: string,
  stamp: ErasureStamp,
): ErasedRows {
  const { doomed, unlink } = collectDoomed(sqlite, table, id);
  for (const u of unlink) {
    // The entries that logged the link keep it until the erasure clears it from them too.
    materialise(sqlite, u.table, u.id);
    sqlite.prepare(`UPDATE "${u.table}" SET "${u.column}" = NULL WHERE id = ?`).run(u.id);
  }
  const dependent: ErasureStamp = { erasedAt: stamp.erasedAt, hlc: null, tx: null, deviceId: null, userId: null };
  return eraseDoomed(sqlite, localDeviceId, doomed, (t, rowId) => (t === table && rowId === id ? stamp : dependent));
}

/** The erase entries of a purge: one per erased row, stamped after everything the purge wrote, in the purge's action. */
export function logErasures(
  sqlite: Database.Database,
  who: { deviceId: string; userId: string | null; tx: string; nowMillis: number },
  rows: readonly { table: SyncedTableName; id: string }[],
): string {
  const lastText = sqlite.prepare("SELECT value FROM local_state WHERE key = 'hlc'").pluck().get() as string | undefined;
  const last: Hlc = tickHlc(lastText ? parseHlc(lastText) : null, who.nowMillis, who.deviceId);
  const hlc = formatHlc(last);
  const source = sourceOf(sqlite, who.tx, who.deviceId, who.userId);
  for (const row of rows) logErase(sqlite, hlc, source, row.id, row.table);
  sqlite.prepare("INSERT INTO local_state (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(hlc);
  return hlc;
}

/** Logs one erase entry: its one column names the erased row's table. */
function logErase(sqlite: Database.Database, hlc: string, source: number, rowId: string, table: string): void {
  const stamp = parseHlc(hlc);
  const values = encodeJsonValues(sqlite, ERASE_TABLE, stamp.millis, [[ERASE_COLUMN, JSON.stringify(table)]]);
  appendLog(sqlite, { hlc: stamp, source, table: ERASE_TABLE, rowId, values, previous: null });
}

/** Milliseconds of an HLC as an ISO time (erase entries carry no other time). */
export function hlcTime(hlc: string): string {
  return new Date(parseHlc(hlc).millis).toISOString();
}

// ---------------------------------------------------------------------------
// The tombstone list beside the database file.

interface LedgerRow {
  rowId: string;
  tableName: string;
  erasedAt: string;
  hlc: string | null;
  tx: string | null;
  deviceId: string | null;
  userId: string | null;
}

/** `<database>.erasures`: ids and stamps only, no school data; 0600 like the database. */
export function ledgerPath(databaseFile: string): string | null {
  return databaseFile === '' || databaseFile === ':memory:' ? null : `${databaseFile}.erasures`;
}

function readLedger(path: string): LedgerRow[] {
  if (!existsSync(path)) return [];
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { erasures?: LedgerRow[] };
    return Array.isArray(parsed.erasures) ? parsed.erasures.filter((r) => typeof r.rowId === 'string' && isSyncedTable(r.tableName)) : [];
  } catch {
    return [];
  }
}

function tombstones(sqlite: Database.Database): LedgerRow[] {
  return sqlite
    .prepare(
      'SELECT row_id AS rowId, table_name AS tableName, erased_at AS erasedAt, hlc, tx, device_id AS deviceId, user_id AS userId FROM erasures ORDER BY row_id',
    )
    .all() as LedgerRow[];
}

/** Writes the tombstone list beside the database when it grew (after the transaction that erased committed). */
export function saveErasureLedger(db: { sqlite: Database.Database; file: string }): void {
  const path = ledgerPath(db.file);
  if (!path) return;
  const known = new Map(readLedger(path).map((r) => [r.rowId, r]));
  const rows = tombstones(db.sqlite);
  let grew = false;
  for (const row of rows) {
    if (known.has(row.rowId)) continue;
    known.set(row.rowId, row);
    grew = true;
  }
  if (!grew) return;
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify({ format: 1, erasures: [...known.values()] }), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/**
 * Erases again whatever the tombstone list beside the file names and this
 * database still holds (a restored backup from before the erasure), puts back
 * the erase entries the log lost with it, and returns how many rows were erased.
 */
export function reapplyErasures(db: { sqlite: Database.Database; file: string; deviceId: string }): number {
  const path = ledgerPath(db.file);
  const ledger = path ? readLedger(path) : [];
  let erased = 0;
  if (ledger.length > 0) {
    db.sqlite.transaction(() => {
      const logged = db.sqlite.prepare('SELECT 1 FROM changes WHERE table_name = ? AND row_id = ? AND "column" = ? AND hlc = ?');
      for (const row of ledger) {
        const table = row.tableName as SyncedTableName;
        const present = db.sqlite.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`).get(row.rowId) !== undefined;
        if (present || !isErased(db.sqlite, row.rowId)) {
          const result = eraseHere(db.sqlite, db.deviceId, table, row.rowId, row);
          erased += Object.values(result.erased).reduce((a, b) => a + b, 0);
        }
        if (row.hlc && row.tx && row.deviceId && !logged.get(ERASE_TABLE, row.rowId, ERASE_COLUMN, row.hlc))
          logErase(db.sqlite, row.hlc, sourceOf(db.sqlite, row.tx, row.deviceId, row.userId), row.rowId, table);
      }
    })();
  }
  saveErasureLedger(db);
  return erased;
}
