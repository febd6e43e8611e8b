/**
 * Reading the change log back. The log is stored one row per row write
 * (`change_log`: the columns the write set as a JSON object, what an update
 * replaced as another, compactly: changes/log-codec.ts) and read one entry per
 * column through the `changes` view,
 * so every reader speaks of (seq, table, row, column, value, previous); the
 * columns of one write share its `seq`. Writers (the funnel, merge, erasure) go to
 * `change_log`, and so does anything that only needs the newest `seq`.
 * `foldChanges` replays every entry, last HLC per
 * column winning, into the rows the log describes; `logDrift` compares that with
 * the live tables. If they ever differ, something wrote a synced table around
 * the funnel — and undo, audit and sync would all be wrong for that row — so
 * `doctor` and the test suite both run this check.
 */
import type Database from 'better-sqlite3';
import { columnsOf } from './funnel';
import { syncedTables, type SyncedTableName } from '../db/schema';
import { cachedStatement } from '../db/statements';

export type FoldedRows = Map<SyncedTableName, Map<string, Record<string, unknown>>>;

export function foldChanges(sqlite: Database.Database): FoldedRows {
  const rows: FoldedRows = new Map();
  const entries = sqlite
    .prepare('SELECT table_name AS t, row_id AS id, "column" AS c, value AS v FROM changes ORDER BY hlc, seq')
    .iterate() as Iterable<{ t: SyncedTableName; id: string; c: string; v: string | null }>;
  for (const entry of entries) {
    let table = rows.get(entry.t);
    if (!table) rows.set(entry.t, (table = new Map()));
    let row = table.get(entry.id);
    if (!row) table.set(entry.id, (row = { id: entry.id }));
    row[entry.c] = entry.v === null ? null : JSON.parse(entry.v);
  }
  return rows;
}

export interface Drift {
  table: SyncedTableName;
  rowId: string;
  column: string;
  live: unknown;
  logged: unknown;
}

/** Every difference between the live synced tables and the replayed log (empty when they agree). */
export function logDrift(sqlite: Database.Database, limit = 100): Drift[] {
  const folded = foldChanges(sqlite);
  const drift: Drift[] = [];
  for (const table of Object.keys(syncedTables) as SyncedTableName[]) {
    const logged = folded.get(table) ?? new Map<string, Record<string, unknown>>();
    const seen = new Set<string>();
    // A column added by a later migration has no entries for older rows: it holds its default.
    const defaults = new Map<string, unknown>();
    for (const info of columnsOf(table).values()) defaults.set(info.name, columnDefault(info.column));
    for (const live of sqlite.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
      const id = live['id'] as string;
      seen.add(id);
      const replayed = logged.get(id);
      for (const [column, value] of Object.entries(live)) {
        if (column === 'id') continue;
        const expected = replayed ? (column in replayed ? replayed[column] : (defaults.get(column) ?? null)) : undefined;
        if (expected !== value) drift.push({ table, rowId: id, column, live: value, logged: expected });
        if (drift.length >= limit) return drift;
      }
    }
    for (const id of logged.keys()) {
      if (!seen.has(id)) drift.push({ table, rowId: id, column: '*', live: undefined, logged: 'row' });
      if (drift.length >= limit) return drift;
    }
  }
  return drift;
}

function columnDefault(column: unknown): unknown {
  const c = column as { hasDefault: boolean; default: unknown };
  if (!c.hasDefault || c.default === undefined) return null;
  return typeof c.default === 'boolean' ? (c.default ? 1 : 0) : c.default;
}

/**
 * The newest change-log entry: it moves with every write of a synced table (the
 * funnel, sync merges, undo, erase entries), and never back, since `seq` is
 * AUTOINCREMENT; also when another process writes the same file. What is derived
 * from the tables (a backup's freshness, Today's caches) is checked against it.
 * Read from the table, not the view: the rowid's end answers without parsing any entry.
 */
export function changeMark(sqlite: Database.Database): number {
  return (cachedStatement(sqlite, 'SELECT max(seq) FROM change_log', 'pluck').get() as number | null) ?? 0;
}

/** The greatest HLC in the log (the last change in HLC order, wherever it was made), or null for an empty log. */
export function newestHlc(sqlite: Database.Database): string | null {
  const newest = cachedStatement(
    sqlite,
    `SELECT printf('%015d-%05d-%s', c.hlc_ms, c.hlc_counter, s.device_id) FROM change_log c JOIN change_sources s ON s.id = c.source
      ORDER BY c.hlc_ms DESC, c.hlc_counter DESC, s.device_id DESC LIMIT 1`,
    'pluck',
  ).get() as string | undefined;
  return newest ?? null;
}
