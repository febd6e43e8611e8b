/**
 * School-wide figures: money received and refunded over a period, what the
 * billable enrollments are expected to bring, what is still outstanding or
 * overdue, and plain record counts. Revenue is owner-only (the `finance.read`
 * capability in the contract); nothing here is cached or stored, because a stored
 * total is one more thing two synced machines could disagree on.
 *
 * Cash in a period is read straight from payments by `paid_on`; outstanding and
 * overdue are today's position from the same settlement the client list uses, so
 * the report and the list can never tell different stories.
 */
import { addMonths } from 'date-fns/addMonths';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { RevenueReport, Stats } from '../../src-shared/api/types';
import { billableStatuses, enrollmentStatuses, type EnrollmentStatus } from '../../src-shared/domain';
import { invalid } from '../../src-shared/errors';
import { today } from './balances';
import { cachedClientBalances } from './today-cache';
import type { ServiceContext } from '../core/context';
import { getSettings } from './settings';

/** Longest period whose empty months are filled in (50 years); beyond that only months with payments are listed. */
const maxFilledMonths = 600;

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  const last = to.slice(0, 7);
  for (let month = parseISO(`${from.slice(0, 7)}-01`); ; month = addMonths(month, 1)) {
    const key = format(month, 'yyyy-MM');
    if (key > last || months.length > maxFilledMonths) break;
    months.push(key);
  }
  return months;
}

export function revenueReport(ctx: ServiceContext, input: MethodParsedInput<'reports.revenue'>): RevenueReport {
  const { currency } = getSettings(ctx);
  const day = today(ctx);
  const year = day.slice(0, 4);
  const from = input.from ?? `${year}-01-01`;
  const to = input.to ?? `${year}-12-31`;
  if (from > to) throw invalid(['to'], 'before_from', 'The end of the period is before its start');

  const { sqlite } = ctx.db;
  const monthly = sqlite
    .prepare(
      `SELECT substr(paid_on, 1, 7) AS month,
              sum(CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END) AS receivedMinor,
              sum(CASE WHEN amount_minor < 0 THEN -amount_minor ELSE 0 END) AS refundedMinor
       FROM payments
       WHERE deleted_at IS NULL AND voided_at IS NULL AND paid_on >= ? AND paid_on <= ?
       GROUP BY month ORDER BY month`,
    )
    .all(from, to) as { month: string; receivedMinor: number; refundedMinor: number }[];
  const receivedByMonth = new Map(monthly.map((m) => [m.month, m.receivedMinor]));
  const filled = monthsBetween(from, to);
  const months = filled.length > maxFilledMonths ? [...receivedByMonth.keys()] : filled;

  const statuses = [...billableStatuses];
  const expectedMinor = sqlite
    .prepare(
      `SELECT coalesce(sum(e.agreed_price_minor - e.discount_minor), 0)
       FROM enrollments e JOIN clients c ON c.id = e.client_id
       WHERE e.deleted_at IS NULL AND c.deleted_at IS NULL AND e.transferred_to_id IS NULL
         AND e.status IN (${statuses.map(() => '?').join(', ')})`,
    )
    .pluck()
    .get(...statuses) as number;

  let outstandingMinor = 0;
  let overdueMinor = 0;
  for (const balance of cachedClientBalances(ctx, day).values()) {
    outstandingMinor += Math.max(0, balance.balanceMinor);
    overdueMinor += balance.overdueMinor;
  }

  return {
    currency,
    from,
    to,
    receivedMinor: monthly.reduce((sum, m) => sum + m.receivedMinor, 0),
    refundedMinor: monthly.reduce((sum, m) => sum + m.refundedMinor, 0),
    byMonth: months.map((month) => ({ month, receivedMinor: receivedByMonth.get(month) ?? 0 })),
    expectedMinor,
    outstandingMinor,
    overdueMinor,
  };
}

const countedTables = ['programs', 'cohorts', 'clients', 'enrollments', 'instalments', 'payments'] as const;

/** Live (not deleted) rows of each kind, and the length of the change log. */
export function stats(ctx: Pick<ServiceContext, 'db'>): Stats {
  const { sqlite } = ctx.db;
  const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
  const live = Object.fromEntries(
    countedTables.map((table) => [table, count(`SELECT count(*) FROM "${table}" WHERE deleted_at IS NULL`)]),
  ) as Record<(typeof countedTables)[number], number>;
  return { ...live, changes: count('SELECT count(*) FROM changes') };
}

/** Live enrollments per status, in the statuses' own order, with zero for a status nobody is in. */
export function enrollmentFunnel(ctx: Pick<ServiceContext, 'db'>): { status: EnrollmentStatus; count: number }[] {
  const rows = ctx.db.sqlite
    .prepare('SELECT status, count(*) AS count FROM enrollments WHERE deleted_at IS NULL GROUP BY status')
    .all() as { status: string; count: number }[];
  const counts = new Map(rows.map((row) => [row.status, row.count]));
  return enrollmentStatuses.map((status) => ({ status, count: counts.get(status) ?? 0 }));
}
