/**
 * The write funnel: the only way a synced table is written.
 *
 * One call = one transaction = one user action. Inside it, each write is checked
 * (known columns, required values, append-only rules, the row exists), applied,
 * `updated_at` is bumped, and one `change_log` row per write is appended with an
 * HLC timestamp, this device's id and the acting user, carrying every column the
 * write set (`values`, a JSON object of column -> JSON value, in the order set)
 * and, for an update, what those columns held before (`previous`; NULL for a new
 * row), stored compactly (changes/log-codec.ts). One row per write rather than one
 * per column keeps the log a fraction of the size; readers see it per column
 * through the `changes` view, and the contract
 * stays per-column last-writer-wins by HLC (changes/merge.ts). Undo, the audit
 * history and sync are all readings of that log, so a write that went around the
 * funnel would silently be missing from all three — which is why nothing else
 * issues INSERT/UPDATE on these tables (tests/integration/funnel.test.ts replays
 * the log and compares it with every row of every synced table).
 *
 * An insert is stored once: when the row gives its values back unchanged, its
 * entry is stored by reference (`values` NULL) and the `changes` view reads them
 * from the live row. So before a write changes a row, the row's entries stored
 * by reference are materialised (`materialise`, same transaction), as sync merge
 * and erasure do too; a migration that rewrites live rows or adds a column must
 * materialise the affected entries first (changes/log-codec.ts).
 */
import { getTableColumns, type Column } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { randomBytes } from 'node:crypto';
import { AppError, conflict, notFound, type FieldError } from '../../src-shared/errors';
import { formatHlc, parseHlc, tickHlc, type Hlc } from '../../src-shared/hlc';
import type { ServiceContext } from '../core/context';
import { appendOnlyTables, syncedTables, type SyncedTableName } from '../db/schema';
import { appendLog, canReference, encodePrevious, encodeValues, materialise, sourceOf } from './log-codec';

export type Write =
  | { op: 'insert'; table: SyncedTableName; id?: string; values: Record<string, unknown> }
  | { op: 'update'; table: SyncedTableName; id: string; values: Record<string, unknown> }
  | { op: 'delete'; table: SyncedTableName; id: string }
  | { op: 'restore'; table: SyncedTableName; id: string };

export interface FunnelResult {
  /** Groups this call's change entries: what undo reverts and the audit shows as one change. */
  tx: string;
  /** Ids of the rows written, in the order of the writes. */
  ids: string[];
  /** Tables touched, so the UI can refetch what changed. */
  tables: SyncedTableName[];
}

/** Columns that may never change once a row exists (money is appended, not edited). */
const immutableColumns: Partial<Record<SyncedTableName, readonly string[]>> = {
  payments: ['client_id', 'amount_minor', 'paid_on'],
  instalments: ['enrollment_id'],
  enrollments: ['client_id'],
  receipts: ['payment_id', 'year', 'device_code', 'seq'],
};

/**
 * Merging two clients (services/quality/merge.ts) moves the duplicate's money and
 * history to the kept client: the one edit of a fixed `client_id` (payments,
 * enrollments) or of an append-only row's `client_id` (activities) allowed, and
 * only in a call that also writes `clients.merged_into_id` of the duplicate —
 * pointing at the new client (the merge) or, on the row the client comes back to,
 * cleared (its undo). sync/policy.ts accepts the same shape from other devices.
 */
function mergeClients(writes: readonly Write[]): Set<string> {
  const ids = new Set<string>();
  for (const write of writes) {
    if (write.table !== 'clients' || write.op !== 'update' || !('mergedIntoId' in write.values)) continue;
    ids.add(write.id);
    if (typeof write.values['mergedIntoId'] === 'string') ids.add(write.values['mergedIntoId']);
  }
  return ids;
}

const isRepoint = (name: string, value: unknown, merged: ReadonlySet<string>): boolean =>
  name === 'client_id' && typeof value === 'string' && merged.has(value);

const metaColumns = new Set(['id', 'created_at', 'updated_at', 'deleted_at']);

interface ColumnInfo {
  prop: string;
  name: string;
  column: Column;
}

const columnCache = new Map<SyncedTableName, Map<string, ColumnInfo>>();

/** The table's columns keyed by the camelCase property the services use. */
export function columnsOf(table: SyncedTableName): Map<string, ColumnInfo> {
  let cached = columnCache.get(table);
  if (!cached) {
    cached = new Map();
    for (const [prop, column] of Object.entries(getTableColumns(syncedTables[table]))) {
      cached.set(prop, { prop, name: column.name, column: column as Column });
    }
    columnCache.set(table, cached);
  }
  return cached;
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepare(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) {
    cache = new Map();
    statementCache.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * Ids made within one millisecond count up from a random start instead of being
 * random each, so ids sort in the order they were made: rows whose order matters
 * (a corrected roll-call mark, a second payment the same instant) order by
 * created_at then id, and that order must be the order of writing.
 */
const idSequence = { msecs: Number.NaN, seq: 0 };

/**
 * Random bytes drawn 4 KiB at a time and handed out in slices: asking the
 * system for 16 bytes per id costs more than making the id (a seed or an import
 * makes hundreds of thousands). Every slice is used once.
 */
const randomPool = { bytes: Buffer.alloc(0), used: 0 };

function pooledRandom(length: number): Buffer {
  if (randomPool.used + length > randomPool.bytes.length) {
    randomPool.bytes = randomBytes(4096);
    randomPool.used = 0;
  }
  const slice = randomPool.bytes.subarray(randomPool.used, randomPool.used + length);
  randomPool.used += length;
  return slice;
}

function stampedId(msecs: number): string {
  if (msecs === idSequence.msecs && idSequence.seq < 0xffffffff) idSequence.seq += 1;
  else {
    idSequence.msecs = msecs;
    idSequence.seq = pooledRandom(4).readUInt32BE(0) & 0x7fffffff;
  }
  return uuidv7({ msecs, seq: idSequence.seq, random: pooledRandom(16) });
}

/** A fresh UUIDv7 stamped with the injected clock, for callers that must reference a row before writing it. */
export function newId(ctx: Pick<ServiceContext, 'clock'>): string {
  return stampedId(ctx.clock.now().getTime());
}

function toDriver(info: ColumnInfo, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const driver = (info.column as unknown as { mapToDriverValue(v: unknown): unknown }).mapToDriverValue(value);
  if (typeof driver === 'boolean') return driver ? 1 : 0;
  return driver;
}

function defaultOf(info: ColumnInfo): unknown {
  const column = info.column as unknown as { hasDefault: boolean; default: unknown };
  return column.hasDefault && column.default !== undefined ? toDriver(info, column.default) : null;
}

function checkColumns(table: SyncedTableName, values: Record<string, unknown>): Map<string, unknown> {
  const columns = columnsOf(table);
  const out = new Map<string, unknown>();
  for (const [prop, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const info = columns.get(prop);
    if (!info || metaColumns.has(info.name)) throw new Error(`The funnel does not write ${table}.${prop}`);
    out.set(info.name, toDriver(info, value));
  }
  return out;
}

/**
 * What inserting into a table takes besides the values, worked out once per table: its
 * columns in schema order with their defaults, and the INSERT naming them after the id
 * and times. A seed or an import inserts hundreds of thousands of rows, and rebuilding
 * these per row (a map of every column, its default, the statement's text) was a
 * measurable share of each insert.
 */
interface InsertShape {
  columns: ColumnInfo[];
  defaults: unknown[];
  sql: string;
}

const insertShapes = new Map<SyncedTableName, InsertShape>();

function insertShapeOf(table: SyncedTableName): InsertShape {
  let shape = insertShapes.get(table);
  if (!shape) {
    const columns = [...columnsOf(table).values()].filter((info) => !metaColumns.has(info.name));
    const names = ['id', 'created_at', 'updated_at', ...columns.map((info) => info.name)];
    shape = {
      columns,
      defaults: columns.map(defaultOf),
      sql: `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    };
    insertShapes.set(table, shape);
  }
  return shape;
}

/** Refuses a value for a column the table does not have, or one only the funnel sets (id, times). */
function checkInsertColumns(table: SyncedTableName, values: Record<string, unknown>): void {
  const columns = columnsOf(table);
  for (const prop in values) {
    if (values[prop] === undefined) continue;
    const info = columns.get(prop);
    if (!info || metaColumns.has(info.name)) throw new Error(`The funnel does not write ${table}.${prop}`);
  }
}

/**
 * The parameters of a new row's INSERT (id, times, then every column: its value or its
 * default) and what the log keeps of it (every column but the id that is not null, in
 * the same order); a required column left empty is refused.
 */
function newRow(
  table: SyncedTableName,
  id: string,
  nowIso: string,
  values: Record<string, unknown>,
): { params: unknown[]; logged: Map<string, unknown> } {
  checkInsertColumns(table, values);
  const { columns, defaults } = insertShapeOf(table);
  const params: unknown[] = [id, nowIso, nowIso];
  const logged = new Map<string, unknown>([
    ['created_at', nowIso],
    ['updated_at', nowIso],
  ]);
  let missing: FieldError[] | null = null;
  for (let i = 0; i < columns.length; i++) {
    const info = columns[i] as ColumnInfo;
    const given = values[info.prop];
    const value = given === undefined ? defaults[i] : toDriver(info, given);
    if (value === null && info.column.notNull)
      (missing ??= []).push({ path: [info.prop], code: 'required', message: `${info.prop} is required` });
    params.push(value);
    if (value !== null) logged.set(info.name, value);
  }
  if (missing !== null) throw new AppError('VALIDATION', `Missing required values for ${table}`, missing);
  return { params, logged };
}

export function applyChanges(ctx: ServiceContext, writes: readonly Write[]): FunnelResult {
  const { sqlite, deviceId } = ctx.db;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const tx = ctx.action ?? stampedId(now.getTime());
  const userId = ctx.actor.userId;

  const merged = mergeClients(writes);
  const run = sqlite.transaction((): FunnelResult => {
    const ids: string[] = [];
    const tables = new Set<SyncedTableName>();
    // The clock state is read once and written once per call (inside the transaction,
    // so a second process writing the same file cannot interleave), ticking in memory.
    const lastText = prepare(sqlite, "SELECT value FROM local_state WHERE key = 'hlc'").pluck().get() as string | undefined;
    let last: Hlc | null = lastText ? parseHlc(lastText) : null;
    const source = sourceOf(sqlite, tx, deviceId, userId);
    for (const write of writes) {
      const hlc = (last = tickHlc(last, now.getTime(), deviceId));
      const log = (rowId: string, values: Map<string, unknown> | null, previous: Map<string, unknown> | null) =>
        appendLog(sqlite, {
          hlc,
          source,
          table: write.table,
          rowId,
          values: values ? encodeValues(sqlite, write.table, hlc.millis, values) : null,
          previous: previous ? encodePrevious(sqlite, write.table, previous) : null,
        });
      tables.add(write.table);

      if (write.op === 'insert') {
        const id = write.id ?? stampedId(now.getTime());
        const { params, logged } = newRow(write.table, id, nowIso, write.values);
        prepare(sqlite, insertShapeOf(write.table).sql).run(params);
        log(id, canReference(write.table, logged) ? null : logged, null);
        ids.push(id);
        continue;
      }

      const existing = prepare(sqlite, `SELECT * FROM "${write.table}" WHERE id = ?`).get(write.id) as Record<string, unknown> | undefined;
      if (!existing) throw notFound(write.table, write.id);

      let changed: Map<string, unknown>;
      if (write.op === 'update') {
        if (existing['deleted_at'] !== null) throw notFound(write.table, write.id);
        const given = checkColumns(write.table, write.values);
        const repoint = [...given].every(([name, value]) => isRepoint(name, value, merged));
        if (appendOnlyTables.has(write.table) && !repoint) throw conflict(`${write.table} rows cannot be edited once written`);
        changed = new Map();
        for (const [name, value] of given) {
          if (existing[name] === value) continue;
          if (immutableColumns[write.table]?.includes(name) && !isRepoint(name, value, merged))
            throw conflict(`${write.table}.${name} cannot be changed once recorded`, [name], 'immutable');
          changed.set(name, value);
        }
      } else if (write.op === 'delete') {
        if (existing['deleted_at'] !== null) {
          ids.push(write.id);
          continue;
        }
        changed = new Map([['deleted_at', nowIso]]);
      } else {
        changed = existing['deleted_at'] === null ? new Map() : new Map([['deleted_at', null]]);
      }

      ids.push(write.id);
      if (changed.size === 0) continue;
      changed.set('updated_at', nowIso);
      const names = [...changed.keys()];
      materialise(sqlite, write.table, write.id);
      prepare(sqlite, `UPDATE "${write.table}" SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE id = ?`).run(
        ...changed.values(),
        write.id,
      );
      log(write.id, changed, new Map(names.map((name) => [name, existing[name]])));
    }
    if (last)
      prepare(sqlite, "INSERT INTO local_state (key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
        formatHlc(last),
      );
    return { tx, ids, tables: [...tables] };
  });

  try {
    return run();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new AppError('NOT_FOUND', 'A referenced record does not exist', [{ path: [], code: 'not_found', message: error.message }]);
    }
    throw error;
  }
}
