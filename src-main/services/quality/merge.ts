/**
 * Merging a duplicate client into the one kept. Nothing is lost and nothing is
 * copied: every row that names the duplicate (enrollments, payments, activities,
 * tasks, packages, the children it is guardian of — found from the schema's
 * foreign keys, so a table added later moves too) is re-pointed to the kept
 * client, the kept client takes the field values the person chose side by side,
 * and the duplicate stays as an archived row that says whom it was merged into.
 *
 * All of it is one funnel call, so it is one action: it syncs as one transaction
 * (sync/policy.ts accepts the re-pointing of payments' and activities' otherwise
 * fixed `client_id` only in a transaction that writes the duplicate's
 * `merged_into_id`), and one undo writes every previous value back — the undo's
 * own call writes `merged_into_id` back to null, which is what lets it move the
 * rows home again. Soft-deleted rows are left where they are (they are not moved
 * and not shown), which keeps undo exact.
 */
import { getTableColumns } from 'drizzle-orm';
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import { mergeFields, type MergeField, type MergePreview, type MergeResult, type MergeSide } from '../../../src-shared/api/quality-methods';
import { conflict, notFound } from '../../../src-shared/errors';
import { references } from '../../changes/erasure';
import { applyChanges, columnsOf, type Write } from '../../changes/funnel';
import { clients, type SyncedTableName } from '../../db/schema';
import type { ServiceContext } from '../../core/context';
import { requireWriteRights } from '../rights';

type ClientRow = Record<string, unknown> & {
  id: string;
  deleted_at: string | null;
  merged_into_id: string | null;
  guardian_id: string | null;
};

const columnOf = new Map(Object.entries(getTableColumns(clients)).map(([prop, column]) => [prop, column.name]));

function liveClient(ctx: Pick<ServiceContext, 'db'>, id: string, path: string): ClientRow {
  const row = ctx.db.sqlite.prepare('SELECT * FROM clients WHERE id = ?').get(id) as ClientRow | undefined;
  if (!row || row.deleted_at !== null) throw notFound('Client', id, [path]);
  if (row.merged_into_id !== null) throw conflict('This client was already merged into another', [path], 'already_merged');
  return row;
}

/** The synced tables' columns that point at a client, from the schema's foreign keys. */
function clientLinks(ctx: Pick<ServiceContext, 'db'>): { table: SyncedTableName; column: string }[] {
  return references(ctx.db.sqlite)
    .filter((ref) => ref.target === 'clients')
    .map(({ table, column }) => ({ table, column }));
}

function rowsNaming(ctx: Pick<ServiceContext, 'db'>, table: string, column: string, clientId: string): string[] {
  return ctx.db.sqlite.prepare(`SELECT id FROM "${table}" WHERE "${column}" = ? AND deleted_at IS NULL`).pluck().all(clientId) as string[];
}

function count(ctx: Pick<ServiceContext, 'db'>, sql: string, id: string): number {
  return ctx.db.sqlite.prepare(sql).pluck().get(id) as number;
}

function countsOf(ctx: Pick<ServiceContext, 'db'>, id: string): MergeSide['counts'] {
  const live = 'deleted_at IS NULL';
  return {
    enrollments: count(ctx, `SELECT count(*) FROM enrollments WHERE client_id = ? AND ${live}`, id),
    payments: count(ctx, `SELECT count(*) FROM payments WHERE client_id = ? AND ${live}`, id),
    instalments: count(
      ctx,
      `SELECT count(*) FROM instalments i JOIN enrollments e ON e.id = i.enrollment_id WHERE e.client_id = ? AND i.deleted_at IS NULL AND e.deleted_at IS NULL`,
      id,
    ),
    activities: count(ctx, `SELECT count(*) FROM activities WHERE client_id = ? AND ${live}`, id),
    attendance: count(
      ctx,
      `SELECT count(*) FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id WHERE e.client_id = ? AND a.deleted_at IS NULL AND e.deleted_at IS NULL`,
      id,
    ),
    tasks: count(ctx, `SELECT count(*) FROM tasks WHERE client_id = ? AND ${live}`, id),
    wards: count(ctx, `SELECT count(*) FROM clients WHERE guardian_id = ? AND ${live}`, id),
  };
}

function sideOf(ctx: Pick<ServiceContext, 'db'>, row: ClientRow): MergeSide {
  const values = Object.fromEntries(
    mergeFields.map((field) => {
      const value = row[columnOf.get(field) as string];
      return [field, field === 'marketingConsent' ? value === 1 : ((value as string | null) ?? null)];
    }),
  ) as MergeSide['values'];
  const guardianName = row.guardian_id
    ? ((ctx.db.sqlite.prepare('SELECT display_name FROM clients WHERE id = ?').pluck().get(row.guardian_id) as string | undefined) ?? null)
    : null;
  return {
    id: row.id,
    createdAt: row['created_at'] as string,
    archived: row['archived'] === 1,
    values,
    guardianName,
    tags: JSON.parse((row['tags'] as string) || '[]') as string[],
    counts: countsOf(ctx, row.id),
  };
}

function checkPair(ctx: Pick<ServiceContext, 'db'>, keepId: string, mergeId: string): [ClientRow, ClientRow] {
  if (keepId === mergeId) throw conflict('Choose two different clients', ['mergeId'], 'same_client');
  const keep = liveClient(ctx, keepId, 'keepId');
  const merge = liveClient(ctx, mergeId, 'mergeId');
  if (keep.guardian_id === merge.id || merge.guardian_id === keep.id)
    throw conflict('A client cannot be merged with their own guardian', ['mergeId'], 'guardian_pair');
  return [keep, merge];
}

export function mergePreview(ctx: ServiceContext, input: MethodParsedInput<'quality.mergePreview'>): MergePreview {
  const [keep, merge] = checkPair(ctx, input.keepId, input.mergeId);
  return { keep: sideOf(ctx, keep), merge: sideOf(ctx, merge) };
}

/** The kept client's new values: each field taken from the side the person chose; tags and extra columns united. */
function keptValues(
  keep: MergeSide,
  merge: MergeSide,
  take: Partial<Record<MergeField, 'keep' | 'merge'>>,
  keepRow: ClientRow,
  mergeRow: ClientRow,
) {
  const values: Record<string, unknown> = {};
  for (const field of mergeFields) {
    if (take[field] === 'merge' && merge.values[field] !== keep.values[field]) values[field] = merge.values[field];
  }
  const tags = [...new Set([...keep.tags, ...merge.tags])];
  if (tags.length !== keep.tags.length) values['tags'] = JSON.stringify(tags);
  const extra = { ...(JSON.parse(mergeRow['extra'] as string) as object), ...(JSON.parse(keepRow['extra'] as string) as object) };
  if (JSON.stringify(extra) !== keepRow['extra']) values['extra'] = JSON.stringify(extra);
  if (keepRow['archived'] === 1 && mergeRow['archived'] !== 1) values['archived'] = false;
  return values;
}

export function mergeClients(ctx: ServiceContext, input: MethodParsedInput<'quality.merge'>): MergeResult {
  const [keepRow, mergeRow] = checkPair(ctx, input.keepId, input.mergeId);
  const keep = sideOf(ctx, keepRow);
  const merge = sideOf(ctx, mergeRow);
  const values = keptValues(keep, merge, input.take, keepRow, mergeRow);
  if (values['guardianId'] === keep.id) throw conflict('A client cannot be their own guardian', ['take', 'guardianId'], 'guardian_pair');

  const writes: Write[] = [];
  if (Object.keys(values).length > 0) writes.push({ op: 'update', table: 'clients', id: keep.id, values });
  writes.push({ op: 'update', table: 'clients', id: merge.id, values: { mergedIntoId: keep.id, archived: true } });
  for (const { table, column } of clientLinks(ctx)) {
    const prop = propOf(table, column);
    for (const id of rowsNaming(ctx, table, column, merge.id)) {
      if (table === 'clients' && id === keep.id) continue;
      writes.push({ op: 'update', table, id, values: { [prop]: keep.id } });
    }
  }
  requireWriteRights(ctx, writes, () => ['mergeId']);
  applyChanges(ctx, writes);
  return { keptId: keep.id, mergedId: merge.id, moved: merge.counts };
}

/** The camelCase property the funnel writes for a database column. */
function propOf(table: SyncedTableName, column: string): string {
  for (const info of columnsOf(table).values()) if (info.name === column) return info.prop;
  throw new Error(`No column ${table}.${column}`);
}
