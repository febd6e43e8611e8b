/**
 * How a change-log row is stored compactly. Readers never see this: the
 * `changes` view turns it back into (hlc, tx, device, user, table, row, column,
 * value, previous), so only the writers of `change_log` (the funnel, merge,
 * erasure, credentials) come here.
 *
 * - The HLC is kept as two integers (`hlc_ms`, `hlc_counter`); its device is the
 *   writing device, which the row's source names.
 * - Action, device and user are one `change_sources` row that every write of
 *   that action on that device by that user points at (`source`): one action
 *   (an import, a seed, a merge of a client) writes many rows.
 * - In `values`/`previous`, each column is named by a short key of its table
 *   (`change_columns`: a, b, c…, then _52, _53…), not by its name.
 * - A value equal to the write's own time (the HLC's milliseconds as an ISO
 *   string: `created_at`, `updated_at`, `deleted_at` of a local write) is stored
 *   as `[]`, which no logged value can be (sync refuses objects and arrays).
 *
 * The keys are local to this file (entries travel by column name), assigned in
 * the migration for every column that existed then; a column added later gets
 * the next key of its table the first time it is logged.
 *
 * A write is stored once: an insert whose values are exactly what it put in the
 * live row (nearly every entry of a school's log) is stored by reference,
 * `values` NULL, and the `changes` view reads its columns from that row
 * (`changesViewSql` in db/schema.ts: the non-null ones, in the order the funnel
 * sets them). That holds only while the row still holds them, so:
 *
 * - before anything changes a live row (a funnel update, delete or restore, a
 *   sync merge writing it, an erasure clearing a link or deleting it), its
 *   entries stored by reference are materialised (`materialise`: their values
 *   written out from the row, as the funnel would have written them) in the
 *   same transaction;
 * - a migration that rewrites live data, or adds a column (with or without a
 *   default), materialises every entry of the affected tables first (the
 *   `materialisedValues` expression over `change_log WHERE "values" IS NULL`)
 *   and re-creates the view, whose column lists come from the schema;
 * - only values the row gives back unchanged go by reference: text in a text
 *   column, a whole number in an integer column (`canReference`); a real, a
 *   blob or a converted value is stored as before.
 */
import type Database from 'better-sqlite3';
import type { Hlc } from '../../src-shared/hlc';
import { cachedStatement } from '../db/statements';
import { insertedColumns, liveRowObject, syncedTables, type SyncedTableName } from '../db/schema';
import { getTableColumns } from 'drizzle-orm';

/** The stored stand-in for "the write's own time". */
export const OWN_TIME = '[]';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The key of the n-th column (from 0) of a table; migration 0015 assigns the same. */
export function columnKey(n: number): string {
  return n < ALPHABET.length ? (ALPHABET[n] as string) : `_${n}`;
}

interface Dictionary {
  /** table -> column name -> key, for every key that was committed when read. */
  keys: Map<string, Map<string, string>>;
}

const dictionaries = new WeakMap<Database.Database, Dictionary>();

function dictionaryOf(sqlite: Database.Database): Dictionary {
  let dictionary = dictionaries.get(sqlite);
  if (!dictionary) {
    dictionary = { keys: new Map() };
    const rows = sqlite.prepare('SELECT table_name AS t, key AS k, name AS n FROM change_columns').all() as {
      t: string;
      k: string;
      n: string;
    }[];
    for (const row of rows) {
      let table = dictionary.keys.get(row.t);
      if (!table) dictionary.keys.set(row.t, (table = new Map()));
      table.set(row.n, row.k);
    }
    dictionaries.set(sqlite, dictionary);
  }
  return dictionary;
}

/**
 * The key of `table.column` in this file. A column no key was read for (one
 * added after the dictionary was loaded) is looked up, or given its table's next
 * key, in the caller's transaction, and not remembered: that transaction may
 * still roll back.
 */
export function keyOf(sqlite: Database.Database, table: string, column: string): string {
  const known = dictionaryOf(sqlite).keys.get(table)?.get(column);
  if (known !== undefined) return known;
  const found = cachedStatement(sqlite, 'SELECT key FROM change_columns WHERE table_name = ? AND name = ?', 'pluck').get(table, column) as
    string | undefined;
  if (found !== undefined) return found;
  const count = cachedStatement(sqlite, 'SELECT count(*) FROM change_columns WHERE table_name = ?', 'pluck').get(table) as number;
  const key = columnKey(count);
  cachedStatement(sqlite, 'INSERT INTO change_columns (table_name, key, name) VALUES (?, ?, ?)').run(table, key, column);
  return key;
}

/** The ISO text of an HLC's milliseconds, as `toISOString` writes it (and the view rebuilds it). */
const isoCache = { ms: Number.NaN, iso: '', json: '' };
function ownTime(ms: number): { iso: string; json: string } {
  if (ms !== isoCache.ms) {
    isoCache.ms = ms;
    isoCache.iso = new Date(ms).toISOString();
    isoCache.json = JSON.stringify(isoCache.iso);
  }
  return isoCache;
}

/** `values` of a write from driver values (the funnel): a JSON object, key -> JSON value, in the order set. */
export function encodeValues(sqlite: Database.Database, table: string, hlcMs: number, values: ReadonlyMap<string, unknown>): string {
  const own = ownTime(hlcMs).iso;
  const parts: string[] = [];
  for (const [name, value] of values) {
    const text = value === own ? OWN_TIME : JSON.stringify(value ?? null);
    parts.push(`"${keyOf(sqlite, table, name)}":${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** `values` of a write from JSON texts (entries that travelled per column); a null value is JSON null. */
export function encodeJsonValues(
  sqlite: Database.Database,
  table: string,
  hlcMs: number,
  values: readonly (readonly [string, string | null])[],
): string {
  const own = ownTime(hlcMs).json;
  const parts: string[] = [];
  for (const [name, json] of values) parts.push(`"${keyOf(sqlite, table, name)}":${json === own ? OWN_TIME : (json ?? 'null')}`);
  return `{${parts.join(',')}}`;
}

/** `previous` of an update (the values replaced, never stood in for). */
export function encodePrevious(sqlite: Database.Database, table: string, values: ReadonlyMap<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of values) parts.push(`"${keyOf(sqlite, table, name)}":${JSON.stringify(value ?? null)}`);
  return `{${parts.join(',')}}`;
}

/** The `change_sources` row of (action, device, user), made on first use. */
export function sourceOf(sqlite: Database.Database, tx: string, deviceId: string, userId: string | null): number {
  const user = userId ?? '';
  const found = cachedStatement(sqlite, 'SELECT id FROM change_sources WHERE tx = ? AND device_id = ? AND user_id = ?', 'pluck').get(
    tx,
    deviceId,
    user,
  ) as number | undefined;
  if (found !== undefined) return found;
  const insert = cachedStatement(sqlite, 'INSERT INTO change_sources (tx, device_id, user_id) VALUES (?, ?, ?)');
  return Number(insert.run(tx, deviceId, user).lastInsertRowid);
}

/**
 * Sources of one transaction: a write that repeats the last (action, device,
 * user) reuses its id without asking the file. Made per transaction, so an id
 * of a rolled-back insert is never reused.
 */
export function sourceCache(sqlite: Database.Database): (tx: string, deviceId: string, userId: string | null) => number {
  let last: { tx: string; deviceId: string; userId: string | null; id: number } | null = null;
  return (tx, deviceId, userId) => {
    if (last && last.tx === tx && last.deviceId === deviceId && last.userId === userId) return last.id;
    const id = sourceOf(sqlite, tx, deviceId, userId);
    last = { tx, deviceId, userId, id };
    return id;
  };
}

export interface LogRow {
  /** The HLC's milliseconds and counter (its device is the source's). */
  hlc: Pick<Hlc, 'millis' | 'counter'>;
  source: number;
  table: string;
  rowId: string;
  /** NULL: stored by reference (the live row's values). */
  values: string | null;
  previous: string | null;
}

/** Appends one write (its `values`/`previous` already encoded); returns its seq. */
export function appendLog(sqlite: Database.Database, row: LogRow): number {
  const { hlc } = row;
  return Number(
    cachedStatement(
      sqlite,
      'INSERT INTO change_log (hlc_ms, hlc_counter, source, table_name, row_id, "values", previous) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(hlc.millis, hlc.counter, row.source, row.table, row.rowId, row.values, row.previous).lastInsertRowid,
  );
}

/** The SQL type of each column of a synced table, by name. */
const sqlTypes = new Map<SyncedTableName, Map<string, string>>();

function sqlTypesOf(table: SyncedTableName): Map<string, string> {
  let types = sqlTypes.get(table);
  if (!types) {
    types = new Map(Object.values(getTableColumns(syncedTables[table])).map((column) => [column.name, column.getSQLType()]));
    sqlTypes.set(table, types);
  }
  return types;
}

/**
 * Whether an insert of these driver values (every column, nulls included) can be
 * stored by reference: the row gives each value back exactly as logged (text in
 * a text column, a whole number in an integer column; a real or anything the
 * column would convert is stored as before).
 */
export function canReference(table: SyncedTableName, row: ReadonlyMap<string, unknown>): boolean {
  const types = sqlTypesOf(table);
  for (const [name, value] of row) {
    if (value === null) continue;
    const type = types.get(name);
    if (typeof value === 'string' ? type !== 'text' : !(type === 'integer' && Number.isSafeInteger(value))) return false;
  }
  return true;
}

/**
 * The `values` a write stored by reference would have been stored with, from its
 * live row (`r` joined to `<log>.row_id`), as SQL: column keys, non-null values in
 * the order the funnel sets them, the write's own time as `[]`. `log` names the
 * `change_log` row in the enclosing statement.
 */
export function materialisedValues(table: SyncedTableName, log: string): string {
  const ownTimeSql = `strftime('%Y-%m-%dT%H:%M:%S', ${log}.hlc_ms / 1000, 'unixepoch') || printf('.%03dZ', ${log}.hlc_ms % 1000)`;
  return `(SELECT json_group_object(k.key, CASE WHEN j.type = 'text' AND j.atom = ${ownTimeSql} THEN json_array() ELSE j.value END ORDER BY j.id)
    FROM json_each((SELECT ${liveRowObject(table)} FROM "${table}" r WHERE r.id = ${log}.row_id)) j
    JOIN change_columns k ON k.table_name = '${table}' AND k.name = j.key WHERE j.type <> 'null')`;
}

/**
 * Writes out the values of a row's entries stored by reference (module comment),
 * from the row as it is now: called before the row changes, in the same
 * transaction. Cheap when there are none: one lookup in the row index.
 */
export function materialise(sqlite: Database.Database, table: SyncedTableName, rowId: string): void {
  // Every column needs its key before the statement names it; normally all are known already.
  let names = loggedNames.get(table);
  if (names === undefined) loggedNames.set(table, (names = insertedColumns(table)));
  for (const name of names) keyOf(sqlite, table, name);
  let sql = materialiseSql.get(table);
  if (sql === undefined) {
    sql = `UPDATE change_log SET "values" = ${materialisedValues(table, 'change_log')}
      WHERE row_id = ? AND table_name = '${table}' AND "values" IS NULL`;
    materialiseSql.set(table, sql);
  }
  cachedStatement(sqlite, sql).run(rowId);
}

const materialiseSql = new Map<SyncedTableName, string>();
const loggedNames = new Map<SyncedTableName, string[]>();
