/**
 * The audit trail, read from the change log the funnel writes: nothing is
 * recorded twice, so the history cannot disagree with what happened. Entries
 * are one change-log transaction on one row (one user action), with each
 * column's value before and after, the user (by today's display name) and the
 * device. Password hashes are shown only as "changed".
 *
 * A record's history is open to anyone who may read clients, but only for the
 * tables that make up a client's file; settings, accounts and the catalogue's
 * history, and the global log, need `audit.read` (the owner).
 */
import type { AuditColumnChange, AuditEntry, AuditPage, DeletedRecord, PurgeResult } from '../../src-shared/api/audit-methods';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import { AppError, invalid } from '../../src-shared/errors';
import { parseHlc } from '../../src-shared/hlc';
import { applyChanges } from '../changes/funnel';
import { isSyncedTable, purgeRecord } from '../changes/purge';
import type { SyncedTableName } from '../db/schema';
import { actorCan } from './auth';
import type { ServiceContext } from '../core/context';

/** Tables whose history belongs to a client's file. */
const clientFileTables: ReadonlySet<string> = new Set([
  'clients',
  'enrollments',
  'enrollment_status_history',
  'instalments',
  'payments',
  'payment_allocations',
  'activities',
  'tasks',
  'attendance',
]);

const hiddenColumns: ReadonlySet<string> = new Set(['password_hash']);
const hidden = '••••••';

interface ChangeRow {
  seq: number;
  hlc: string;
  tx: string;
  deviceId: string;
  userId: string | null;
  userName: string | null;
  tableName: string;
  rowId: string;
  column: string;
  value: string | null;
  previous: string | null;
}

const changeColumns = `c.seq, c.hlc, c.tx, c.device_id AS deviceId, c.user_id AS userId, u.display_name AS userName,
  c.table_name AS tableName, c.row_id AS rowId, c."column" AS "column", c.value, c.previous`;

function decode(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Groups change rows (any order) into entries, newest first. */
function entriesOf(rows: readonly ChangeRow[]): AuditEntry[] {
  const groups = new Map<string, { rows: ChangeRow[]; maxSeq: number }>();
  for (const row of rows) {
    const key = `${row.tx}\u0000${row.tableName}\u0000${row.rowId}`;
    const group = groups.get(key) ?? { rows: [], maxSeq: 0 };
    group.rows.push(row);
    group.maxSeq = Math.max(group.maxSeq, row.seq);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.maxSeq - a.maxSeq)
    .map(({ rows: group }) => {
      const first = group.reduce((a, b) => (a.seq < b.seq ? a : b));
      const columns = new Set(group.map((r) => r.column));
      const deleted = group.find((r) => r.column === 'deleted_at');
      const kind: AuditEntry['kind'] = columns.has('created_at')
        ? 'insert'
        : deleted
          ? decode(deleted.value) === null
            ? 'restore'
            : 'delete'
          : 'update';
      const changes: AuditColumnChange[] = group
        .filter((r) => r.column !== 'updated_at' && r.column !== 'created_at')
        .sort((a, b) => a.seq - b.seq)
        .map((r) =>
          hiddenColumns.has(r.column)
            ? {
                column: r.column,
                before: r.previous === null || decode(r.previous) === null ? null : hidden,
                after: decode(r.value) === null ? null : hidden,
              }
            : { column: r.column, before: decode(r.previous), after: decode(r.value) },
        );
      return {
        tx: first.tx,
        at: new Date(parseHlc(first.hlc).millis).toISOString(),
        userId: first.userId,
        userName: first.userName,
        deviceId: first.deviceId,
        table: first.tableName,
        rowId: first.rowId,
        kind,
        changes,
      };
    });
}

function knownTable(table: string): SyncedTableName {
  if (!isSyncedTable(table)) throw invalid(['table'], 'unknown_table', `There is no table ${table}`);
  return table;
}

export function recordHistory(ctx: ServiceContext, input: MethodParsedInput<'audit.record'>): AuditEntry[] {
  const table = knownTable(input.table);
  if (!clientFileTables.has(table) && !actorCan(ctx, 'audit.read')) {
    throw new AppError('FORBIDDEN', 'Only the owner sees the history of this kind of record', [
      { path: ['table'], code: 'audit.read', message: 'forbidden' },
    ]);
  }
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT ${changeColumns} FROM changes c LEFT JOIN users u ON u.id = c.user_id WHERE c.table_name = ? AND c.row_id = ? ORDER BY c.seq`,
    )
    .all(table, input.id) as ChangeRow[];
  return entriesOf(rows);
}

/** Start of a calendar day (UTC) as an HLC prefix: HLC strings sort by their wall-clock milliseconds. */
function hlcAt(date: string, addDays = 0): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + addDays * 86_400_000;
  return String(ms).padStart(15, '0');
}

export function auditLog(ctx: ServiceContext, input: MethodParsedInput<'audit.log'>): AuditPage {
  if (input.table !== undefined) knownTable(input.table);
  if (input.from && input.to && input.from > input.to) throw invalid(['to'], 'before_from', 'The end date is before the start date');
  let cursor: number | null = null;
  if (input.cursor !== undefined) {
    cursor = Number(input.cursor);
    if (!Number.isSafeInteger(cursor) || cursor < 0) throw invalid(['cursor'], 'invalid', 'Not a cursor from audit.log');
  }
  // Erase entries name no record anyone can open any more; the audit log lists changes of records.
  const where: string[] = ["table_name <> 'erasures'"];
  const params: unknown[] = [];
  if (input.userId !== undefined) {
    where.push('user_id = ?');
    params.push(input.userId);
  }
  if (input.table !== undefined) {
    where.push('table_name = ?');
    params.push(input.table);
  }
  if (input.from !== undefined) {
    where.push('hlc >= ?');
    params.push(hlcAt(input.from));
  }
  if (input.to !== undefined) {
    where.push('hlc < ?');
    params.push(hlcAt(input.to, 1));
  }
  const groups = ctx.db.sqlite
    .prepare(
      `SELECT tx, table_name AS tableName, row_id AS rowId, max(seq) AS maxSeq FROM changes
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY tx, table_name, row_id
        ${cursor !== null ? 'HAVING max(seq) < ?' : ''}
        ORDER BY maxSeq DESC LIMIT ?`,
    )
    .all(...params, ...(cursor !== null ? [cursor] : []), input.limit + 1) as {
    tx: string;
    tableName: string;
    rowId: string;
    maxSeq: number;
  }[];
  const page = groups.slice(0, input.limit);
  const select = ctx.db.sqlite.prepare(
    `SELECT ${changeColumns} FROM changes c LEFT JOIN users u ON u.id = c.user_id WHERE c.tx = ? AND c.table_name = ? AND c.row_id = ?`,
  );
  const rows = page.flatMap((g) => select.all(g.tx, g.tableName, g.rowId) as ChangeRow[]);
  const last = page[page.length - 1];
  return { entries: entriesOf(rows), nextCursor: groups.length > input.limit && last ? String(last.maxSeq) : null };
}

const labelSql: Partial<Record<SyncedTableName, string>> = {
  clients: "coalesce(display_name, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')))",
  programs: 'name',
  teachers: 'name',
  rooms: 'name',
  cohorts: 'name',
  users: 'display_name',
  message_templates: 'name',
};

export function deletedRecords(ctx: ServiceContext, input: MethodParsedInput<'audit.deleted'>): DeletedRecord[] {
  const tables =
    input.table !== undefined
      ? [knownTable(input.table)]
      : (Object.keys(labelSql) as SyncedTableName[]).concat(['enrollments', 'payments', 'instalments', 'activities', 'tasks']);
  const result: DeletedRecord[] = [];
  for (const table of new Set(tables)) {
    const label = labelSql[table] ?? 'id';
    const rows = ctx.db.sqlite
      .prepare(
        `SELECT t.id, ${label} AS label, t.deleted_at AS deletedAt,
                (SELECT u.display_name FROM changes c LEFT JOIN users u ON u.id = c.user_id
                  WHERE c.table_name = ? AND c.row_id = t.id AND c."column" = 'deleted_at' ORDER BY c.seq DESC LIMIT 1) AS deletedBy
           FROM "${table}" t WHERE t.deleted_at IS NOT NULL ORDER BY t.deleted_at DESC LIMIT ?`,
      )
      .all(table, input.limit) as { id: string; label: string | null; deletedAt: string; deletedBy: string | null }[];
    for (const row of rows)
      result.push({ table, id: row.id, label: row.label ?? row.id, deletedAt: row.deletedAt, deletedBy: row.deletedBy });
  }
  return result.sort((a, b) => (a.deletedAt < b.deletedAt ? 1 : -1)).slice(0, input.limit);
}

export function restoreRecord(ctx: ServiceContext, input: MethodParsedInput<'audit.restore'>): DeletedRecord {
  const table = knownTable(input.table);
  if (table === 'settings') throw invalid(['table'], 'unknown_table', 'Settings are never deleted');
  const row = ctx.db.sqlite.prepare(`SELECT deleted_at AS deletedAt FROM "${table}" WHERE id = ?`).get(input.id) as
    { deletedAt: string | null } | undefined;
  if (!row)
    throw new AppError('NOT_FOUND', `No ${table} record ${input.id}`, [{ path: ['id'], code: 'not_found', message: 'No such record' }]);
  if (row.deletedAt === null)
    throw new AppError('CONFLICT', 'This record is not deleted', [
      { path: ['id'], code: 'not_deleted', message: 'This record is not deleted' },
    ]);
  applyChanges(ctx, [{ op: 'restore', table, id: input.id }]);
  const label = labelSql[table] ?? 'id';
  const restored = ctx.db.sqlite.prepare(`SELECT ${label} AS label FROM "${table}" WHERE id = ?`).get(input.id) as { label: string | null };
  return { table, id: input.id, label: restored.label ?? input.id, deletedAt: row.deletedAt, deletedBy: null };
}

export function purge(ctx: ServiceContext, input: MethodParsedInput<'records.purge'>): PurgeResult {
  return purgeRecord(ctx, input.table, input.id);
}
