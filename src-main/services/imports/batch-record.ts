/**
 * What an import batch keeps about itself in its `counts` column: the numbers, the
 * problems, and every merge it made — each with what undoing it alone takes (the
 * row's own values, the fields it filled on the other client, the records it
 * added to them). A batch is one synced row, so this travels with it to the other
 * machine and a merge can be undone from either.
 *
 * The detail is kept for the first `mergeDetailCap` merges only (plan-clients.ts): a sheet of one
 * row per payment merges on almost every row, and each merge's detail is a few
 * hundred bytes the change log copies too. Past the cap a merge is still named in
 * the report; undoing the whole batch undoes it.
 */
import type { ImportCounts, ImportError, ImportMerge } from '../../../src-shared/api/imports-methods';
import type { ServiceContext } from '../../core/context';
import { mergeDetailCap, type MergeRecord } from './plan-clients';

/** A merge as the batch keeps it: the report's line, and (within the cap) what undoing it alone needs. */
export interface StoredMerge extends Omit<
  MergeRecord,
  'person' | 'filled' | 'extraKeys' | 'guardianId' | 'childId' | 'enrollmentIds' | 'paymentIds' | 'course'
> {
  undo: Pick<MergeRecord, 'person' | 'filled' | 'extraKeys' | 'guardianId' | 'childId' | 'enrollmentIds' | 'paymentIds' | 'course'> | null;
  undoneAt: string | null;
  /** The client the undo made of the row's person or guardian. */
  separatedId?: string;
}

export interface StoredCounts {
  fingerprint: string;
  created: number;
  updated: number;
  skipped: number;
  errors: ImportError[];
  records: ImportCounts;
  updatedClientIds: string[];
  merges?: StoredMerge[];
}

export function storedMerges(merges: readonly MergeRecord[]): StoredMerge[] {
  return merges.map((m, i) => {
    const { person, filled, extraKeys, guardianId, childId, enrollmentIds, paymentIds, course, ...line } = m;
    const undo = i < mergeDetailCap ? { person, filled, extraKeys, guardianId, childId, enrollmentIds, paymentIds, course } : null;
    return { ...line, undo, undoneAt: null };
  });
}

export function readCounts(ctx: ServiceContext, batchId: string): StoredCounts | null {
  const row = ctx.db.sqlite.prepare('SELECT counts FROM import_batches WHERE id = ?').get(batchId) as { counts: string } | undefined;
  if (!row) return null;
  try {
    return JSON.parse(row.counts) as StoredCounts;
  } catch {
    return null;
  }
}

export function mergeLine(m: StoredMerge, batchLive: boolean): ImportMerge {
  return {
    id: m.id,
    kind: m.kind,
    row: m.row,
    rowName: m.rowName,
    intoClientId: m.intoClientId,
    intoName: m.intoName,
    intoRow: m.intoRow,
    by: m.by,
    undoable: batchLive && m.undoneAt === null && m.undo !== null,
    undoneAt: m.undoneAt,
  };
}
