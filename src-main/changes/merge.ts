/**
 * Applying change entries that other devices wrote: the one sanctioned writer of
 * synced tables besides the funnel. Where the funnel turns a user action into
 * entries, this turns entries back into rows, so that after every device has
 * seen every entry each replica holds exactly what folding the whole log in HLC
 * order gives (`foldChanges`), and `logDrift` stays empty.
 *
 * Per column the entry with the greatest HLC wins, compared against the newest
 * entry this replica already logged for that column; a delete is just
 * `deleted_at` winning or losing like any other column. Every accepted entry —
 * winner or loser — is appended to the log with its original HLC, device and
 * user, so the log is the same set everywhere (audit, undo and replay agree) and
 * a second delivery is recognised and skipped. Entries travel per column; the
 * fresh entries of one row with one HLC (one write on its device) are stored as
 * one `change_log` row again, `previous` naming only the columns that won over
 * an existing row. An entry that cannot be applied
 * yet (its row's required columns or a referenced row have not arrived) is
 * parked in `sync_parked` and retried after every merge; nothing is dropped.
 * Append-only tables need no special case: their rows have distinct ids, so both
 * sides' payments survive, and what may change in them is checked before the
 * entries get here (sync/policy.ts).
 */
import type Database from 'better-sqlite3';
import { formatHlc, parseHlc, receiveHlc, type Hlc } from '../../src-shared/hlc';
import { columnsOf } from './funnel';
import { appendLog, encodeJsonValues, encodePrevious, materialise, sourceCache } from './log-codec';
import { ERASE_COLUMN, ERASE_TABLE, eraseHere, hlcTime, isSyncedTable, references } from './erasure';
import { syncedTables, type SyncedTableName } from '../db/schema';

/** One change entry as it travels between devices (`value` is the JSON text the funnel logged). */
export interface RemoteEntry {
  hlc: string;
  tx: string;
  deviceId: string;
  userId: string | null;
  table: string;
  rowId: string;
  column: string;
  value: string | null;
}

export interface MergeResult {
  /** Entries appended to the log (winners and losers alike). */
  applied: number;
  /** Entries already in the log or already parked. */
  skipped: number;
  /** Entries waiting in `sync_parked` after this merge (all of them, not only this call's). */
  parked: number;
  tables: SyncedTableName[];
  /** Rows erased by erase entries (or because they hung off an erased record). */
  erased: number;
}

/** Why an entry could never be applied: unknown table or column, or a malformed HLC. Checked before merging. */
export function entryProblem(entry: RemoteEntry): string | null {
  if (entry.table === ERASE_TABLE) return eraseEntryProblem(entry);
  if (!(entry.table in syncedTables)) return `unknown table ${entry.table}`;
  const columns = new Set([...columnsOf(entry.table as SyncedTableName).values()].map((c) => c.name));
  if (entry.column === 'id' || !columns.has(entry.column)) return `unknown column ${entry.table}.${entry.column}`;
  try {
    if (parseHlc(entry.hlc).deviceId !== entry.deviceId) return 'timestamp of another device';
  } catch {
    return 'malformed timestamp';
  }
  if (entry.value !== null) {
    try {
      const parsed: unknown = JSON.parse(entry.value);
      if (parsed !== null && typeof parsed === 'object') return 'value is not a plain value';
    } catch {
      return 'value is not JSON';
    }
  }
  return null;
}

/** An erase entry names, in its value, the synced table of the row it erases. */
function eraseEntryProblem(entry: RemoteEntry): string | null {
  if (entry.column !== ERASE_COLUMN || entry.value === null) return 'malformed erase entry';
  try {
    const table: unknown = JSON.parse(entry.value);
    if (typeof table !== 'string' || !isSyncedTable(table) || table === 'settings') return 'erase of an unknown table';
    if (parseHlc(entry.hlc).deviceId !== entry.deviceId) return 'timestamp of another device';
  } catch {
    return 'malformed erase entry';
  }
  return null;
}

const requiredCache = new Map<SyncedTableName, string[]>();

/** Columns a new row cannot be created without: NOT NULL and no default. */
function requiredColumns(table: SyncedTableName): string[] {
  let required = requiredCache.get(table);
  if (!required) {
    required = [];
    for (const info of columnsOf(table).values()) {
      const column = info.column as unknown as { notNull: boolean; hasDefault: boolean; default: unknown };
      if (info.name !== 'id' && column.notNull && !(column.hasDefault && column.default !== undefined)) required.push(info.name);
    }
    requiredCache.set(table, required);
  }
  return required;
}

/** How a new row of a table is inserted: its columns (id first) and the value each holds when no entry sets it. */
interface RowShape {
  sql: string;
  columns: string[];
  /** The value a column holds when no entry set it (what `logDrift` expects too). */
  defaults: unknown[];
}

const shapeCache = new Map<SyncedTableName, RowShape>();

function rowShape(table: SyncedTableName): RowShape {
  let shape = shapeCache.get(table);
  if (!shape) {
    const columns: string[] = ['id'];
    const defaults: unknown[] = [null];
    for (const info of columnsOf(table).values()) {
      if (info.name === 'id') continue;
      const column = info.column as unknown as { hasDefault: boolean; default: unknown };
      columns.push(info.name);
      if (!column.hasDefault || column.default === undefined) defaults.push(null);
      else defaults.push(typeof column.default === 'boolean' ? (column.default ? 1 : 0) : column.default);
    }
    const sql = `INSERT INTO "${table}" (${columns.map((n) => `"${n}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    shapeCache.set(table, (shape = { sql, columns, defaults }));
  }
  return shape;
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepare(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = sqlite.prepare(sql)));
  return statement;
}

const key = (e: { hlc: string; table: string; rowId: string; column: string }) =>
  `${e.table}\u0000${e.rowId}\u0000${e.column}\u0000${e.hlc}`;

class Parked extends Error {
  constructor(readonly reason: 'incomplete' | 'missing_reference') {
    super(reason);
  }
}

/** What one merge has done so far; every stage below adds to it. */
interface Tally {
  applied: number;
  skipped: number;
  /** The greatest HLC appended, which the local clock must then pass. */
  maxHlc: string | null;
  tables: Set<SyncedTableName>;
  erased: number;
  /** The `change_sources` id of an entry's (action, device, user), within this merge's transaction. */
  source: (tx: string, deviceId: string, userId: string | null) => number;
}

/**
 * Merge remote entries into the database in one transaction (a savepoint when the
 * caller already holds one). The caller has verified where they came from.
 */
export function mergeEntries(
  sqlite: Database.Database,
  localDeviceId: string,
  nowMillis: number,
  incoming: readonly RemoteEntry[],
): MergeResult {
  const run = sqlite.transaction((): MergeResult => {
    const tally: Tally = { applied: 0, skipped: 0, maxHlc: null, tables: new Set(), erased: 0, source: sourceCache(sqlite) };
    const pending = takeParkedThenIncoming(sqlite, incoming, tally);
    const rest = applyErasureEntries(sqlite, localDeviceId, pending, tally);
    const kept = withoutErased(sqlite, localDeviceId, rest, tally);
    const { waiting, reasons } = applyUntilSettled(parentsFirst(sqlite, groupByRow(kept)), (group) => applyGroup(sqlite, group, tally));
    const parked = parkAgain(sqlite, waiting, reasons);
    if (tally.maxHlc !== null) advanceClock(sqlite, tally.maxHlc, nowMillis, localDeviceId);
    return { applied: tally.applied, skipped: tally.skipped, parked, tables: [...tally.tables], erased: tally.erased };
  });
  return run();
}

/** The parked entries (taken out of `sync_parked`) followed by the incoming ones not already among them. */
function takeParkedThenIncoming(sqlite: Database.Database, incoming: readonly RemoteEntry[], tally: Tally): RemoteEntry[] {
  const parkedRows = sqlite
    .prepare(
      'SELECT hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value FROM sync_parked ORDER BY id',
    )
    .all() as RemoteEntry[];
  sqlite.prepare('DELETE FROM sync_parked').run();

  const seen = new Set<string>();
  const pending: RemoteEntry[] = [];
  for (const entry of parkedRows) {
    seen.add(key(entry));
    pending.push(entry);
  }
  for (const entry of incoming) {
    const k = key(entry);
    if (seen.has(k)) {
      tally.skipped++;
      continue;
    }
    seen.add(k);
    pending.push(entry);
  }
  return pending;
}

/**
 * Erase entries go first, whatever their HLC: each not yet logged is logged with
 * its original stamp (so it travels on in snapshots) and erases its row here.
 * Returns the other entries.
 */
function applyErasureEntries(
  sqlite: Database.Database,
  localDeviceId: string,
  pending: readonly RemoteEntry[],
  tally: Tally,
): RemoteEntry[] {
  const rest: RemoteEntry[] = [];
  const logged = prepare(sqlite, 'SELECT 1 FROM changes WHERE table_name = ? AND row_id = ? AND "column" = ? AND hlc = ?');
  for (const entry of pending) {
    if (entry.table !== ERASE_TABLE) {
      rest.push(entry);
      continue;
    }
    if (logged.get(entry.table, entry.rowId, entry.column, entry.hlc)) {
      tally.skipped++;
      continue;
    }
    logWrite(sqlite, tally, [entry], null);
    const table = JSON.parse(entry.value as string) as SyncedTableName;
    const stamp = { erasedAt: hlcTime(entry.hlc), hlc: entry.hlc, tx: entry.tx, deviceId: entry.deviceId, userId: entry.userId };
    countErased(tally, eraseHere(sqlite, localDeviceId, table, entry.rowId, stamp).erased);
    tally.applied++;
    if (tally.maxHlc === null || entry.hlc > tally.maxHlc) tally.maxHlc = entry.hlc;
  }
  return rest;
}

function countErased(tally: Tally, erased: Record<string, number>): void {
  for (const [table, count] of Object.entries(erased)) {
    tally.erased += count;
    if (count > 0 && isSyncedTable(table)) tally.tables.add(table);
  }
}

/**
 * Nothing about an erased record comes back: entries of tombstoned rows are
 * dropped; a row whose required link (or owning link) points at an erased
 * record is erased and tombstoned itself; an optional link to one arrives as
 * null. Every replica applies the same rule, so they converge in any order.
 */
function withoutErased(sqlite: Database.Database, localDeviceId: string, entries: readonly RemoteEntry[], tally: Tally): RemoteEntry[] {
  // Nothing was ever erased here (nor by the erase entries just applied): no entry can touch an erased record.
  if (prepare(sqlite, 'SELECT 1 FROM erasures LIMIT 1').get() === undefined) return [...entries];
  const links = new Map(references(sqlite).map((r) => [`${r.table}\u0000${r.column}`, r]));
  const erasedAt = prepare(sqlite, 'SELECT erased_at FROM erasures WHERE row_id = ?').pluck();
  const erasedTarget = (entry: RemoteEntry): string | null => {
    if (entry.value === null || !links.has(`${entry.table}\u0000${entry.column}`)) return null;
    const target: unknown = JSON.parse(entry.value);
    return typeof target === 'string' ? ((erasedAt.get(target) as string | undefined) ?? null) : null;
  };
  for (const entry of entries) {
    const at = erasedTarget(entry);
    if (at === null || !links.get(`${entry.table}\u0000${entry.column}`)?.owned || erasedAt.get(entry.rowId) !== undefined) continue;
    const stamp = { erasedAt: at, hlc: null, tx: null, deviceId: null, userId: null };
    countErased(tally, eraseHere(sqlite, localDeviceId, entry.table as SyncedTableName, entry.rowId, stamp).erased);
  }
  const kept: RemoteEntry[] = [];
  for (const entry of entries) {
    if (erasedAt.get(entry.rowId) !== undefined) tally.skipped++;
    else kept.push(erasedTarget(entry) === null ? entry : { ...entry, value: 'null' });
  }
  return kept;
}

/** Entries grouped by the row they write, in order of first appearance. */
function groupByRow(pending: readonly RemoteEntry[]): RemoteEntry[][] {
  const groups = new Map<string, RemoteEntry[]>();
  for (const entry of pending) {
    const g = `${entry.table}\u0000${entry.rowId}`;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(entry);
  }
  return [...groups.values()];
}

const depthCache = new WeakMap<Database.Database, Map<string, number>>();

/** How far each synced table is from the tables that reference nothing: a row's parents sit in shallower tables. */
function tableDepths(sqlite: Database.Database): Map<string, number> {
  let depths = depthCache.get(sqlite);
  if (depths) return depths;
  const parents = new Map<string, Set<string>>();
  for (const ref of references(sqlite)) {
    if (ref.target === ref.table) continue;
    let set = parents.get(ref.table);
    if (!set) parents.set(ref.table, (set = new Set()));
    set.add(ref.target);
  }
  depths = new Map();
  const computed = depths;
  const depthOf = (table: string, seen: ReadonlySet<string>): number => {
    const known = computed.get(table);
    if (known !== undefined) return known;
    let depth = 0;
    for (const parent of parents.get(table) ?? [])
      if (!seen.has(parent)) depth = Math.max(depth, 1 + depthOf(parent, new Set([...seen, table])));
    computed.set(table, depth);
    return depth;
  };
  for (const table of Object.keys(syncedTables)) depthOf(table, new Set());
  depthCache.set(sqlite, depths);
  return depths;
}

/**
 * Rows of referenced tables before the rows referring to them (a stable sort: the
 * order within a table stays), so a batch whose entries came table by table (a
 * snapshot) does not meet a missing parent at every row. Only the speed depends on
 * it: whatever the order, `applyUntilSettled` retries what had to wait.
 */
function parentsFirst(sqlite: Database.Database, groups: RemoteEntry[][]): RemoteEntry[][] {
  const depths = tableDepths(sqlite);
  const depth = (group: RemoteEntry[]) => depths.get((group[0] as RemoteEntry).table) ?? 0;
  return groups.sort((a, b) => depth(a) - depth(b));
}

/**
 * A row may reference one created later in the same batch: retry the parked
 * groups while any group succeeds, so batch order never decides the outcome.
 */
function applyUntilSettled(
  groups: RemoteEntry[][],
  apply: (group: RemoteEntry[]) => void,
): { waiting: RemoteEntry[][]; reasons: Map<RemoteEntry[], string> } {
  let waiting = groups;
  const reasons = new Map<RemoteEntry[], string>();
  for (;;) {
    const next: RemoteEntry[][] = [];
    for (const group of waiting) {
      const reason = whyParked(apply, group);
      if (reason === null) continue;
      reasons.set(group, reason);
      next.push(group);
    }
    if (next.length === waiting.length) break;
    waiting = next;
  }
  return { waiting, reasons };
}

/** Applies one group, or answers why it has to wait; any other failure is thrown. */
function whyParked(apply: (group: RemoteEntry[]) => void, group: RemoteEntry[]): Parked['reason'] | null {
  try {
    apply(group);
    return null;
  } catch (error) {
    if (!(error instanceof Parked)) throw error;
    return error.reason;
  }
}

/** One row's entries: those not yet logged are merged column by column, written, and logged. */
function applyGroup(sqlite: Database.Database, entries: RemoteEntry[], tally: Tally): void {
  const first = entries[0] as RemoteEntry;
  const table = first.table as SyncedTableName;
  const { present, newest } = loggedColumns(sqlite, table, first.rowId);
  const fresh = entries.filter((e) => !present.has(`${e.column}\u0000${e.hlc}`));
  tally.skipped += entries.length - fresh.length;
  if (fresh.length === 0) return;

  const winners = columnWinners(fresh, newest);
  const existing = prepare(sqlite, `SELECT * FROM "${table}" WHERE id = ?`).get(first.rowId) as Record<string, unknown> | undefined;
  // The row is about to change: its entries stored by reference keep the values they logged.
  if (existing && winners.size > 0) materialise(sqlite, table, first.rowId);
  writeRow(sqlite, table, first.rowId, existing, winners);
  logEntries(sqlite, fresh, winners, existing, tally);
  tally.applied += fresh.length;
  tally.tables.add(table);
}

/** What this replica already logged for a row: every (column, HLC), and the newest HLC per column. */
function loggedColumns(
  sqlite: Database.Database,
  table: SyncedTableName,
  rowId: string,
): { present: Set<string>; newest: Map<string, string> } {
  const logged = prepare(sqlite, 'SELECT "column" AS c, hlc FROM changes WHERE table_name = ? AND row_id = ?');
  const present = new Set<string>();
  const newest = new Map<string, string>();
  for (const row of logged.all(table, rowId) as { c: string; hlc: string }[]) {
    present.add(`${row.c}\u0000${row.hlc}`);
    const before = newest.get(row.c);
    if (before === undefined || row.hlc > before) newest.set(row.c, row.hlc);
  }
  return { present, newest };
}

/** Per column, the fresh entry with the greatest HLC, unless this replica already logged a later one. */
function columnWinners(fresh: readonly RemoteEntry[], newest: ReadonlyMap<string, string>): Map<string, RemoteEntry> {
  const winners = new Map<string, RemoteEntry>();
  for (const entry of fresh) {
    const best = winners.get(entry.column);
    if (!best || entry.hlc > best.hlc) winners.set(entry.column, entry);
  }
  for (const [column, entry] of [...winners]) {
    const local = newest.get(column);
    if (local !== undefined && local > entry.hlc) winners.delete(column);
  }
  return winners;
}

const winningValue = (entry: RemoteEntry): unknown => (entry.value === null ? null : JSON.parse(entry.value));

/** Inserts the row or updates its winning columns; a row that cannot be written yet throws `Parked`. */
function writeRow(
  sqlite: Database.Database,
  table: SyncedTableName,
  rowId: string,
  existing: Record<string, unknown> | undefined,
  winners: ReadonlyMap<string, RemoteEntry>,
): void {
  try {
    if (!existing) insertRow(sqlite, table, rowId, winners);
    else if (winners.size > 0) {
      const names = [...winners.keys()];
      sqlite
        .prepare(`UPDATE "${table}" SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE id = ?`)
        .run(...names.map((n) => winningValue(winners.get(n) as RemoteEntry)), rowId);
    }
  } catch (error) {
    if (error instanceof Parked) throw error;
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new Parked('missing_reference');
    throw error;
  }
}

/** A new row from its winning entries and the defaults of the columns no entry set. */
function insertRow(sqlite: Database.Database, table: SyncedTableName, rowId: string, winners: ReadonlyMap<string, RemoteEntry>): void {
  if (requiredColumns(table).some((c) => !winners.has(c))) throw new Parked('incomplete');
  const shape = rowShape(table);
  const values = shape.columns.map((name, i) => {
    const winner = winners.get(name);
    return winner ? winningValue(winner) : shape.defaults[i];
  });
  values[0] = rowId;
  prepare(sqlite, shape.sql).run(...values);
}

/**
 * Appends every fresh entry to the log with its original HLC, one row per write
 * (the entries of this row sharing an HLC, tx, device and user); a winner over an
 * existing row records what it replaced.
 */
function logEntries(
  sqlite: Database.Database,
  fresh: readonly RemoteEntry[],
  winners: ReadonlyMap<string, RemoteEntry>,
  existing: Record<string, unknown> | undefined,
  tally: Tally,
): void {
  const writes = new Map<string, RemoteEntry[]>();
  for (const entry of fresh) {
    const write = `${entry.hlc}\u0000${entry.tx}\u0000${entry.deviceId}\u0000${entry.userId ?? ''}`;
    const list = writes.get(write);
    if (list) list.push(entry);
    else writes.set(write, [entry]);
    if (tally.maxHlc === null || entry.hlc > tally.maxHlc) tally.maxHlc = entry.hlc;
  }
  for (const entries of writes.values()) {
    const previous = new Map<string, unknown>();
    if (existing)
      for (const entry of entries) if (winners.get(entry.column) === entry) previous.set(entry.column, existing[entry.column] ?? null);
    logWrite(sqlite, tally, entries, previous.size > 0 ? previous : null);
  }
}

/** Appends the entries of one write (one row, HLC, action, device and user) as one `change_log` row. */
function logWrite(
  sqlite: Database.Database,
  tally: Tally,
  entries: readonly RemoteEntry[],
  previous: ReadonlyMap<string, unknown> | null,
): void {
  const first = entries[0] as RemoteEntry;
  const hlc = parseHlc(first.hlc);
  appendLog(sqlite, {
    hlc,
    source: tally.source(first.tx, first.deviceId, first.userId),
    table: first.table,
    rowId: first.rowId,
    values: encodeJsonValues(
      sqlite,
      first.table,
      hlc.millis,
      entries.map((e) => [e.column, e.value] as const),
    ),
    previous: previous ? encodePrevious(sqlite, first.table, previous) : null,
  });
}

/** Puts the groups that still cannot be applied back into `sync_parked`; returns how many entries wait there. */
function parkAgain(sqlite: Database.Database, waiting: readonly RemoteEntry[][], reasons: ReadonlyMap<RemoteEntry[], string>): number {
  const park = sqlite.prepare(
    'INSERT INTO sync_parked (hlc, tx, device_id, user_id, table_name, row_id, "column", value, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let parked = 0;
  for (const group of waiting) {
    for (const e of group)
      park.run(e.hlc, e.tx, e.deviceId, e.userId, e.table, e.rowId, e.column, e.value, reasons.get(group) ?? 'incomplete');
    parked += group.length;
  }
  return parked;
}

/** The local clock moves past the newest merged entry, so the next local write orders after it everywhere. */
function advanceClock(sqlite: Database.Database, maxHlc: string, nowMillis: number, localDeviceId: string): void {
  const lastText = sqlite.prepare("SELECT value FROM local_state WHERE key = 'hlc'").pluck().get() as string | undefined;
  const last: Hlc | null = lastText ? parseHlc(lastText) : null;
  const next = receiveHlc(last, parseHlc(maxHlc), nowMillis, localDeviceId);
  sqlite
    .prepare("INSERT INTO local_state (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run(formatHlc(next));
}
