/**
 * Money received and paid back (append-only: a mistake is voided, never edited)
 * and the balances derived from it.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { paymentMethods } from '../domain';
import { idSchema, isoDate, optionalText, positiveMoneyMinor, read, write, listPaging, type MethodSpec } from './spec';
import type { InstalmentView, Page, Payment, PaymentListRow } from './types';
import type { EnrollmentStatus } from '../domain';

/** One enrollment of the client the payment dialog can tie a payment to. */
export interface PrefillEnrollment {
  enrollmentId: string;
  programName: string;
  cohortName: string | null;
  status: EnrollmentStatus;
  balanceMinor: number;
  overdueMinor: number;
  nextDue: InstalmentView | null;
}

/** What the payment dialog opens with. */
export interface PaymentPrefill {
  clientId: string;
  /** The enrollment to tie the payment to: the one asked for, else the one the next instalment belongs to, else the only one that owes. */
  enrollmentId: string | null;
  /** The amount to offer: what is left of the next unpaid instalment (oldest due first); without a plan, the balance; 0 when nothing is owed. */
  amountMinor: number;
  /** The instalment that amount pays; null without one. */
  nextDue: InstalmentView | null;
  /** What is still owed (of the enrollment asked for, else of the client): price minus paid; negative = paid ahead. */
  balanceMinor: number;
  overdueMinor: number;
  /** Money of the client that no instalment or price absorbed. */
  unallocatedMinor: number;
  /** The client's enrollments that owe a price, for the dialog's picker, the one with the oldest unpaid instalment first. */
  enrollments: PrefillEnrollment[];
}

const paymentInput = z.object({
  clientId: idSchema,
  enrollmentId: idSchema.nullish(),
  paidOn: isoDate.optional(),
  amountMinor: positiveMoneyMinor,
  method: z.enum(paymentMethods).default('cash'),
  reference: optionalText(200),
  /** Pin the payment to these instalments instead of oldest-due-first. */
  allocations: z.array(z.object({ instalmentId: idSchema, amountMinor: positiveMoneyMinor })).optional(),
});

export const paymentsMethods = {
  'payments.page': read<Page<PaymentListRow> & { sumMinor: number | null }>()(
    'payments.read',
    z.object({
      query: z.string().trim().max(200).optional(),
      clientId: idSchema.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      methods: z.array(z.enum(paymentMethods)).max(10).optional(),
      amountMin: z.number().int().optional(),
      amountMax: z.number().int().optional(),
      voided: z.enum(['include', 'exclude', 'only']).default('include'),
      sort: z
        .array(
          z.object({
            field: z.enum(['paidOn', 'amountMinor', 'clientName', 'method', 'reference', 'createdAt']),
            desc: z.boolean().default(false),
          }),
        )
        .max(4)
        .default([]),
      ...listPaging,
    }),
    'Payments for the payments grid: filtered, sorted and paged, with client, program and receiver names; across clients the amounts and the sum only for finance roles.',
  ),
  'payments.create': write<Payment>()(
    'payments.write',
    paymentInput,
    'Record a payment; it pays the oldest due instalment first unless allocations are given.',
  ),
  'payments.void': write<Payment>()(
    'payments.void',
    z.object({ id: idSchema, reason: z.string().trim().min(1, 'required').max(500) }),
    'Void a payment recorded in error (kept, marked void).',
  ),
  'payments.refund': write<Payment>()(
    'payments.void',
    z.object({
      clientId: idSchema,
      enrollmentId: idSchema.nullish(),
      amountMinor: positiveMoneyMinor,
      paidOn: isoDate.optional(),
      method: z.enum(paymentMethods).default('cash'),
      reference: optionalText(200),
    }),
    'Pay money back to a client (recorded as a negative payment).',
  ),
  'payments.prefill': read<PaymentPrefill>()(
    'payments.read',
    z.object({ clientId: idSchema, enrollmentId: idSchema.nullish(), asOf: isoDate.optional() }),
    'What the payment dialog opens with: the amount next due, the balance, and the enrollments that owe.',
  ),
} as const satisfies Record<string, MethodSpec>;
