/**
 * Moving a child to another group (enrollments.previewTransfer / enrollments.transfer):
 * the same program's other group, or the next level. One call writes the whole
 * move through one funnel call, so it is one action in the change log and one
 * undo takes all of it back:
 *  - the old enrollment becomes `transferred` (with its history row) and points to
 *    the new one (`transferred_to_id`), which makes it owe nothing itself;
 *  - the new enrollment keeps the status, price, discount, notes and follow-up;
 *  - payments tied to the old enrollment are re-pointed to the new one — their
 *    amount, date and client are never edited, so money stays append-only;
 *  - the old plan is copied instalment by instalment (pins copied with it), so
 *    every payment lands where it was; a price difference is one more instalment
 *    or comes off the unpaid parts (src-shared/plan-change.ts carriedDraft).
 * Nothing is deleted: the old enrollment keeps its plan and pins as history (they
 * no longer count once it points to its successor), which also lets an assistant
 * on a synced computer move a child without a delete other replicas would refuse.
 *
 * The price rule holds on this path too: keeping the agreed price and discount
 * needs only enrollments.write; changing either needs prices.write.
 */
import type { EnrollmentStatus } from '../../src-shared/domain';
import type { TransferPreview, TransferResult } from '../../src-shared/api/enrollments-methods';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Ledger, LedgerInstalment } from '../../src-shared/allocation';
import { owesPrice, transferableStatuses } from '../../src-shared/domain';
import { conflict, invalid } from '../../src-shared/errors';
import { formatMoney } from '../../src-shared/money';
import { carriedDraft, previewDraft, type CarriedDraft } from '../../src-shared/plan-change';
import { applyChanges, newId, type Write } from '../changes/funnel';
import type { ServiceContext } from '../core/context';
import { requirePriceRight } from './rights';
import { clientLedger, today } from './balances';
import { getCohort } from './cohorts';
import { getEnrollment } from './enrollments';
import { getProgram } from './programs';
import { currentPlan } from './plans';
import { getSettings } from './settings';
import type { Enrollment } from '../../src-shared/api/types';

type TransferInput = MethodParsedInput<'enrollments.transfer'>;

interface SettledMove {
  preview: TransferPreview & { toEnrollmentId: string };
  draft: CarriedDraft;
  old: Enrollment;
  ledger: Ledger;
  paymentIds: string[];
}

/** The old enrollment and the group, refused when either is over. */
function checkMove(ctx: ServiceContext, input: TransferInput) {
  const old = getEnrollment(ctx, input.enrollmentId, ['enrollmentId']);
  if (!transferableStatuses.includes(old.status)) {
    throw conflict(`A ${old.status} enrollment cannot be moved to another group`, ['enrollmentId'], 'not_transferable');
  }
  const cohort = getCohort(ctx, input.cohortId, ['cohortId']);
  if (cohort.status === 'finished' || cohort.status === 'cancelled') {
    throw conflict(`This group is ${cohort.status}: choose an open one`, ['cohortId'], 'cohort_closed');
  }
  if (cohort.id === old.cohortId) throw invalid(['cohortId'], 'same_cohort', 'The enrollment is already in this group');
  const program = getProgram(ctx, cohort.programId, ['cohortId']);
  const agreedPriceMinor = input.agreedPriceMinor ?? old.agreedPriceMinor;
  const discountMinor = input.discountMinor ?? old.discountMinor;
  if (discountMinor > agreedPriceMinor) {
    throw invalid(['discountMinor'], 'discount_exceeds_price', 'The discount is larger than the price');
  }
  const changesPrice = agreedPriceMinor !== old.agreedPriceMinor || discountMinor !== old.discountMinor;
  if (changesPrice) requirePriceRight(ctx, [input.agreedPriceMinor !== undefined ? 'agreedPriceMinor' : 'discountMinor']);
  return { old, cohort, program, agreedPriceMinor, discountMinor, changesPrice };
}

/** The ledger after the move: the new enrollment owes, the old does not, payments and pins follow the copies. */
function ledgerAfter(
  ledger: Ledger,
  old: Enrollment,
  to: { id: string; status: EnrollmentStatus; priceMinor: number },
  draft: CarriedDraft,
): Ledger {
  const instalments: LedgerInstalment[] = [
    ...ledger.instalments.filter((i) => i.enrollmentId !== old.id),
    ...draft.rows.map((row) => ({ id: row.id, enrollmentId: to.id, dueOn: row.dueOn, amountMinor: row.amountMinor })),
  ];
  return {
    enrollments: [
      ...ledger.enrollments.map((e) => (e.id === old.id ? { ...e, billable: false } : e)),
      { id: to.id, billable: owesPrice(to.status, null), priceMinor: to.priceMinor },
    ],
    instalments,
    payments: ledger.payments.map((p) => (p.enrollmentId === old.id ? { ...p, enrollmentId: to.id } : p)),
    pins: ledger.pins.flatMap((pin) => {
      const copy = draft.copies.get(pin.instalmentId);
      if (copy) return [{ ...pin, instalmentId: copy }];
      return ledger.instalments.some((i) => i.id === pin.instalmentId && i.enrollmentId === old.id) ? [] : [pin];
    }),
  };
}

function settleMove(ctx: ServiceContext, input: TransferInput, saving: boolean): SettledMove {
  const { old, cohort, program, agreedPriceMinor, discountMinor, changesPrice } = checkMove(ctx, input);
  const asOf = today(ctx);
  const ledger = clientLedger(ctx, old.clientId);
  const current = currentPlan(ctx, ledger, old.id, asOf);
  const toId = newId(ctx);
  const priceDifferenceMinor = agreedPriceMinor - discountMinor - (old.agreedPriceMinor - old.discountMinor);
  const draft = carriedDraft(toId, current, { priceDifferenceMinor, differenceDueOn: asOf }, () => newId(ctx));
  const after = ledgerAfter(ledger, old, { id: toId, status: old.status, priceMinor: agreedPriceMinor - discountMinor }, draft);
  const plan = previewDraft(draft, { before: ledger, after, fromEnrollmentId: old.id, current }, asOf, saving);
  const paymentIds = ctx.db.sqlite
    .prepare('SELECT id FROM payments WHERE enrollment_id = ? AND deleted_at IS NULL ORDER BY paid_on, id')
    .pluck()
    .all(old.id) as string[];
  const preview = {
    fromEnrollmentId: old.id,
    toEnrollmentId: toId,
    clientId: old.clientId,
    programId: program.id,
    programName: program.name,
    cohortId: cohort.id,
    cohortName: cohort.name,
    sameProgram: program.id === old.programId,
    status: old.status,
    agreedPriceMinor,
    discountMinor,
    listPriceMinor: cohort.priceMinor ?? program.defaultPriceMinor ?? null,
    priceDifferenceMinor,
    changesPrice,
    paymentsMoved: paymentIds.length,
    excessPaidMinor: draft.excessPaidMinor,
    plan,
  };
  return { preview, draft, old, ledger, paymentIds };
}

export function previewTransfer(ctx: ServiceContext, input: MethodParsedInput<'enrollments.previewTransfer'>): TransferPreview {
  return { ...settleMove(ctx, input, false).preview, toEnrollmentId: null };
}

/** "Angol B1 (tavasz)": what a timeline line calls an enrollment's place. */
function placeName(ctx: ServiceContext, enrollment: Pick<Enrollment, 'programId' | 'cohortId'>): string {
  const row = ctx.db.sqlite
    .prepare('SELECT p.name AS program, h.name AS cohort FROM programs p LEFT JOIN cohorts h ON h.id = ? WHERE p.id = ?')
    .get(enrollment.cohortId, enrollment.programId) as { program: string; cohort: string | null } | undefined;
  if (!row) return '';
  return row.cohort ? `${row.program} (${row.cohort})` : row.program;
}

function timelineSummary(ctx: ServiceContext, move: SettledMove, note: string | null | undefined): string {
  const to = move.preview.cohortName ? `${move.preview.programName} (${move.preview.cohortName})` : move.preview.programName;
  const parts = [`${placeName(ctx, move.old)}: ${move.old.status} → transferred → ${to}`];
  const difference = move.preview.priceDifferenceMinor;
  if (difference !== 0) {
    const settings = getSettings(ctx);
    parts.push(`price ${difference > 0 ? '+' : '−'}${formatMoney(Math.abs(difference), settings.currency, settings.locale)}`);
  }
  if (note) parts.push(note);
  return parts.join(' — ');
}

export function transferEnrollment(ctx: ServiceContext, input: TransferInput): TransferResult {
  const move = settleMove(ctx, input, true);
  const { old, draft, preview } = move;
  const toId = preview.toEnrollmentId;
  const now = ctx.clock.now().toISOString();
  const note = input.note || null;
  const history = (enrollmentId: string, fromStatus: EnrollmentStatus | null, toStatus: EnrollmentStatus): Write => ({
    op: 'insert',
    table: 'enrollment_status_history',
    values: { enrollmentId, fromStatus, toStatus, changedAt: now, changedBy: ctx.actor.userId, note },
  });
  const copiedPins = move.ledger.pins.flatMap((pin) => {
    const copy = draft.copies.get(pin.instalmentId);
    return copy ? [{ paymentId: pin.paymentId, instalmentId: copy, amountMinor: pin.amountMinor }] : [];
  });
  const writes: Write[] = [
    // The old row's change comes first, so the undo menu names the action by the enrollment that moved.
    { op: 'update', table: 'enrollments', id: old.id, values: { status: 'transferred' } },
    history(old.id, old.status, 'transferred'),
    {
      op: 'insert',
      table: 'enrollments',
      id: toId,
      values: {
        clientId: old.clientId,
        programId: preview.programId,
        cohortId: preview.cohortId,
        status: old.status,
        agreedPriceMinor: preview.agreedPriceMinor,
        discountMinor: preview.discountMinor,
        notifyBeforeDays: old.notifyBeforeDays,
        followUpOn: old.followUpOn,
        source: old.source,
        notes: old.notes,
      },
    },
    { op: 'update', table: 'enrollments', id: old.id, values: { transferredToId: toId } },
    history(toId, null, old.status),
    {
      op: 'insert',
      table: 'activities',
      values: {
        clientId: old.clientId,
        enrollmentId: toId,
        kind: 'status',
        occurredAt: now,
        summary: timelineSummary(ctx, move, note),
        userId: ctx.actor.userId,
      },
    },
    ...move.paymentIds.map((id): Write => ({ op: 'update', table: 'payments', id, values: { enrollmentId: toId } })),
    ...draft.rows.map((row): Write => ({
      op: 'insert',
      table: 'instalments',
      id: row.id,
      values: { enrollmentId: toId, dueOn: row.dueOn, amountMinor: row.amountMinor, note: row.note },
    })),
    ...copiedPins.map((pin): Write => ({ op: 'insert', table: 'payment_allocations', values: pin })),
  ];
  applyChanges(ctx, writes);
  return { ...preview, from: getEnrollment(ctx, old.id), to: getEnrollment(ctx, toId) };
}
