/**
 * Undo, read off the change log. Every funnel call logs one entry per column with
 * the value before it (`previous`) under one `tx`, so reverting an action means
 * writing those previous values back — through the funnel again, so the undo is
 * itself logged, synced and replayable, and `logDrift` stays empty.
 *
 * How each kind of write is reverted:
 *  - an edit: the edited columns get their previous values back;
 *  - a new row: soft-deleted (its history and timeline rows with it, as they were
 *    written by the same action) — except a payment, which is money and is never
 *    made to vanish, and a receipt, whose number must stay used: each is voided
 *    with the reason "undone";
 *  - a delete: restored; a restore: deleted again.
 *
 * Undo is per user: it reverts the acting user's newest action not yet undone and
 * refuses (CONFLICT) when someone else has since changed one of the same fields,
 * because writing old values over their newer work would lose it silently. Which
 * actions were undone is this device's own bookkeeping in `local_state`, so two
 * undos in a row revert two actions instead of undoing the undo.
 *
 * An undo is refused (FORBIDDEN, nothing written) when its writes need a
 * capability the person lacks, judged by the same table as every other write
 * (services/rights.ts): undoing a create soft-deletes, which needs
 * `records.delete`; undoing a payment voids it, which needs `payments.void`;
 * putting a price back needs `prices.write`. Otherwise undo would be a back door
 * around the role.
 *
 * An action is one router call: the router gives every call an action id that
 * all its funnel writes share as `tx`, so a composed call (the one-call New
 * enrollment, an import, moving a child to another group) is undone as one.
 * What the system writes on its own (the default message templates at init and
 * on repair) is logged with no user, so it is on nobody's stack: Ctrl+Z always
 * reverts something the person did. Each action is listed with the name of its
 * record ("New client: Kovács Anna"), read when listed, so a rename shows too.
 */
import type { HistoryAction, UndoResult } from '../../src-shared/api/history-methods';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import { conflict, notFound } from '../../src-shared/errors';
import { readLocal, writeLocal } from '../db/connection';
import { applyChanges, columnsOf, type Write } from '../changes/funnel';
import type { SyncedTableName } from '../db/schema';
import type { ServiceContext } from '../core/context';
import { requireWriteRights } from './rights';

interface Entry {
  seq: number;
  tx: string;
  hlc: string;
  table: SyncedTableName;
  rowId: string;
  column: string;
  value: string | null;
  previous: string | null;
}

const bookkeepingColumns = new Set(['updated_at', 'created_at']);

const undoneKey = (tx: string) => `undo:undone:${tx}`;
const undoKey = (tx: string) => `undo:is-undo:${tx}`;

function entriesOf(ctx: Pick<ServiceContext, 'db'>, tx: string): Entry[] {
  return ctx.db.sqlite
    .prepare(
      'SELECT seq, tx, hlc, table_name AS "table", row_id AS rowId, "column", value, previous FROM changes WHERE tx = ? ORDER BY seq',
    )
    .all(tx) as Entry[];
}

/** The user's transactions, newest first, without the undos themselves. */
function userTransactions(ctx: ServiceContext, limit: number): { tx: string; at: number }[] {
  const out: { tx: string; at: number }[] = [];
  // Read from the log's own tables rather than the `changes` view, which would expand every
  // entry of the log (millions in a large school) only to group them back: each of the user's
  // actions takes its last seq from the source index. An erasure is never undone: its action
  // (which holds erase entries, listed by their own partial index) is not offered.
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT s.tx AS tx, max((SELECT max(c.seq) FROM change_log c WHERE c.source = s.id)) AS at
         FROM change_sources s
        WHERE s.user_id = ?
          AND s.tx NOT IN (SELECT es.tx FROM change_log e JOIN change_sources es ON es.id = e.source WHERE e.table_name = 'erasures')
        GROUP BY s.tx HAVING at IS NOT NULL ORDER BY at DESC`,
    )
    .iterate(ctx.actor.userId ?? '') as Iterable<{ tx: string; at: number }>;
  for (const row of rows) {
    if (readLocal(ctx.db.sqlite, undoKey(row.tx))) continue;
    out.push(row);
    if (out.length >= limit) break;
  }
  return out;
}

/** "Kovács Anna — Angol B1 (tavasz)": an enrollment (the row `where` selects) by its client and place. */
const enrollmentName = (where: string): string =>
  `SELECT c.display_name || ' — ' || p.name || coalesce(' (' || h.name || ')', '')
   FROM enrollments e JOIN clients c ON c.id = e.client_id JOIN programs p ON p.id = e.program_id
   LEFT JOIN cohorts h ON h.id = e.cohort_id WHERE e.id = ${where}`;

/** How each table's row is named in the undo menu (one `?`: the row id); tables missing here have no name. */
const nameQueries: Partial<Record<SyncedTableName, string>> = {
  clients: 'SELECT display_name FROM clients WHERE id = ?',
  enrollments: enrollmentName('?'),
  enrollment_status_history: enrollmentName('(SELECT enrollment_id FROM enrollment_status_history WHERE id = ?)'),
  instalments: enrollmentName('(SELECT enrollment_id FROM instalments WHERE id = ?)'),
  attendance: enrollmentName('(SELECT enrollment_id FROM attendance WHERE id = ?)'),
  payments: 'SELECT c.display_name FROM payments x JOIN clients c ON c.id = x.client_id WHERE x.id = ?',
  payment_allocations:
    'SELECT c.display_name FROM payment_allocations a JOIN payments x ON x.id = a.payment_id JOIN clients c ON c.id = x.client_id WHERE a.id = ?',
  activities: 'SELECT c.display_name FROM activities a JOIN clients c ON c.id = a.client_id WHERE a.id = ?',
  cohorts: 'SELECT name FROM cohorts WHERE id = ?',
  lessons: 'SELECT h.name FROM lessons l JOIN cohorts h ON h.id = l.cohort_id WHERE l.id = ?',
  closures: 'SELECT name FROM closures WHERE id = ?',
  packages: 'SELECT c.display_name FROM packages k JOIN clients c ON c.id = k.holder_client_id WHERE k.id = ?',
  package_freezes:
    'SELECT c.display_name FROM package_freezes f JOIN packages k ON k.id = f.package_id JOIN clients c ON c.id = k.holder_client_id WHERE f.id = ?',
  teacher_rates: 'SELECT t.name FROM teacher_rates r JOIN teachers t ON t.id = r.teacher_id WHERE r.id = ?',
  receipts:
    'SELECT c.display_name FROM receipts r JOIN payments x ON x.id = r.payment_id JOIN clients c ON c.id = x.client_id WHERE r.id = ?',
  campaigns: 'SELECT name FROM campaigns WHERE id = ?',
  programs: 'SELECT name FROM programs WHERE id = ?',
  teachers: 'SELECT name FROM teachers WHERE id = ?',
  rooms: 'SELECT name FROM rooms WHERE id = ?',
  users: 'SELECT display_name FROM users WHERE id = ?',
  tasks: 'SELECT title FROM tasks WHERE id = ?',
  message_templates: 'SELECT name FROM message_templates WHERE id = ?',
  saved_views: 'SELECT name FROM saved_views WHERE id = ?',
  import_batches: 'SELECT file_name FROM import_batches WHERE id = ?',
  settings: 'SELECT school_name FROM settings WHERE id = ?',
};

/** The name of a row as people know it, whether or not it is deleted; null when it has none or was erased. */
function recordName(ctx: Pick<ServiceContext, 'db'>, table: SyncedTableName, rowId: string): string | null {
  const sql = nameQueries[table];
  if (!sql) return null;
  const name = ctx.db.sqlite.prepare(sql).pluck().get(rowId) as string | null | undefined;
  return name ?? null;
}

function describe(ctx: Pick<ServiceContext, 'db'>, tx: string, entries: Entry[]): HistoryAction {
  const first = entries[0];
  if (!first) throw notFound('Action', tx, ['tx']);
  const mainRow = entries.filter((e) => e.table === first.table && e.rowId === first.rowId);
  const deleted = mainRow.find((e) => e.column === 'deleted_at');
  const kind: HistoryAction['kind'] = mainRow.some((e) => e.column === 'created_at')
    ? 'insert'
    : deleted
      ? deleted.value === 'null'
        ? 'restore'
        : 'delete'
      : 'update';
  const at =
    (ctx.db.sqlite.prepare('SELECT value FROM changes WHERE tx = ? AND "column" = \'updated_at\' ORDER BY seq LIMIT 1').pluck().get(tx) as
      string | undefined) ?? null;
  return {
    tx,
    at: at ? (JSON.parse(at) as string) : first.hlc,
    tables: [...new Set(entries.map((e) => e.table))],
    kind,
    table: first.table,
    rowId: first.rowId,
    name: recordName(ctx, first.table, first.rowId),
    columns: kind === 'update' ? [...new Set(mainRow.map((e) => e.column).filter((c) => !bookkeepingColumns.has(c)))] : [],
    undone: readLocal(ctx.db.sqlite, undoneKey(tx)) !== undefined,
  };
}

export function recentActions(ctx: ServiceContext, input: MethodParsedInput<'history.recent'>): HistoryAction[] {
  return userTransactions(ctx, input.limit).map(({ tx }) => describe(ctx, tx, entriesOf(ctx, tx)));
}

const decode = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** The writes that put every row this action touched back as it was before. */
function revertWrites(ctx: ServiceContext, entries: Entry[]): Write[] {
  const rows = new Map<string, Entry[]>();
  for (const entry of entries) {
    const key = `${entry.table}\u0000${entry.rowId}`;
    const list = rows.get(key);
    if (list) list.push(entry);
    else rows.set(key, [entry]);
  }
  const writes: Write[] = [];
  for (const rowEntries of rows.values()) {
    const { table, rowId } = rowEntries[0] as Entry;
    const live = ctx.db.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(rowId) as Record<string, unknown> | undefined;
    if (!live) throw notFound(table, rowId);
    if (rowEntries.some((e) => e.column === 'created_at')) {
      // Money and receipt numbers never vanish: a payment or a receipt is voided instead (a receipt's number stays used).
      if (table === 'payments' || table === 'receipts') {
        if (live['voided_at'] === null)
          writes.push({ op: 'update', table, id: rowId, values: { voidedAt: ctx.clock.now().toISOString(), voidReason: 'undone' } });
      } else {
        writes.push({ op: 'delete', table, id: rowId });
      }
      continue;
    }
    const deleted = rowEntries.find((e) => e.column === 'deleted_at');
    if (deleted) {
      writes.push({ op: decode(deleted.value) === null ? 'delete' : 'restore', table, id: rowId });
      continue;
    }
    if (live['deleted_at'] !== null)
      throw conflict(`This ${table} row was deleted since: restore it before undoing the edit`, ['tx'], 'deleted_since');
    const columns = columnsOf(table);
    const byName = new Map([...columns.values()].map((info) => [info.name, info.prop]));
    const values: Record<string, unknown> = {};
    for (const entry of rowEntries) {
      if (bookkeepingColumns.has(entry.column)) continue;
      const prop = byName.get(entry.column);
      if (prop) values[prop] = decode(entry.previous);
    }
    if (Object.keys(values).length > 0) writes.push({ op: 'update', table, id: rowId, values });
  }
  return writes;
}

export function undoLast(ctx: ServiceContext, input: MethodParsedInput<'history.undo'>): UndoResult {
  const candidates = userTransactions(ctx, 200).filter(({ tx }) => readLocal(ctx.db.sqlite, undoneKey(tx)) === undefined);
  const target = candidates[0];
  if (!target) throw conflict('There is nothing of yours left to undo', ['tx'], 'nothing_to_undo');
  if (input.tx && input.tx !== target.tx) throw conflict('Only your latest action can be undone', ['tx'], 'not_latest');

  const entries = entriesOf(ctx, target.tx);
  const action = describe(ctx, target.tx, entries);
  const overwritten = ctx.db.sqlite.prepare(
    `SELECT 1 FROM changes c
      WHERE c.seq > ? AND c.table_name = ? AND c.row_id = ? AND c."column" IN (SELECT value FROM json_each(?))
        AND c.user_id IS NOT ? LIMIT 1`,
  );
  const byRow = new Map<string, { table: string; rowId: string; columns: string[] }>();
  for (const entry of entries) {
    if (bookkeepingColumns.has(entry.column)) continue;
    const key = `${entry.table}\u0000${entry.rowId}`;
    const row = byRow.get(key) ?? { table: entry.table, rowId: entry.rowId, columns: [] };
    row.columns.push(entry.column);
    byRow.set(key, row);
  }
  for (const row of byRow.values()) {
    if (overwritten.get(target.at, row.table, row.rowId, JSON.stringify(row.columns), ctx.actor.userId)) {
      throw conflict('Someone else has changed this since: undoing would overwrite their change', ['tx'], 'changed_since');
    }
  }

  const writes = revertWrites(ctx, entries);
  // The inverse needs what it would need done by hand: an assistant's own new
  // client is not soft-deleted by their undo, nor their own payment voided.
  requireWriteRights(ctx, writes, () => ['tx']);
  const { tx } = writes.length > 0 ? applyChanges(ctx, writes) : { tx: `noop-${target.tx}` };
  writeLocal(ctx.db.sqlite, undoneKey(target.tx), tx);
  writeLocal(ctx.db.sqlite, undoKey(tx), target.tx);
  return { undone: { ...action, undone: true }, tx };
}
