/**
 * Teachers' pay: the rates (per teacher and program: per lesson, per hour, per
 * present student, or a share of revenue) and a period's report of lessons given
 * and pay owed, with its CSV/XLSX export. The owner's alone: every method needs
 * `finance.read` to read or `workspace.manage` to write, which the assistant and
 * the teacher do not hold. Spread into the lessons area (lessons-methods.ts).
 */
import { z } from 'zod';
import { payBases, type PayBasis } from '../teacher-pay';
import type { ExportFile } from './imports-methods';
import { byId, empty, idSchema, isoDate, moneyMinor, read, write, type MethodSpec } from './spec';

export interface PayRateView {
  id: string;
  teacherId: string;
  teacherName: string;
  programId: string | null;
  programName: string | null;
  basis: PayBasis;
  amountMinor: number;
  sharePercent: number;
  validFrom: string;
}

export interface PayLessonLine {
  lessonId: string;
  on: string;
  startTime: string;
  minutes: number;
  cohortName: string;
  programName: string;
  present: number;
  basis: PayBasis | null;
  payMinor: number;
}

export interface TeacherPayLine {
  teacherId: string;
  teacherName: string;
  lessons: number;
  minutes: number;
  present: number;
  /** Lessons given without a rate that covers them: paid nothing until one is set. */
  withoutRate: number;
  payMinor: number;
  details: PayLessonLine[];
}

export interface TeacherPayReport {
  from: string;
  to: string;
  teachers: TeacherPayLine[];
  totalPayMinor: number;
}

const period = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};

export const teacherPayMethods = {
  'teacherRates.list': read<PayRateView[]>()('finance.read', empty, 'Every teacher’s pay rates, newest first.'),
  'teacherRates.save': write<PayRateView>()(
    'workspace.manage',
    z
      .object({
        id: idSchema.optional(),
        teacherId: idSchema,
        programId: idSchema.nullish(),
        basis: z.enum(payBases),
        amountMinor: moneyMinor.default(0),
        sharePercent: z.number().int().min(0).max(100).default(0),
        validFrom: isoDate,
      })
      .refine((r) => r.basis !== 'revenue' || r.sharePercent > 0, { path: ['sharePercent'], message: 'Must be more than zero' })
      .refine((r) => r.basis === 'revenue' || r.amountMinor > 0, { path: ['amountMinor'], message: 'Must be more than zero' }),
    'Set a teacher’s pay rate for a program (or every program) from a day on; with an id, change that rate.',
  ),
  'teacherRates.delete': write<{ id: string }>()('records.delete', byId, 'Delete a pay rate set in error.'),
  'teacherPay.report': read<TeacherPayReport>()(
    'finance.read',
    z.object(period).default({}),
    'Lessons given and pay owed per teacher between two days (this month by default), lesson by lesson.',
  ),
  'teacherPay.export': read<ExportFile>()(
    'finance.read',
    z.object({ ...period, format: z.enum(['csv', 'xlsx']).default('csv') }).default({ format: 'csv' }),
    'The teacher pay report as CSV or XLSX: a summary per teacher and every lesson.',
  ),
} as const satisfies Record<string, MethodSpec>;
