/**
 * Real erasure, for data-protection requests: the one sanctioned raw DELETE of
 * synced tables (everything else goes through the funnel, and
 * tests/integration/funnel.test.ts names this file as the only exception).
 *
 * Purging a soft-deleted record erases it, every row that hangs off it (found
 * from the schema's foreign keys, so a table added later is covered without
 * touching this file), reminder states about any of them, and every change-log
 * entry describing any of them — the log holds every value a row ever had, so
 * a purge that left it would erase nothing. Rows that merely point at the
 * record through an optional link (a sibling whose guardian is purged, a cohort
 * whose teacher is purged) are not erased but unlinked, through the funnel, so
 * their history stays true and the log still replays onto the tables. The
 * client search index follows through its triggers; the caller VACUUMs outside
 * the transaction afterwards and rebuilds the index (VACUUM may renumber rowids).
 */
import type Database from 'better-sqlite3';
import type { PurgeResult } from '../../src-shared/api/audit-methods';
import { AppError, invalid } from '../../src-shared/errors';
import type { ServiceContext } from '../core/context';
import { applyChanges, type Write } from './funnel';
import { appendOnlyTables, syncedTables, type SyncedTableName } from '../db/schema';

interface Reference {
  table: SyncedTableName;
  column: string;
  notNull: boolean;
}

/** Tables whose rows, even when their link is optional, are about the linked record and go with it. */
const ownedWhenLinked: ReadonlySet<SyncedTableName> = new Set(['tasks', 'activities', 'attendance', 'payment_allocations']);

export function isSyncedTable(table: string): table is SyncedTableName {
  return Object.prototype.hasOwnProperty.call(syncedTables, table);
}

function referencesTo(sqlite: Database.Database): Map<SyncedTableName, Reference[]> {
  const result = new Map<SyncedTableName, Reference[]>();
  for (const table of Object.keys(syncedTables) as SyncedTableName[]) {
    const notNull = new Map(
      (sqlite.pragma(`table_info("${table}")`) as { name: string; notnull: number }[]).map((c) => [c.name, c.notnull === 1]),
    );
    for (const fk of sqlite.pragma(`foreign_key_list("${table}")`) as { table: string; from: string }[]) {
      if (!isSyncedTable(fk.table)) continue;
      const list = result.get(fk.table) ?? [];
      list.push({ table, column: fk.from, notNull: notNull.get(fk.from) ?? false });
      result.set(fk.table, list);
    }
  }
  return result;
}

/**
 * Erases a soft-deleted record and what hangs off it. Runs inside the caller's
 * transaction; throws (changing nothing) for a live or unknown record.
 */
export function purgeRecord(ctx: ServiceContext, table: string, id: string): PurgeResult {
  const { sqlite } = ctx.db;
  if (!isSyncedTable(table) || table === 'settings') throw invalid(['table'], 'unknown_table', `Records of ${table} cannot be purged`);
  const root = sqlite.prepare(`SELECT deleted_at AS deletedAt FROM "${table}" WHERE id = ?`).get(id) as
    { deletedAt: string | null } | undefined;
  if (!root) throw new AppError('NOT_FOUND', `No ${table} record ${id}`, [{ path: ['id'], code: 'not_found', message: 'No such record' }]);
  if (root.deletedAt === null)
    throw new AppError('CONFLICT', 'Delete the record first: only deleted records can be purged', [
      { path: ['id'], code: 'not_deleted', message: 'Delete the record first' },
    ]);
  if (table === 'users') {
    const owners = sqlite
      .prepare("SELECT count(*) AS n FROM users WHERE role = 'owner' AND active = 1 AND deleted_at IS NULL AND id <> ?")
      .get(id) as { n: number };
    if (owners.n === 0) throw new AppError('CONFLICT', 'The school needs at least one active owner');
  }

  const refs = referencesTo(sqlite);
  const doomed = new Map<SyncedTableName, Set<string>>();
  const unlink: { table: SyncedTableName; id: string; column: string; deleted: boolean }[] = [];
  const queue: [SyncedTableName, string][] = [[table, id]];
  while (queue.length > 0) {
    const [t, rowId] = queue.shift() as [SyncedTableName, string];
    const set = doomed.get(t) ?? new Set<string>();
    if (set.has(rowId)) continue;
    set.add(rowId);
    doomed.set(t, set);
    for (const ref of refs.get(t) ?? []) {
      const children = sqlite.prepare(`SELECT id, deleted_at AS deletedAt FROM "${ref.table}" WHERE "${ref.column}" = ?`).all(rowId) as {
        id: string;
        deletedAt: string | null;
      }[];
      const erase = ref.notNull || ownedWhenLinked.has(ref.table) || appendOnlyTables.has(ref.table);
      for (const child of children) {
        if (erase) queue.push([ref.table, child.id]);
        else unlink.push({ table: ref.table, id: child.id, column: ref.column, deleted: child.deletedAt !== null });
      }
    }
  }

  const stillLinked = unlink.filter((u) => !doomed.get(u.table)?.has(u.id));
  if (stillLinked.length > 0) {
    // A deleted row cannot be edited, so it is brought back, unlinked and deleted again in the same funnel call.
    applyChanges(
      ctx,
      stillLinked.flatMap((u): Write[] => {
        const update: Write = { op: 'update', table: u.table, id: u.id, values: { [camel(u.column)]: null } };
        return u.deleted ? [{ op: 'restore', table: u.table, id: u.id }, update, { op: 'delete', table: u.table, id: u.id }] : [update];
      }),
    );
  }

  const allIds = [...doomed.values()].flatMap((s) => [...s]);
  const erased: Record<string, number> = {};
  let changesErased = 0;
  const deleteChanges = sqlite.prepare('DELETE FROM changes WHERE table_name = ? AND row_id = ?');
  // Children first, so no foreign key points at a row that is already gone.
  const order = [...doomed.keys()].reverse();
  sqlite.pragma('defer_foreign_keys = ON');
  for (const t of order) {
    const del = sqlite.prepare(`DELETE FROM "${t}" WHERE id = ?`);
    for (const rowId of doomed.get(t) ?? []) {
      erased[t] = (erased[t] ?? 0) + del.run(rowId).changes;
      changesErased += deleteChanges.run(t, rowId).changes;
    }
  }
  const states = sqlite.prepare('SELECT id FROM reminder_states WHERE subject_id = ?');
  const delState = sqlite.prepare('DELETE FROM reminder_states WHERE id = ?');
  for (const subject of allIds) {
    for (const { id: stateId } of states.all(subject) as { id: string }[]) {
      erased['reminder_states'] = (erased['reminder_states'] ?? 0) + delState.run(stateId).changes;
      changesErased += deleteChanges.run('reminder_states', stateId).changes;
    }
  }
  return { table, id, erased, changesErased };
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** After the purge's transaction committed: give the freed pages back and rebuild the search index. */
export function compactAfterPurge(sqlite: Database.Database, rebuildSearch: (sqlite: Database.Database) => void): void {
  // FTS5 keeps deleted terms in its segments until they are merged: merge before and after rebuilding.
  const optimizeSearch = () => sqlite.prepare("INSERT INTO clients_fts (clients_fts) VALUES ('optimize')").run();
  optimizeSearch();
  sqlite.exec('VACUUM');
  rebuildSearch(sqlite);
  optimizeSearch();
  // The write-ahead log still holds the erased pages until it is folded back and emptied.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
