/**
 * Enrollments (a client in a cohort, or interested in a program), their statuses
 * with history, and the instalment plans that say what is due when.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { enrollmentStatuses } from '../domain';
import { byId, idSchema, isoDate, moneyMinor, optionalText, read, write, type MethodSpec } from './spec';
import type { Enrollment, EnrollmentDetail, Instalment, InstalmentView, StatusChange } from './types';

const enrollmentFields = {
  cohortId: idSchema.nullish(),
  programId: idSchema.optional(),
  status: z.enum(enrollmentStatuses).default('inquiry'),
  agreedPriceMinor: moneyMinor.optional(),
  discountMinor: moneyMinor.optional(),
  notifyBeforeDays: z.number().int().min(0).max(365).nullish(),
  followUpOn: isoDate.nullish(),
  reasonLost: optionalText(500),
  source: optionalText(100),
  notes: optionalText(10_000),
};

export const enrollmentsMethods = {
  'enrollments.list': read<Enrollment[]>()(
    'clients.read',
    z
      .object({
        clientId: idSchema.optional(),
        cohortId: idSchema.optional(),
        programId: idSchema.optional(),
        status: z.array(z.enum(enrollmentStatuses)).optional(),
      })
      .default({}),
    'Enrollments, filtered.',
  ),
  'enrollments.get': read<EnrollmentDetail>()(
    'clients.read',
    z.object({ id: idSchema, asOf: isoDate.optional() }),
    'An enrollment with its status history and balance.',
  ),
  'enrollments.create': write<Enrollment>()(
    'enrollments.write',
    z.object({ clientId: idSchema, ...enrollmentFields, note: optionalText(500) }),
    'Enroll a client in a cohort (or register interest in a program). The price defaults to the cohort/program price.',
  ),
  'enrollments.update': write<Enrollment>()(
    'enrollments.write',
    z.object({ id: idSchema, ...z.object(enrollmentFields).omit({ status: true }).partial().shape }),
    'Edit an enrollment (status changes go through enrollments.setStatus).',
  ),
  'enrollments.setStatus': write<Enrollment>()(
    'enrollments.write',
    z.object({ id: idSchema, status: z.enum(enrollmentStatuses), note: optionalText(500), reasonLost: optionalText(500) }),
    'Change an enrollment status; the change is kept in its history.',
  ),
  'enrollments.history': read<StatusChange[]>()('clients.read', byId, 'Status history of an enrollment, oldest first.'),
  'enrollments.delete': write<{ id: string }>()('records.delete', byId, 'Delete an enrollment (soft).'),
  'instalments.plan': write<InstalmentView[]>()(
    'prices.write',
    z.object({
      enrollmentId: idSchema,
      count: z.number().int().min(1).max(60),
      firstDueOn: isoDate,
      /** Total to split; defaults to the enrollment's agreed price minus discount. */
      totalMinor: moneyMinor.optional(),
      /** Every N months (1 = monthly). */
      everyMonths: z.number().int().min(1).max(12).default(1),
    }),
    'Replace an enrollment’s instalment plan with N instalments from a date, monthly.',
  ),
  'instalments.list': read<InstalmentView[]>()(
    'payments.read',
    z.object({ enrollmentId: idSchema, asOf: isoDate.optional() }),
    'Instalments of an enrollment with paid/partial/overdue state.',
  ),
  'instalments.create': write<Instalment>()(
    'prices.write',
    z.object({ enrollmentId: idSchema, dueOn: isoDate, amountMinor: moneyMinor, note: optionalText(500) }),
    'Add one instalment.',
  ),
  'instalments.update': write<Instalment>()(
    'prices.write',
    z.object({ id: idSchema, dueOn: isoDate.optional(), amountMinor: moneyMinor.optional(), note: optionalText(500) }),
    'Edit an instalment’s date or amount.',
  ),
  'instalments.delete': write<{ id: string }>()('records.delete', byId, 'Delete an instalment (soft).'),
} as const satisfies Record<string, MethodSpec>;
