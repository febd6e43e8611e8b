/**
 * Money received and paid back (append-only: a mistake is voided, never edited)
 * and the balances derived from it.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { paymentMethods } from '../domain';
import { idSchema, isoDate, optionalText, positiveMoneyMinor, read, write, listPaging, type MethodSpec } from './spec';
import type { EnrollmentBalance, OverdueRow, Page, Payment, PaymentListRow } from './types';

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
  'payments.list': read<Payment[]>()(
    'payments.read',
    z
      .object({
        clientId: idSchema.optional(),
        enrollmentId: idSchema.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        includeVoided: z.boolean().default(true),
        limit: z.number().int().min(1).max(100_000).default(1000),
      })
      .default({ includeVoided: true, limit: 1000 }),
    'Payments, newest first.',
  ),
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
    'Payments for the payments grid: filtered, sorted and paged, with client, program and receiver names.',
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
  'balances.enrollment': read<EnrollmentBalance>()(
    'payments.read',
    z.object({ enrollmentId: idSchema, asOf: isoDate.optional() }),
    'What an enrollment owes, paid and overdue.',
  ),
  'balances.overdue': read<OverdueRow[]>()(
    'payments.read',
    z.object({ asOf: isoDate.optional(), limit: z.number().int().min(1).max(100_000).default(1000) }).default({ limit: 1000 }),
    'Overdue instalments as of a day, oldest first.',
  ),
} as const satisfies Record<string, MethodSpec>;
