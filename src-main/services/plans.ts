/**
 * Changing an enrollment's instalment plan after money has come in, keeping what
 * is paid (instalments.previewReplan / instalments.replan). The preview and the
 * save are one function with one switch: both load the client's ledger, build the
 * same draft and settle it with src-shared/plan-change.ts; the save then writes
 * exactly the draft it settled and answers that settlement. A dialog that shows
 * the preview therefore shows what will be saved, and no allocation is ever
 * written — payments still pay oldest due first on every read.
 *
 * A change that would take money off an instalment that holds it (new rows dated
 * before a paid one) is refused at the field that causes it rather than saved:
 * "keep what is paid" is the promise of this method, the old `instalments.plan`
 * replaces everything.
 */
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { LedgerInstalment } from '../../src-shared/allocation';
import { settleClient } from '../../src-shared/allocation';
import { invalid } from '../../src-shared/errors';
import { currencyExponent } from '../../src-shared/money';
import {
  equalDraft,
  previewDraft,
  typedDraft,
  withDraft,
  type CurrentRow,
  type PlanDraft,
  type PlanPreview,
} from '../../src-shared/plan-change';
import { applyChanges, newId, type Write } from '../changes/funnel';
import type { ServiceContext } from '../core/context';
import { clientLedger, today } from './balances';
import { pinnedTotals, planDates, requirePlannable } from './instalments';
import { getSettings } from './settings';

type ReplanInput = MethodParsedInput<'instalments.replan'>;

/** An enrollment's instalments now, with the money each holds, as the client's ledger settles on `asOf`. */
export function currentPlan(
  ctx: Pick<ServiceContext, 'db'>,
  ledger: ReturnType<typeof clientLedger>,
  enrollmentId: string,
  asOf: string,
): CurrentRow[] {
  const settled = settleClient(ledger, asOf).enrollments.get(enrollmentId)?.instalments ?? [];
  const pinned = pinnedTotals(
    ctx,
    settled.map((i) => i.id),
  );
  return settled.map((i) => ({
    id: i.id,
    dueOn: i.dueOn,
    amountMinor: i.amountMinor,
    note: i.note,
    paidMinor: i.paidMinor,
    state: i.state,
    pinnedMinor: pinned.get(i.id) ?? 0,
  }));
}

/** Where a refusal for money that would move belongs: the first date in equal mode, the row that would lose it otherwise. */
function movedPath(input: ReplanInput, movedId: string): (string | number)[] {
  if (input.mode === 'equal') return ['firstDueOn'];
  const index = input.rows.findIndex((row) => row.id === movedId);
  return index >= 0 ? ['rows', index, 'dueOn'] : ['rows'];
}

function draftFor(ctx: ServiceContext, input: ReplanInput, current: CurrentRow[], priceMinor: number): PlanDraft {
  const ids = () => newId(ctx);
  if (input.mode === 'rows') return typedDraft(input.enrollmentId, current, input.rows, ids);
  const totalMinor = input.totalMinor ?? priceMinor;
  if (totalMinor <= 0) {
    throw invalid(['totalMinor'], 'nothing_to_split', 'There is nothing to split: give a total or set the agreed price first');
  }
  const unitMinor = 10 ** currencyExponent(getSettings(ctx).currency);
  const dates = planDates(input.firstDueOn, input.count, input.everyMonths);
  return equalDraft(input.enrollmentId, current, { totalMinor, dates, unitMinor }, ids);
}

/** Builds and settles the re-plan; refuses one that would move paid money. */
function settleReplan(ctx: ServiceContext, input: ReplanInput, saving: boolean): { draft: PlanDraft; preview: PlanPreview } {
  const enrollment = requirePlannable(ctx, input.enrollmentId);
  const asOf = today(ctx);
  const ledger = clientLedger(ctx, enrollment.clientId);
  const current = currentPlan(ctx, ledger, enrollment.id, asOf);
  const draft = draftFor(ctx, input, current, enrollment.agreedPriceMinor - enrollment.discountMinor);
  const after = withDraft<LedgerInstalment>(ledger, draft, (row) => ({
    id: row.id,
    enrollmentId: enrollment.id,
    dueOn: row.dueOn,
    amountMinor: row.amountMinor,
  }));
  const preview = previewDraft(draft, { before: ledger, after, fromEnrollmentId: enrollment.id, current }, asOf, saving);
  const moved = preview.movedIds[0];
  if (moved !== undefined) {
    const dueOn = current.find((c) => c.id === moved)?.dueOn ?? '';
    throw invalid(
      movedPath(input, moved),
      'moves_paid_money',
      `The money already paid on the instalment due ${dueOn} would move to an earlier one: date new instalments on or after ${dueOn}`,
    );
  }
  return { draft, preview };
}

export function previewReplan(ctx: ServiceContext, input: MethodParsedInput<'instalments.previewReplan'>): PlanPreview {
  return settleReplan(ctx, input, false).preview;
}

export function replan(ctx: ServiceContext, input: ReplanInput): PlanPreview {
  const { draft, preview } = settleReplan(ctx, input, true);
  const writes: Write[] = draft.removedIds.map((id): Write => ({ op: 'delete', table: 'instalments', id }));
  for (const row of draft.rows) {
    if (row.change === 'added') {
      writes.push({
        op: 'insert',
        table: 'instalments',
        id: row.id,
        values: { enrollmentId: draft.enrollmentId, dueOn: row.dueOn, amountMinor: row.amountMinor, note: row.note },
      });
    } else if (row.change !== 'unchanged') {
      writes.push({
        op: 'update',
        table: 'instalments',
        id: row.id,
        values: { dueOn: row.dueOn, amountMinor: row.amountMinor, note: row.note },
      });
    }
  }
  if (writes.length > 0) applyChanges(ctx, writes);
  return preview;
}
