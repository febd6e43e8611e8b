/**
 * Instalment plans: when and how much an enrollment's price is to be paid. Only
 * the due date and amount are stored; whether an instalment is paid, partial or
 * overdue is settled from payments on every read (services/balances.ts), so
 * changing a plan never leaves a stale "paid" flag behind.
 *
 * Replacing or deleting instalments is refused while a live payment is pinned to
 * them by hand: silently dropping a person's explicit choice would move money
 * without anyone deciding it. Automatic allocations simply follow the new plan.
 * Deleting one that holds money is refused as well; changing a plan while keeping
 * what is paid is services/plans.ts (instalments.replan).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Instalment, InstalmentView } from '../../src-shared/api/types';
import { conflict, invalid, notFound } from '../../src-shared/errors';
import { currencyExponent, splitEvenly } from '../../src-shared/money';
import { applyChanges, type Write } from '../changes/funnel';
import { instalments } from '../db/schema';
import { enrollmentBalances, requireEnrollment, today } from './balances';
import type { ServiceContext } from '../core/context';
import { getSettings } from './settings';

export function getInstalment(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): Instalment {
  const row = ctx.db.orm
    .select()
    .from(instalments)
    .where(and(eq(instalments.id, id), isNull(instalments.deletedAt)))
    .get();
  if (!row) throw notFound('Instalment', id, path);
  return row;
}

/** Amounts pinned to these instalments by live, non-voided payments, by instalment id. */
export function pinnedTotals(ctx: Pick<ServiceContext, 'db'>, instalmentIds: readonly string[]): Map<string, number> {
  if (instalmentIds.length === 0) return new Map();
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT a.instalment_id AS instalmentId, sum(a.amount_minor) AS amountMinor
       FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
       WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND p.voided_at IS NULL
         AND a.instalment_id IN (SELECT value FROM json_each(?))
       GROUP BY a.instalment_id`,
    )
    .all(JSON.stringify(instalmentIds)) as { instalmentId: string; amountMinor: number }[];
  return new Map(rows.map((r) => [r.instalmentId, r.amountMinor]));
}

/**
 * The enrollment whose plan is to change, refused once it was moved to another
 * group: its payments and plan live on the enrollment it became, and an edit here
 * would change nothing anyone is asked to pay.
 */
export function requirePlannable(ctx: Pick<ServiceContext, 'db'>, enrollmentId: string, path: (string | number)[] = ['enrollmentId']) {
  const enrollment = requireEnrollment(ctx, enrollmentId, path);
  if (enrollment.transferredToId) {
    throw conflict('This enrollment was moved to another group: change the plan of the one it became', path, 'enrollment_transferred');
  }
  return enrollment;
}

/** Due dates counted from the first one, so a plan starting on 31 January falls on 28/29 February and 31 March. */
export function planDates(firstDueOn: string, count: number, everyMonths: number): string[] {
  const first = parseISO(firstDueOn);
  return Array.from({ length: count }, (_, i) => format(addMonths(first, i * everyMonths), 'yyyy-MM-dd'));
}

/** An enrollment's instalments with their states as of today, for the writes that answer with a plan. */
export function listInstalments(ctx: ServiceContext, enrollmentId: string): InstalmentView[] {
  return enrollmentBalances(ctx, [enrollmentId], today(ctx)).get(enrollmentId)?.instalments ?? [];
}

export function planInstalments(ctx: ServiceContext, input: MethodParsedInput<'instalments.plan'>): InstalmentView[] {
  const enrollment = requirePlannable(ctx, input.enrollmentId);
  const totalMinor = input.totalMinor ?? enrollment.agreedPriceMinor - enrollment.discountMinor;
  if (totalMinor <= 0) {
    throw invalid(['totalMinor'], 'nothing_to_split', 'There is nothing to split: give a total or set the agreed price first');
  }

  const current = ctx.db.orm
    .select({ id: instalments.id })
    .from(instalments)
    .where(and(eq(instalments.enrollmentId, enrollment.id), isNull(instalments.deletedAt)))
    .all()
    .map((r) => r.id);
  if (pinnedTotals(ctx, current).size > 0) {
    throw conflict(
      'Payments are pinned to instalments of this plan: void them or unpin before replanning',
      ['enrollmentId'],
      'pinned_allocations',
    );
  }

  const unit = 10 ** currencyExponent(getSettings(ctx).currency);
  const amounts = splitEvenly(totalMinor, input.count, totalMinor % unit === 0 ? unit : 1);
  const dates = planDates(input.firstDueOn, input.count, input.everyMonths);
  const writes: Write[] = [
    ...current.map((id): Write => ({ op: 'delete', table: 'instalments', id })),
    ...dates.map((dueOn, i): Write => ({
      op: 'insert',
      table: 'instalments',
      values: { enrollmentId: enrollment.id, dueOn, amountMinor: amounts[i] },
    })),
  ];
  applyChanges(ctx, writes);
  return listInstalments(ctx, enrollment.id);
}

/** One instalment added to a plan being made (the enroll dialog's rows typed by hand); a plan is changed later with a re-plan. */
export function createInstalment(ctx: ServiceContext, input: { enrollmentId: string; dueOn: string; amountMinor: number }): Instalment {
  requirePlannable(ctx, input.enrollmentId);
  const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'instalments', values: { ...input } }]);
  return getInstalment(ctx, ids[0] as string);
}
