/**
 * Methods of the workspace screens that compose the core areas: the one-call
 * "New enrollment" (client create-or-pick, enrollment, instalment plan and first
 * payment in one transaction, so a failure half-way leaves nothing behind), the
 * duplicate check the dialog runs while the user types, the enrollments grid
 * (joined names and balances, paged, sorted and filtered in the database rather
 * than in the renderer) and "Duplicate cohort". They live apart from the core
 * table so that the core stays a plain list of one-table verbs.
 */
import { z } from 'zod';
import { enrollmentStatuses, paymentMethods } from '../domain';
import { idSchema, isoDate, moneyMinor, optionalText, type MethodSpec, read, write } from './spec';
import type { Client, Cohort, Enrollment, InstalmentView, Payment } from './types';
import type { EnrollmentStatus } from '../domain';

/** A live client that may be the same person as the one being typed in, and why we think so. */
export interface DuplicateCandidate {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  matchedOn: ('phone' | 'email' | 'name')[];
}

export interface EnrollResult {
  client: Client;
  clientCreated: boolean;
  enrollment: Enrollment;
  instalments: InstalmentView[];
  payment: Payment | null;
}

/** One line of the enrollments grid: the enrollment with the names and money a spreadsheet row would show. */
/** One row of the enrollments grid; the money columns (the grid spans clients) only for a role with finance.read. */
export interface EnrollmentGridRow {
  id: string;
  clientId: string;
  clientName: string;
  phone: string | null;
  programId: string;
  programName: string;
  cohortId: string | null;
  cohortName: string | null;
  cohortStartOn: string | null;
  status: EnrollmentStatus;
  agreedPriceMinor?: number;
  discountMinor?: number;
  paidMinor?: number;
  balanceMinor?: number;
  followUpOn: string | null;
  notifyBeforeDays: number | null;
  source: string | null;
  notes: string | null;
  createdAt: string;
}

export const enrollmentGridSortFields = [
  'clientName',
  'programName',
  'cohortName',
  'status',
  'agreedPriceMinor',
  'discountMinor',
  'followUpOn',
  'source',
  'createdAt',
] as const;

const newClient = z.object({
  firstName: optionalText(100),
  lastName: optionalText(100),
  displayName: optionalText(200),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email('Not a valid e-mail address'))
    .nullish()
    .or(z.literal('').transform(() => null)),
  phone: optionalText(40),
  sourceChannel: optionalText(100),
  guardianId: idSchema.nullish(),
});

const positive = moneyMinor.refine((v) => v > 0, 'Must be more than zero');

const enrollInput = z
  .object({
    /** Pick an existing client ... */
    clientId: idSchema.optional(),
    /** ... or create one. */
    newClient: newClient.optional(),
    cohortId: idSchema.nullish(),
    programId: idSchema.optional(),
    status: z.enum(enrollmentStatuses).default('inquiry'),
    agreedPriceMinor: moneyMinor.optional(),
    discountMinor: moneyMinor.optional(),
    followUpOn: isoDate.nullish(),
    source: optionalText(100),
    /** One of the school's source channels, and the campaign that brought them (reports and marketing). */
    sourceChannel: optionalText(60),
    campaignId: idSchema.nullish(),
    notes: optionalText(10_000),
    plan: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('none') }),
        z.object({
          kind: z.literal('even'),
          count: z.number().int().min(1).max(60),
          firstDueOn: isoDate,
          everyMonths: z.number().int().min(1).max(12).default(1),
        }),
        z.object({
          kind: z.literal('custom'),
          rows: z
            .array(z.object({ dueOn: isoDate, amountMinor: positive }))
            .min(1, 'Add at least one instalment')
            .max(60),
        }),
      ])
      .default({ kind: 'none' }),
    firstPayment: z
      .object({
        amountMinor: positive,
        paidOn: isoDate.optional(),
        method: z.enum(paymentMethods).default('cash'),
        reference: optionalText(200),
      })
      .nullish(),
  })
  .superRefine((value, issue) => {
    if (!value.clientId && !value.newClient) {
      issue.addIssue({ code: 'custom', path: ['clientId'], message: 'Pick a client or enter a new one' });
    }
    if (value.clientId && value.newClient) {
      issue.addIssue({ code: 'custom', path: ['newClient'], message: 'Either pick a client or enter a new one, not both' });
    }
    const client = value.newClient;
    if (client && !client.firstName && !client.lastName && !client.displayName) {
      issue.addIssue({ code: 'custom', path: ['newClient', 'lastName'], message: 'Enter a name' });
    }
    if (!value.cohortId && !value.programId) {
      issue.addIssue({ code: 'custom', path: ['cohortId'], message: 'Choose a cohort or a program' });
    }
  });

export const workspaceMethods = {
  'clients.findDuplicates': read<DuplicateCandidate[]>()(
    'clients.read',
    z.object({
      phone: z.string().max(40).optional(),
      email: z.string().max(200).optional(),
      name: z.string().max(200).optional(),
      excludeId: idSchema.optional(),
    }),
    'Live clients that may be the same person (same phone, same e-mail or same name), for a warning while typing.',
  ),
  'enrollments.enroll': write<EnrollResult>()(
    'enrollments.write',
    enrollInput,
    'New enrollment in one step: pick or create the client, enroll, plan instalments and record a first payment — all or nothing.',
  ),
  'enrollments.grid': read<{ rows: EnrollmentGridRow[]; total: number }>()(
    'clients.read',
    z
      .object({
        query: z.string().max(200).optional(),
        status: z.array(z.enum(enrollmentStatuses)).optional(),
        programId: idSchema.optional(),
        cohortId: idSchema.optional(),
        followUpBy: isoDate.optional(),
        sort: z
          .array(z.object({ field: z.enum(enrollmentGridSortFields), desc: z.boolean().default(false) }))
          .max(4)
          .default([]),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(100_000).default(500),
      })
      .default({ sort: [], offset: 0, limit: 500 }),
    'Enrollments with client, program and cohort names, and (for finance roles) price, paid and balance; filtered, sorted and paged.',
  ),
  'cohorts.duplicate': write<Cohort>()(
    'catalog.write',
    z.object({ id: idSchema, startOn: isoDate.optional() }),
    'Open the next group of the same program: a copy of a cohort moved by a month (or to a given start date).',
  ),
} as const satisfies Record<string, MethodSpec>;
