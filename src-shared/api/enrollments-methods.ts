/**
 * Enrollments (a client in a cohort, or interested in a program), their statuses
 * with history, and the instalment plans that say what is due when.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { enrollmentStatuses, type EnrollmentStatus } from '../domain';
import type { PlanPreview } from '../plan-change';
import { byId, idSchema, isoDate, moneyMinor, optionalText, positiveMoneyMinor, read, write, type MethodSpec } from './spec';
import type { Enrollment, EnrollmentDetail, EnrollmentListRow, InstalmentView } from './types';

export type { PlanPreview, PlanRowPreview, PlanRowChange, EnrollmentMoney } from '../plan-change';

/**
 * A new plan that keeps what is paid: instalments holding money stay (a partly
 * paid one shrinks to its paid part). `equal`: what is left of the total is split
 * into `count` instalments from `firstDueOn`. `rows`: the whole plan as typed — a
 * row with `id` is that instalment edited, one without is new, one left out is
 * removed (refused for one that holds money).
 */
const replanInput = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('equal'),
    enrollmentId: idSchema,
    count: z.number().int().min(1).max(60),
    firstDueOn: isoDate,
    everyMonths: z.number().int().min(1).max(12).default(1),
    /** The whole plan's total, the paid part included; defaults to the agreed price minus discount. */
    totalMinor: moneyMinor.optional(),
  }),
  z.object({
    mode: z.literal('rows'),
    enrollmentId: idSchema,
    rows: z.array(z.object({ id: idSchema.optional(), dueOn: isoDate, amountMinor: positiveMoneyMinor, note: optionalText(500) })).max(120),
  }),
]);

/** Moving a child to another group; the price and discount stay unless given (a change needs prices.write). */
const transferInput = z.object({
  enrollmentId: idSchema,
  cohortId: idSchema,
  agreedPriceMinor: moneyMinor.optional(),
  discountMinor: moneyMinor.optional(),
  note: optionalText(500),
});

/** What moving an enrollment to another group does, before (preview) or as (save) it happens. */
export interface TransferPreview {
  fromEnrollmentId: string;
  /** The enrollment it becomes; null in a preview. */
  toEnrollmentId: string | null;
  clientId: string;
  programId: string;
  programName: string;
  cohortId: string;
  cohortName: string;
  /** Same program (another group) or another one (the next level). */
  sameProgram: boolean;
  /** The new enrollment's status: the old one's. */
  status: EnrollmentStatus;
  agreedPriceMinor: number;
  discountMinor: number;
  /** The group's own price, else its program's default: what a screen may offer as the new agreed price. */
  listPriceMinor: number | null;
  /** New price minus old (after discounts): one more instalment, or taken off the unpaid parts of the plan. */
  priceDifferenceMinor: number;
  /** The agreed price or discount differs from the old one's, which needs prices.write. */
  changesPrice: boolean;
  /** Payments tied to the old enrollment, which count on the new one from now on. */
  paymentsMoved: number;
  /** Paid beyond a lower new price: credit on the new enrollment, which a refund can pay back. */
  excessPaidMinor: number;
  /** The new enrollment's plan: the old instalments copied with the money on each, plus the difference. */
  plan: PlanPreview;
}

export interface TransferResult extends TransferPreview {
  toEnrollmentId: string;
  /** The old enrollment, now `transferred` and pointing to the new one. */
  from: Enrollment;
  to: Enrollment;
}

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
  /** One of the school's source channels (schoolLists). */
  sourceChannel: optionalText(60),
  campaignId: idSchema.nullish(),
  notes: optionalText(10_000),
};

export const enrollmentsMethods = {
  'enrollments.list': read<EnrollmentListRow[]>()(
    'clients.read',
    z
      .object({
        clientId: idSchema.optional(),
        cohortId: idSchema.optional(),
        programId: idSchema.optional(),
        status: z.array(z.enum(enrollmentStatuses)).optional(),
      })
      .default({}),
    'Enrollments, filtered; without a client, the price and discount only for finance roles.',
  ),
  'enrollments.get': read<EnrollmentDetail>()(
    'clients.read',
    z.object({ id: idSchema, asOf: isoDate.optional() }),
    'An enrollment with its status history and balance.',
  ),
  'enrollments.create': write<Enrollment>()(
    'enrollments.write',
    z.object({ clientId: idSchema, ...enrollmentFields, note: optionalText(500) }),
    'Enroll a client in a cohort (or register interest in a program). The price defaults to the cohort/program price. For scripts: the screens use enrollments.enroll.',
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
    'Replace an enrollment’s instalment plan with N instalments from a date, monthly. For scripts: the screens use enrollments.enroll and instalments.replan.',
  ),
  'instalments.previewReplan': read<PlanPreview>()(
    'prices.write',
    replanInput,
    'What instalments.replan would do, nothing written: per instalment its new amount, the money on it and its state.',
  ),
  'instalments.replan': write<PlanPreview>()(
    'prices.write',
    replanInput,
    'Change an enrollment’s plan keeping what is paid (N equal from a date, or rows typed by hand); answers what instalments.previewReplan showed.',
  ),
  'enrollments.previewTransfer': read<TransferPreview>()(
    'enrollments.write',
    transferInput,
    'What enrollments.transfer would do, nothing written: the new price, the plan carried over and the money on it.',
  ),
  'enrollments.transfer': write<TransferResult>()(
    'enrollments.write',
    transferInput,
    'Move a child to another group (same program or the next level) in one action: the old enrollment becomes transferred and points to the new one, payments and plan carry over, a price difference becomes an instalment.',
  ),
} as const satisfies Record<string, MethodSpec>;
