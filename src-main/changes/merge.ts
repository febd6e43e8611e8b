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
import { appendLog, canReference, encodeJsonValues, encodePrevious, materialise, sourceCache } from './log-codec';
import { ERASE_COLUMN, ERASE_TABLE, eraseHere, hlcTime, isSyncedTable, references } from './erasure';
import { syncedTables, type SyncedTableName } from '../db/schema';
import { deferringClientSearch } from '../db/search';

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

/** How a new row of a table is inserted: its columns (id first) and the value each holds when no entry sets it. */
interface RowShape {
  sql: string;
  columns: string[];
  /** Where each column other than id sits in `columns`. */
  index: Map<string, number>;
  /** The value a column holds when no entry set it (what `logDrift` expects too). */
  defaults: unknown[];
  /** Places of the columns a new row cannot be created without: NOT NULL and no default. */
  required: number[];
}

const shapeCache = new Map<SyncedTableName, RowShape>();

function rowShape(table: SyncedTableName): RowShape {
  let shape = shapeCache.get(table);
  if (!shape) {
    const columns: string[] = ['id'];
    const defaults: unknown[] = [null];
    const required: number[] = [];
    for (const info of columnsOf(table).values()) {
      if (info.name === 'id') continue;
      const column = info.column as unknown as { notNull: boolean; hasDefault: boolean; default: unknown };
      const usableDefault = column.hasDefault && column.default !== undefined;
      if (column.notNull && !usableDefault) required.push(columns.length);
      columns.push(info.name);
      if (!usableDefault) defaults.push(null);
      else defaults.push(typeof column.default === 'boolean' ? (column.default ? 1 : 0) : column.default);
    }
    const index = new Map(columns.map((name, i) => [name, i] as const).slice(1));
    const sql = `INSERT INTO "${table}" (${columns.map((n) => `"${n}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    shapeCache.set(table, (shape = { sql, columns, index, defaults, required }));
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
    const { erase, groups } = takeParkedThenIncoming(sqlite, incoming, tally);
    applyErasureEntries(sqlite, localDeviceId, erase, tally);
    const kept = parentsFirst(sqlite, withoutErased(sqlite, localDeviceId, groups, tally));
    const known = knownRows(sqlite, kept);
    const { waiting, reasons } = applyUntilSettled(kept, (group) => applyGroup(sqlite, group, tally, known));
    const parked = parkAgain(sqlite, waiting, reasons);
    if (tally.maxHlc !== null) advanceClock(sqlite, tally.maxHlc, nowMillis, localDeviceId);
    return { applied: tally.applied, skipped: tally.skipped, parked, tables: [...tally.tables], erased: tally.erased };
  });
  // A batch (a joining device's whole snapshot) brings many clients at once: their search entries are made in one statement after.
  return deferringClientSearch(sqlite, run);
}

/**
 * A row's entries as they are collected: no (column, HLC) twice. A row's
 * entries are few, so they are compared directly; a row with many (one value
 * edited over and over in one batch) gets a set of their keys.
 */
class RowEntries {
  readonly entries: RemoteEntry[] = [];
  private keys: Set<string> | null = null;

  /** Adds the entry unless this row already holds its (column, HLC); answers whether it was added. */
  add(entry: RemoteEntry): boolean {
    if (this.keys) {
      const k = `${entry.column}\u0000${entry.hlc}`;
      if (this.keys.has(k)) return false;
      this.keys.add(k);
    } else {
      for (const e of this.entries) if (e.hlc === entry.hlc && e.column === entry.column) return false;
      if (this.entries.length >= 16) this.keys = new Set([...this.entries, entry].map((e) => `${e.column}\u0000${e.hlc}`));
    }
    this.entries.push(entry);
    return true;
  }
}

/**
 * The parked entries (taken out of `sync_parked`) followed by the incoming ones
 * not already among them: the erase entries in their order, the others grouped
 * by the row they write, in order of first appearance. Grouping here is what
 * finds a repeated entry (both copies write the same row), so no key is built
 * for every entry of a large batch.
 */
function takeParkedThenIncoming(
  sqlite: Database.Database,
  incoming: readonly RemoteEntry[],
  tally: Tally,
): { erase: RemoteEntry[]; groups: RemoteEntry[][] } {
  const parkedRows = prepare(
    sqlite,
    'SELECT hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value FROM sync_parked ORDER BY id',
  ).all() as RemoteEntry[];
  if (parkedRows.length > 0) prepare(sqlite, 'DELETE FROM sync_parked').run();

  const tables = new Map<string, Map<string, RowEntries>>();
  const rows: RowEntries[] = [];
  // Erase entries keep their own order; one per erased row, so they are told apart by row too.
  const erase: RemoteEntry[] = [];
  const add = (entry: RemoteEntry): boolean => {
    let byId = tables.get(entry.table);
    if (!byId) tables.set(entry.table, (byId = new Map()));
    let row = byId.get(entry.rowId);
    if (!row) {
      byId.set(entry.rowId, (row = new RowEntries()));
      if (entry.table !== ERASE_TABLE) rows.push(row);
    }
    if (!row.add(entry)) return false;
    if (entry.table === ERASE_TABLE) erase.push(entry);
    return true;
  };
  for (const entry of parkedRows) add(entry);
  for (const entry of incoming) if (!add(entry)) tally.skipped++;
  return { erase, groups: rows.map((row) => row.entries) };
}

/**
 * Erase entries go first, whatever their HLC: each not yet logged is logged with
 * its original stamp (so it travels on in snapshots) and erases its row here.
 */
function applyErasureEntries(sqlite: Database.Database, localDeviceId: string, erase: readonly RemoteEntry[], tally: Tally): void {
  const logged = prepare(sqlite, 'SELECT 1 FROM changes WHERE table_name = ? AND row_id = ? AND "column" = ? AND hlc = ?');
  for (const entry of erase) {
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
function withoutErased(sqlite: Database.Database, localDeviceId: string, groups: RemoteEntry[][], tally: Tally): RemoteEntry[][] {
  // Nothing was ever erased here (nor by the erase entries just applied): no entry can touch an erased record.
  if (prepare(sqlite, 'SELECT 1 FROM erasures LIMIT 1').get() === undefined) return groups;
  const links = new Map(references(sqlite).map((r) => [`${r.table}\u0000${r.column}`, r]));
  const erasedAt = prepare(sqlite, 'SELECT erased_at FROM erasures WHERE row_id = ?').pluck();
  const erasedTarget = (entry: RemoteEntry): string | null => {
    if (entry.value === null || !links.has(`${entry.table}\u0000${entry.column}`)) return null;
    const target: unknown = JSON.parse(entry.value);
    return typeof target === 'string' ? ((erasedAt.get(target) as string | undefined) ?? null) : null;
  };
  for (const group of groups)
    for (const entry of group) {
      const at = erasedTarget(entry);
      if (at === null || !links.get(`${entry.table}\u0000${entry.column}`)?.owned || erasedAt.get(entry.rowId) !== undefined) continue;
      const stamp = { erasedAt: at, hlc: null, tx: null, deviceId: null, userId: null };
      countErased(tally, eraseHere(sqlite, localDeviceId, entry.table as SyncedTableName, entry.rowId, stamp).erased);
    }
  const kept: RemoteEntry[][] = [];
  for (const group of groups) {
    // A group is one row: erased, all of its entries go.
    if (erasedAt.get((group[0] as RemoteEntry).rowId) !== undefined) tally.skipped += group.length;
    else kept.push(group.map((entry) => (erasedTarget(entry) === null ? entry : { ...entry, value: 'null' })));
  }
  return kept;
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

/**
 * Per table, the rows among `groups` that this replica already has or logged
 * anything about, asked once per table instead of twice per row. A row not among
 * them has nothing to compare with: its entries are all fresh and the greatest
 * HLC per column wins. Rows only appear here through their own group, so the
 * answer holds while the groups are applied.
 */
function knownRows(sqlite: Database.Database, groups: readonly RemoteEntry[][]): Map<string, Set<string>> {
  const idsByTable = new Map<string, string[]>();
  for (const group of groups) {
    const first = group[0] as RemoteEntry;
    let ids = idsByTable.get(first.table);
    if (!ids) idsByTable.set(first.table, (ids = []));
    ids.push(first.rowId);
  }
  const known = new Map<string, Set<string>>();
  for (const [table, ids] of idsByTable) {
    if (!isSyncedTable(table)) continue;
    // A table this replica holds and logged nothing of (a device joining) knows none of them.
    const untouched =
      prepare(sqlite, `SELECT 1 FROM "${table}" LIMIT 1`).get() === undefined &&
      prepare(sqlite, 'SELECT 1 FROM change_log WHERE table_name = ? LIMIT 1').get(table) === undefined;
    if (untouched) {
      known.set(table, new Set());
      continue;
    }
    const list = JSON.stringify(ids);
    const logged = prepare(sqlite, 'SELECT row_id FROM change_log WHERE table_name = ? AND row_id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(table, list) as string[];
    const stored = prepare(sqlite, `SELECT id FROM "${table}" WHERE id IN (SELECT value FROM json_each(?))`).pluck().all(list) as string[];
    known.set(table, new Set([...logged, ...stored]));
  }
  return known;
}

const nothingLogged = { present: new Set<string>(), newest: new Map<string, string>() };

/** One row's entries: those not yet logged are merged column by column, written, and logged. */
function applyGroup(sqlite: Database.Database, entries: RemoteEntry[], tally: Tally, known: ReadonlyMap<string, Set<string>>): void {
  const first = entries[0] as RemoteEntry;
  const table = first.table as SyncedTableName;
  // A table `knownRows` did not ask about (not a synced table) takes the long way, which refuses it.
  const isNew = known.get(table)?.has(first.rowId) === false;
  const { present, newest } = isNew ? nothingLogged : loggedColumns(sqlite, table, first.rowId);
  const fresh = isNew ? entries : entries.filter((e) => !present.has(`${e.column}\u0000${e.hlc}`));
  tally.skipped += entries.length - fresh.length;
  if (fresh.length === 0) return;

  if (isNew) {
    // Nothing to compare with: the greatest HLC per column makes the row, and no entry replaced anything.
    let row: readonly unknown[] = [];
    parkOnMissingReference(() => (row = insertRow(sqlite, table, first.rowId, fresh)));
    if (byReference(table, fresh, row)) {
      if (tally.maxHlc === null || first.hlc > tally.maxHlc) tally.maxHlc = first.hlc;
      logWrite(sqlite, tally, fresh, null, true);
    } else logEntries(sqlite, fresh, noWinners, undefined, tally);
  } else {
    const winners = columnWinners(fresh, newest);
    const existing = prepare(sqlite, `SELECT * FROM "${table}" WHERE id = ?`).get(first.rowId) as Record<string, unknown> | undefined;
    // The row is about to change: its entries stored by reference keep the values they logged.
    if (existing && winners.size > 0) materialise(sqlite, table, first.rowId);
    writeRow(sqlite, table, first.rowId, existing, winners);
    logEntries(sqlite, fresh, winners, existing, tally);
  }
  tally.applied += fresh.length;
  tally.tables.add(table);
}

const noWinners: ReadonlyMap<string, RemoteEntry> = new Map();

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
  parkOnMissingReference(() => {
    if (!existing) insertRow(sqlite, table, rowId, [...winners.values()]);
    else if (winners.size > 0) {
      const names = [...winners.keys()];
      prepare(sqlite, `UPDATE "${table}" SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE id = ?`).run(
        ...names.map((n) => winningValue(winners.get(n) as RemoteEntry)),
        rowId,
      );
    }
  });
}

/** Runs a write; a row it references that has not arrived yet makes the row wait (`Parked`). */
function parkOnMissingReference(write: () => void): void {
  try {
    write();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new Parked('missing_reference');
    throw error;
  }
}

/**
 * A new row: per column the entry with the greatest HLC among `entries`, the
 * defaults where none; a required column no entry sets makes it wait.
 */
function insertRow(sqlite: Database.Database, table: SyncedTableName, rowId: string, entries: readonly RemoteEntry[]): unknown[] {
  const shape = rowShape(table);
  const best: (RemoteEntry | undefined)[] = new Array<RemoteEntry | undefined>(shape.columns.length);
  for (const entry of entries) {
    const i = shape.index.get(entry.column);
    if (i === undefined) continue;
    const before = best[i];
    if (before === undefined || entry.hlc > before.hlc) best[i] = entry;
  }
  for (const i of shape.required) if (best[i] === undefined) throw new Parked('incomplete');
  const values = shape.defaults.slice();
  values[0] = rowId;
  for (let i = 1; i < values.length; i++) {
    const winner = best[i];
    if (winner !== undefined) values[i] = winningValue(winner);
  }
  prepare(sqlite, shape.sql).run(...values);
  return values;
}

/**
 * Whether a new row's entries can be logged by reference, as the funnel logs its
 * own inserts (changes/log-codec.ts): they are one write, and the row just made
 * (`row`, in `rowShape` order) holds exactly their values and nothing else — no
 * default they did not carry, no value the column converts (a boolean, a real).
 * Then the `changes` view reads the same entries back from the row; anything
 * else is logged with its values.
 */
function byReference(table: SyncedTableName, entries: readonly RemoteEntry[], row: readonly unknown[]): boolean {
  const first = entries[0] as RemoteEntry;
  const shape = rowShape(table);
  const logged = new Map<string, unknown>();
  for (const e of entries) {
    if (e.hlc !== first.hlc || e.tx !== first.tx || e.deviceId !== first.deviceId || e.userId !== first.userId) return false;
    const i = shape.index.get(e.column);
    const value: unknown = e.value === null ? null : JSON.parse(e.value);
    if (i === undefined || value === null || row[i] !== value || logged.has(e.column)) return false;
    logged.set(e.column, value);
  }
  let nonNull = 0;
  for (let i = 1; i < row.length; i++) if (row[i] !== null && row[i] !== undefined) nonNull++;
  return nonNull === logged.size && canReference(table, logged);
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
  const writes = writesOf(fresh);
  for (const entry of fresh) if (tally.maxHlc === null || entry.hlc > tally.maxHlc) tally.maxHlc = entry.hlc;
  for (const entries of writes) {
    const previous = new Map<string, unknown>();
    if (existing)
      for (const entry of entries) if (winners.get(entry.column) === entry) previous.set(entry.column, existing[entry.column] ?? null);
    logWrite(sqlite, tally, entries, previous.size > 0 ? previous : null);
  }
}

const writeKey = (e: RemoteEntry) => `${e.hlc}\u0000${e.tx}\u0000${e.deviceId}\u0000${e.userId ?? ''}`;

/**
 * A row's entries split into its writes (same HLC, tx, device and user), in order
 * of first appearance. A row's writes are usually one or two: they are found by
 * comparing; only a row with many gets a key per entry.
 */
function writesOf(entries: readonly RemoteEntry[]): RemoteEntry[][] {
  const writes: RemoteEntry[][] = [];
  let byKey: Map<string, RemoteEntry[]> | null = null;
  for (const entry of entries) {
    let write: RemoteEntry[] | undefined;
    if (byKey) write = byKey.get(writeKey(entry));
    else
      write = writes.find((w) => {
        const a = w[0] as RemoteEntry;
        return a.hlc === entry.hlc && a.tx === entry.tx && a.deviceId === entry.deviceId && a.userId === entry.userId;
      });
    if (write) {
      write.push(entry);
      continue;
    }
    writes.push((write = [entry]));
    if (byKey) byKey.set(writeKey(entry), write);
    else if (writes.length >= 16) byKey = new Map(writes.map((w) => [writeKey(w[0] as RemoteEntry), w]));
  }
  return writes;
}

/** Appends the entries of one write (one row, HLC, action, device and user) as one `change_log` row. */
function logWrite(
  sqlite: Database.Database,
  tally: Tally,
  entries: readonly RemoteEntry[],
  previous: ReadonlyMap<string, unknown> | null,
  referenced = false,
): void {
  const first = entries[0] as RemoteEntry;
  const hlc = parseHlc(first.hlc);
  appendLog(sqlite, {
    hlc,
    source: tally.source(first.tx, first.deviceId, first.userId),
    table: first.table,
    rowId: first.rowId,
    values: referenced
      ? null
      : encodeJsonValues(
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
