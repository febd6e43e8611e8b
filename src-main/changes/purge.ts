/**
 * Real erasure, for data-protection requests: with erasure.ts, the one
 * sanctioned raw DELETE of synced tables (everything else goes through the
 * funnel, and tests/integration/funnel.test.ts names these files as the exceptions).
 *
 * Purging a soft-deleted record erases it, every row that hangs off it (found
 * from the schema's foreign keys, so a table added later is covered without
 * touching this file), reminder states about any of them, and every change-log
 * entry describing any of them — the log holds every value a row ever had, so
 * a purge that left it would erase nothing. Rows that merely point at the
 * record through an optional link (a sibling whose guardian is purged, a cohort
 * whose teacher is purged) are not erased but unlinked, through the funnel, so
 * their history stays true and the log still replays onto the tables. The
 * purge then logs signed erase entries that every other replica applies
 * (erasure.ts), and tombstones what it erased. The client search index follows
 * through its triggers; the caller VACUUMs outside the transaction afterwards
 * and rebuilds the index (VACUUM may renumber rowids).
 */
import type Database from 'better-sqlite3';
import type { PurgeResult } from '../../src-shared/api/audit-methods';
import { AppError, invalid } from '../../src-shared/errors';
import type { ServiceContext } from '../core/context';
import { applyChanges, newId, type Write } from './funnel';
import { COMPACT_DUE_KEY, collectDoomed, eraseDoomed, isSyncedTable, logErasures, saveErasureLedger } from './erasure';

export { isSyncedTable } from './erasure';

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

  const { doomed, unlink: stillLinked } = collectDoomed(sqlite, table, id);
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

  // The erase entries: one per erased row, the root first, in this action; every replica applies them (changes/erasure.ts).
  const rows = [...doomed].flatMap(([t, ids]) => [...ids].map((rowId) => ({ table: t, id: rowId })));
  const now = ctx.clock.now();
  const tx = ctx.action ?? newId(ctx);
  const hlc = logErasures(sqlite, { deviceId: ctx.db.deviceId, userId: ctx.actor.userId, tx, nowMillis: now.getTime() }, rows);
  const stamp = { erasedAt: now.toISOString(), hlc, tx, deviceId: ctx.db.deviceId, userId: ctx.actor.userId };
  const { erased, changesErased } = eraseDoomed(sqlite, ctx.db.deviceId, doomed, () => stamp);
  return { table, id, erased, changesErased };
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * After a transaction that erased committed (a purge, or a sync round that
 * applied an erase entry): the tombstone list goes beside the database file, the
 * freed pages are given back and the search index rebuilt.
 */
export function compactAfterPurge(
  db: { sqlite: Database.Database; file: string },
  rebuildSearch: (sqlite: Database.Database) => void,
): void {
  const { sqlite } = db;
  // A sync round compacts only when it erased something: VACUUM rewrites the whole file.
  if (sqlite.prepare('SELECT 1 FROM local_state WHERE key = ?').get(COMPACT_DUE_KEY) === undefined) return;
  saveErasureLedger(db);
  sqlite.prepare('DELETE FROM local_state WHERE key = ?').run(COMPACT_DUE_KEY);
  // FTS5 keeps deleted terms in its segments until they are merged: merge before and after rebuilding.
  const optimizeSearch = () => sqlite.prepare("INSERT INTO clients_fts (clients_fts) VALUES ('optimize')").run();
  optimizeSearch();
  sqlite.exec('VACUUM');
  rebuildSearch(sqlite);
  optimizeSearch();
  // The write-ahead log still holds the erased pages until it is folded back and emptied.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
