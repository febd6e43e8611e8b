/**
 * The decision reports (src-shared/api/reports-methods.ts): one entry per
 * report kind, a file of any of them, and the monthly summary. Money reports are
 * owner-only by their methods' capability (`finance.read`); people reports carry
 * counts only. Every figure is computed on read from the rows — nothing is cached
 * or stored, so two synced machines can never show different totals.
 */
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import type { ExportFile } from '../../../src-shared/api/imports-methods';
import type { MoneyReportKind, MonthlySummary, PeopleReportKind, ReportTable } from '../../../src-shared/api/reports-methods';
import { invalid } from '../../../src-shared/errors';
import type { ServiceContext } from '../../core/context';
import { getSettings } from '../settings';
import { getSchoolLists } from '../school-lists';
import { noneKey } from './attribution';
import {
  ageingByClient,
  ageingByFamily,
  ageingOfClients,
  campaignReturn,
  channelReturn,
  cohortFill,
  collectedByMonth,
  collectedByProgram,
} from './money';
import { conversionBySource, conversionByStaff, lostReasons, newReturning } from './people';
import { reportFile, reportPeriod, type ReportPeriod } from './table';

const moneyReports: Record<MoneyReportKind, (ctx: ServiceContext, period: ReportPeriod) => ReportTable> = {
  collectedByMonth,
  collectedByProgram,
  ageingByClient,
  ageingByFamily,
  cohortFill,
  campaignReturn,
  channelReturn: (ctx, period) => channelReturn(ctx, period, getSchoolLists(ctx).sourceChannels),
};

const peopleReports: Record<PeopleReportKind, (ctx: ServiceContext, period: ReportPeriod) => ReportTable> = {
  conversionBySource,
  conversionByStaff,
  lostReasons,
  newReturning,
};

export function moneyReport(ctx: ServiceContext, input: MethodParsedInput<'reports.money'>): ReportTable {
  return moneyReports[input.kind](ctx, reportPeriod(ctx, input));
}

export function moneyReportFile(ctx: ServiceContext, input: MethodParsedInput<'reports.moneyFile'>): ExportFile {
  return reportFile(moneyReport(ctx, input), input);
}

export function peopleReport(ctx: ServiceContext, input: MethodParsedInput<'reports.people'>): ReportTable {
  return peopleReports[input.kind](ctx, reportPeriod(ctx, input));
}

export function peopleReportFile(ctx: ServiceContext, input: MethodParsedInput<'reports.peopleFile'>): ExportFile {
  return reportFile(peopleReport(ctx, input), input);
}

function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** The month's page for the school's meeting, assembled from the same reports the screen shows, so the figures agree. */
export function monthlySummary(ctx: ServiceContext, input: MethodParsedInput<'reports.monthlySummary'>): MonthlySummary {
  const base = reportPeriod(ctx, {});
  const month = input.month ?? base.asOf.slice(0, 7);
  if (!/^\d{4}-\d{2}$/.test(month)) throw invalid(['month'], 'invalid_month', 'Use a month like 2026-03');
  const full = reportPeriod(ctx, { from: `${month}-01`, to: lastDayOf(month) });
  // A past month's position is taken on its last day; the current month's on today.
  const period = { ...full, asOf: full.to < full.asOf ? full.to : full.asOf };
  const money = collectedByMonth(ctx, period).total ?? {};
  const ageing = { days0to30Minor: 0, days31to60Minor: 0, days61to90Minor: 0, days90plusMinor: 0 };
  let outstandingMinor = 0;
  let overdueMinor = 0;
  for (const client of ageingOfClients(ctx, period.asOf).values()) {
    outstandingMinor += client.outstandingMinor;
    overdueMinor += client.overdueMinor;
    for (const key of Object.keys(ageing) as (keyof typeof ageing)[]) ageing[key] += client[key];
  }
  const funnel = conversionBySource(ctx, period);
  const channels = channelReturn(ctx, period, getSchoolLists(ctx).sourceChannels);
  const students = newReturning(ctx, period).total ?? {};
  const lost = lostReasons(ctx, period);
  return {
    month,
    schoolName: getSettings(ctx).schoolName,
    currency: period.currency,
    from: period.from,
    to: period.to,
    asOf: period.asOf,
    collectedMinor: num(money['collectedMinor']),
    refundedMinor: num(money['refundedMinor']),
    dueInMonthMinor: num(money['expectedMinor']),
    outstandingMinor,
    overdueMinor,
    ageing,
    newEnrollments: num(funnel.total?.['inquiry']),
    confirmedInMonth: num(funnel.total?.['confirmed']),
    lostInMonth: num(lost.total?.['count']),
    newStudents: num(students['newStudents']),
    returningStudents: num(students['returningStudents']),
    channels: channels.rows
      .filter((r) => num(r['enrollments']) > 0 || num(r['collectedMinor']) !== 0)
      .map((r) => ({
        channel: String(r['channel'] ?? noneKey),
        enrollments: num(r['enrollments']),
        confirmed: num(r['confirmed']),
        collectedMinor: num(r['collectedMinor']),
      }))
      .sort((a, b) => b.enrollments - a.enrollments || b.collectedMinor - a.collectedMinor),
    cohorts: cohortFill(ctx, period)
      .rows.map((r) => ({
        name: String(r['cohort']),
        programName: String(r['program']),
        seatsTaken: num(r['seatsTaken']),
        capacity: typeof r['capacity'] === 'number' ? r['capacity'] : null,
        weightedMinor: num(r['weightedMinor']),
      }))
      .sort((a, b) => b.seatsTaken - a.seatsTaken || a.name.localeCompare(b.name)),
    lostReasons: lost.rows.map((r) => ({ reason: String(r['reason']), count: num(r['count']) })),
  };
}
