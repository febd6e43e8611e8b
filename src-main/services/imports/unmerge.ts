/**
 * Undoing one merge an import made, without undoing the import: the row's person
 * (or the guardian it named) becomes a client of their own again. A school that
 * sees "row 14 was taken for Kiss Anna (same name and phone)" and knows better
 * should not have to throw away the other 400 rows to fix it.
 *
 * Money is never edited (a payment's client and an enrollment's client cannot
 * change once written), so the row's records are moved the only honest way:
 * each enrollment and payment the row added to the merged client is removed
 * there and written again, identical, on the separated client — in one funnel
 * call, so the change is one action in the history and one entry to sync. The
 * fields the row filled on the merged client get their empty values back, and the
 * extra cells it added are taken off, unless someone has changed them since (their
 * later edit wins, as for the whole-batch undo). Anything added to the row's
 * records after the import (a payment, a status change, a pinned allocation)
 * stops the undo with a CONFLICT naming it, because re-creating the records would
 * lose it.
 *
 * The new client and the re-created records belong to the batch, so undoing the
 * whole import afterwards still removes everything it brought.
 */
import type { ImportUndoMergeResult } from '../../../src-shared/api/imports-methods';
import { conflict, notFound } from '../../../src-shared/errors';
import { applyChanges, columnsOf, newId, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { readCounts, type StoredCounts, type StoredMerge } from './batch-record';

type MergeUndo = NonNullable<StoredMerge['undo']>;

interface EnrollmentRow {
  id: string;
  client_id: string;
  program_id: string;
  cohort_id: string | null;
  status: string;
  agreed_price_minor: number;
  discount_minor: number;
  notify_before_days: number | null;
  follow_up_on: string | null;
  reason_lost: string | null;
  source: string | null;
  notes: string | null;
}

interface PaymentRow {
  id: string;
  client_id: string;
  enrollment_id: string | null;
  paid_on: string;
  amount_minor: number;
  method: string;
  reference: string | null;
  received_by: string | null;
  voided_at: string | null;
}

/** What the separation writes, and how many records it moved. */
interface Separation {
  ctx: ServiceContext;
  batchId: string;
  fileName: string;
  merge: StoredMerge;
  undo: MergeUndo;
  clientId: string;
  writes: Write[];
  moved: ImportUndoMergeResult['moved'];
}

export function undoImportMerge(ctx: ServiceContext, input: { batchId: string; mergeId: string }): ImportUndoMergeResult {
  const sqlite = ctx.db.sqlite;
  const batch = sqlite
    .prepare('SELECT id, file_name, undone_at FROM import_batches WHERE id = ? AND deleted_at IS NULL')
    .get(input.batchId) as { id: string; file_name: string; undone_at: string | null } | undefined;
  if (!batch) throw notFound('Import batch', input.batchId, ['batchId']);
  if (batch.undone_at !== null) throw conflict('This import has been undone as a whole', ['batchId'], 'already_undone');
  const stored = readCounts(ctx, input.batchId);
  const merge = stored?.merges?.find((m) => m.id === input.mergeId);
  if (!stored || !merge) throw notFound('Merge', input.mergeId, ['mergeId']);
  if (merge.undoneAt !== null) throw conflict('This merge has already been undone', ['mergeId'], 'already_undone');
  if (merge.undo === null)
    throw conflict(
      'The import kept no detail of this merge (too many merges): undo the whole import instead',
      ['mergeId'],
      'merge_not_undoable',
    );
  if (!liveClient(ctx, merge.intoClientId))
    throw conflict(`"${merge.intoName}" has been deleted since the import`, ['mergeId'], 'merge_target_gone');

  const separation: Separation = {
    ctx,
    batchId: input.batchId,
    fileName: batch.file_name,
    merge,
    undo: merge.undo,
    clientId: newId(ctx),
    writes: [],
    moved: { enrollments: 0, payments: 0, instalments: 0 },
  };
  insertSeparatedClient(separation);
  if (merge.kind === 'client') moveRowRecords(separation);
  else relinkChild(separation);
  restoreMergedClient(separation);
  separation.writes.push(markUndone(ctx, input.batchId, stored, merge.id, separation.clientId));
  applyChanges(ctx, separation.writes);
  return { batchId: input.batchId, mergeId: merge.id, clientId: separation.clientId, moved: separation.moved };
}

function liveClient(ctx: ServiceContext, id: string | null): boolean {
  if (id === null) return false;
  return ctx.db.sqlite.prepare('SELECT 1 FROM clients WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

/** The row's person (or guardian) as the client the row would have made alone, in the batch. */
function insertSeparatedClient(s: Separation): void {
  const { person } = s.undo;
  const guardianId = s.merge.kind === 'client' && liveClient(s.ctx, s.undo.guardianId) ? s.undo.guardianId : null;
  s.writes.push({
    op: 'insert',
    table: 'clients',
    id: s.clientId,
    values: {
      firstName: person.firstName,
      lastName: person.lastName,
      displayName: person.displayName,
      email: person.email,
      phone: person.phone,
      birthDate: person.birthDate,
      guardianId,
      notes: person.notes,
      sourceChannel: person.sourceChannel,
      extra: JSON.stringify(person.extra),
      importBatchId: s.batchId,
    },
  });
}

/** A guardian merge: the child the row named them for gets the separated guardian (if still linked to the merged one). */
function relinkChild(s: Separation): void {
  const childId = s.undo.childId;
  if (childId === null) return;
  const child = s.ctx.db.sqlite.prepare('SELECT guardian_id FROM clients WHERE id = ? AND deleted_at IS NULL').get(childId) as
    { guardian_id: string | null } | undefined;
  if (child?.guardian_id === s.merge.intoClientId) {
    s.writes.push({ op: 'update', table: 'clients', id: childId, values: { guardianId: s.clientId } });
  }
}

/** Records hung on an enrollment after the import, which re-creating it would lose. */
function laterRecords(s: Separation, enrollmentId: string): number {
  const row = s.ctx.db.sqlite
    .prepare(
      `SELECT
         (SELECT count(*) FROM payments WHERE enrollment_id = @e AND deleted_at IS NULL AND id NOT IN (SELECT value FROM json_each(@paid)))
       + (SELECT count(*) FROM instalments WHERE enrollment_id = @e AND deleted_at IS NULL AND import_batch_id IS NOT @b)
       + (SELECT max(count(*) - 1, 0) FROM enrollment_status_history WHERE enrollment_id = @e AND deleted_at IS NULL)
       + (SELECT count(*) FROM payment_allocations a JOIN instalments i ON i.id = a.instalment_id WHERE i.enrollment_id = @e AND a.deleted_at IS NULL)
       + (SELECT count(*) FROM activities WHERE enrollment_id = @e AND deleted_at IS NULL)
       + (SELECT count(*) FROM enrollments WHERE (transferred_to_id = @e OR (id = @e AND transferred_to_id IS NOT NULL)) AND deleted_at IS NULL)
       AS n`,
    )
    .get({ e: enrollmentId, b: s.batchId, paid: JSON.stringify(s.undo.paymentIds) }) as { n: number };
  return row.n;
}

/** The row's enrollments and payments, removed from the merged client and written again on the separated one. */
function moveRowRecords(s: Separation): void {
  const sqlite = s.ctx.db.sqlite;
  const moved = new Map<string, string>();
  for (const enrollmentId of s.undo.enrollmentIds) {
    const enrollment = sqlite.prepare('SELECT * FROM enrollments WHERE id = ? AND deleted_at IS NULL').get(enrollmentId) as
      EnrollmentRow | undefined;
    if (!enrollment) throw conflict('An enrollment of this row has been deleted since the import', ['mergeId'], 'undo_has_later_records');
    const later = laterRecords(s, enrollmentId);
    if (later > 0) {
      throw conflict(
        `${later} records were added to this row's enrollment since the import (payments, status changes, allocations): separating it would lose them`,
        ['mergeId'],
        'undo_has_later_records',
      );
    }
    moved.set(enrollmentId, recreateEnrollment(s, enrollment));
  }
  for (const paymentId of s.undo.paymentIds) {
    const payment = sqlite.prepare('SELECT * FROM payments WHERE id = ? AND deleted_at IS NULL').get(paymentId) as PaymentRow | undefined;
    if (!payment || payment.voided_at !== null)
      throw conflict('A payment of this row has been voided or deleted since the import', ['mergeId'], 'undo_has_later_records');
    const enrollmentId = payment.enrollment_id === null ? null : (moved.get(payment.enrollment_id) ?? courseEnrollment(s, moved));
    s.writes.push({ op: 'delete', table: 'payments', id: payment.id });
    s.writes.push({
      op: 'insert',
      table: 'payments',
      values: {
        clientId: s.clientId,
        enrollmentId,
        paidOn: payment.paid_on,
        amountMinor: payment.amount_minor,
        method: payment.method,
        reference: payment.reference,
        receivedBy: payment.received_by,
        importBatchId: s.batchId,
      },
    });
    s.moved.payments++;
  }
  if (s.undo.course !== null) courseEnrollment(s, moved);
}

function historyNote(s: Separation): string {
  return `Imported from ${s.fileName}, row ${s.merge.row}; separated from ${s.merge.intoName}`;
}

function insertHistory(s: Separation, enrollmentId: string, status: string): void {
  s.writes.push({
    op: 'insert',
    table: 'enrollment_status_history',
    values: {
      enrollmentId,
      fromStatus: null,
      toStatus: status,
      changedAt: s.ctx.clock.now().toISOString(),
      changedBy: s.ctx.actor.userId,
      note: historyNote(s),
    },
  });
}

/** The same enrollment (with its instalments) on the separated client; the old one, its history and plan removed. */
function recreateEnrollment(s: Separation, e: EnrollmentRow): string {
  const sqlite = s.ctx.db.sqlite;
  const id = newId(s.ctx);
  const history = sqlite.prepare('SELECT id FROM enrollment_status_history WHERE enrollment_id = ? AND deleted_at IS NULL').all(e.id) as {
    id: string;
  }[];
  const plan = sqlite
    .prepare('SELECT id, due_on, amount_minor, note FROM instalments WHERE enrollment_id = ? AND deleted_at IS NULL ORDER BY due_on')
    .all(e.id) as { id: string; due_on: string; amount_minor: number; note: string | null }[];
  for (const h of history) s.writes.push({ op: 'delete', table: 'enrollment_status_history', id: h.id });
  for (const i of plan) s.writes.push({ op: 'delete', table: 'instalments', id: i.id });
  s.writes.push({ op: 'delete', table: 'enrollments', id: e.id });
  s.writes.push({
    op: 'insert',
    table: 'enrollments',
    id,
    values: {
      clientId: s.clientId,
      programId: e.program_id,
      cohortId: e.cohort_id,
      status: e.status,
      agreedPriceMinor: e.agreed_price_minor,
      discountMinor: e.discount_minor,
      notifyBeforeDays: e.notify_before_days,
      followUpOn: e.follow_up_on,
      reasonLost: e.reason_lost,
      source: e.source,
      notes: e.notes,
      importBatchId: s.batchId,
    },
  });
  insertHistory(s, id, e.status);
  for (const i of plan) {
    s.writes.push({
      op: 'insert',
      table: 'instalments',
      values: { enrollmentId: id, dueOn: i.due_on, amountMinor: i.amount_minor, note: i.note, importBatchId: s.batchId },
    });
  }
  s.moved.enrollments++;
  s.moved.instalments += plan.length;
  return id;
}

/**
 * The enrollment the row described when it landed on one an earlier row or the
 * school already had: the separated person gets their own, made once.
 */
function courseEnrollment(s: Separation, moved: Map<string, string>): string | null {
  const course = s.undo.course;
  if (course === null) return null;
  const made = moved.get('course');
  if (made !== undefined) return made;
  const id = newId(s.ctx);
  s.writes.push({
    op: 'insert',
    table: 'enrollments',
    id,
    values: {
      clientId: s.clientId,
      programId: course.programId,
      cohortId: course.cohortId,
      status: course.status,
      agreedPriceMinor: course.agreedPriceMinor,
      discountMinor: 0,
      notifyBeforeDays: course.notifyBeforeDays,
      source: 'import',
      importBatchId: s.batchId,
    },
  });
  insertHistory(s, id, course.status);
  moved.set('course', id);
  s.moved.enrollments++;
  return id;
}

/** The fields and extra cells the row filled on the merged client, emptied again unless changed since. */
function restoreMergedClient(s: Separation): void {
  const current = s.ctx.db.sqlite.prepare('SELECT * FROM clients WHERE id = ?').get(s.merge.intoClientId) as Record<string, unknown>;
  const columns = columnsOf('clients');
  const values: Record<string, unknown> = {};
  for (const [prop, value] of Object.entries(s.undo.filled)) {
    const column = columns.get(prop);
    if (column && current[column.name] === value) values[prop] = null;
  }
  let extra: Record<string, unknown> = {};
  try {
    extra = JSON.parse(String(current['extra'] ?? '{}')) as Record<string, unknown>;
  } catch {
    // a damaged extra column is left as it is
  }
  let extraChanged = false;
  for (const [key, value] of Object.entries(s.undo.extraKeys)) {
    if (extra[key] === value) {
      delete extra[key];
      extraChanged = true;
    }
  }
  if (extraChanged) values['extra'] = JSON.stringify(extra);
  if (Object.keys(values).length > 0) s.writes.push({ op: 'update', table: 'clients', id: s.merge.intoClientId, values });
}

function markUndone(ctx: ServiceContext, batchId: string, stored: StoredCounts, mergeId: string, clientId: string): Write {
  const at = ctx.clock.now().toISOString();
  const merges = (stored.merges ?? []).map((m) => (m.id === mergeId ? { ...m, undoneAt: at, separatedId: clientId } : m));
  return { op: 'update', table: 'import_batches', id: batchId, values: { counts: JSON.stringify({ ...stored, merges }) } };
}
