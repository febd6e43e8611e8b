/**
 * Figures across the school: money per period (owner only), record counts and
 * enrollments by status.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { type EnrollmentStatus } from '../domain';
import type { ExportFile } from './imports-methods';
import { empty, isoDate, read, type MethodSpec } from './spec';
import type { RevenueReport, Stats } from './types';

// ---- decision reports: one table shape for every report, so one screen, export and print serve them all ----

/** Reports whose figures are money: owner only (`finance.read`). */
export const moneyReportKinds = [
  'collectedByMonth',
  'collectedByProgram',
  'ageingByClient',
  'ageingByFamily',
  'cohortFill',
  'campaignReturn',
  'channelReturn',
] as const;
export type MoneyReportKind = (typeof moneyReportKinds)[number];

/** Reports of people and counts only: every role that reads the workspace. */
export const peopleReportKinds = ['conversionBySource', 'conversionByStaff', 'lostReasons', 'newReturning'] as const;
export type PeopleReportKind = (typeof peopleReportKinds)[number];

/**
 * How a column's cells read: `key` is a word of the school's lists or a status
 * (translated on screen and in files by the labels the caller passes), `money` is
 * minor units, `percent` a share between 0 and 1, `month` a `YYYY-MM`.
 */
export type ReportColumnKind = 'text' | 'key' | 'month' | 'money' | 'count' | 'percent';
export type ReportCell = string | number | null;

export interface ReportTable {
  kind: MoneyReportKind | PeopleReportKind;
  currency: string;
  from: string;
  to: string;
  /** The day positions (outstanding, ageing) are taken on. */
  asOf: string;
  columns: { key: string; kind: ReportColumnKind }[];
  rows: Record<string, ReportCell>[];
  /** The table's total row, where adding up means something. */
  total: Record<string, ReportCell> | null;
}

/** The one page a school's monthly meeting reads. Money throughout: owner only. */
export interface MonthlySummary {
  month: string;
  schoolName: string;
  currency: string;
  from: string;
  to: string;
  asOf: string;
  collectedMinor: number;
  refundedMinor: number;
  dueInMonthMinor: number;
  outstandingMinor: number;
  overdueMinor: number;
  ageing: { days0to30Minor: number; days31to60Minor: number; days61to90Minor: number; days90plusMinor: number };
  newEnrollments: number;
  confirmedInMonth: number;
  lostInMonth: number;
  newStudents: number;
  returningStudents: number;
  channels: { channel: string; enrollments: number; confirmed: number; collectedMinor: number }[];
  cohorts: { name: string; programName: string; seatsTaken: number; capacity: number | null; weightedMinor: number }[];
  lostReasons: { reason: string; count: number }[];
}

const period = { from: isoDate.optional(), to: isoDate.optional() };
const fileOptions = {
  format: z.enum(['csv', 'xlsx']).default('csv'),
  /** Column headers in the reader's language, by column key. */
  headers: z.record(z.string().max(60), z.string().max(120)).optional(),
  /** Words for `key` cells (statuses, channels, reasons) in the reader's language. */
  labels: z.record(z.string().max(120), z.string().max(120)).optional(),
};

export const reportsMethods = {
  'reports.revenue': read<RevenueReport>()(
    'finance.read',
    z.object({ from: isoDate.optional(), to: isoDate.optional() }).default({}),
    'Money received, refunded, expected and outstanding across the school.',
  ),
  'reports.stats': read<Stats>()('workspace.read', empty, 'How many records of each kind.'),
  'reports.enrollmentFunnel': read<{ status: EnrollmentStatus; count: number }[]>()(
    'workspace.read',
    empty,
    'How many live enrollments are in each status (every status listed, zero included).',
  ),
  'reports.money': read<ReportTable>()(
    'finance.read',
    z.object({ kind: z.enum(moneyReportKinds), ...period }),
    'A money report (collected vs expected, ageing, cohort fill and weighted revenue, campaign and channel return).',
  ),
  'reports.moneyFile': read<ExportFile>()(
    'finance.read',
    z.object({ kind: z.enum(moneyReportKinds), ...period, ...fileOptions }),
    'A money report as CSV (UTF-8 with BOM) or XLSX, amounts in the currency’s major units.',
  ),
  'reports.people': read<ReportTable>()(
    'workspace.read',
    z.object({ kind: z.enum(peopleReportKinds), ...period }),
    'A report of people and counts (conversion by source or staff, reasons lost, new vs returning students).',
  ),
  'reports.peopleFile': read<ExportFile>()(
    'workspace.read',
    z.object({ kind: z.enum(peopleReportKinds), ...period, ...fileOptions }),
    'A report of people and counts as CSV or XLSX.',
  ),
  'reports.monthlySummary': read<MonthlySummary>()(
    'finance.read',
    z
      .object({
        month: z
          .string()
          .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use a month like 2026-03')
          .optional(),
      })
      .default({}),
    'The one-page summary of a month for the school’s meeting.',
  ),
} as const satisfies Record<string, MethodSpec>;
