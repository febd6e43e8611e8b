/**
 * The API, declared once. Each method has an input schema (zod), an output type
 * and the capability it needs. Everything else is derived from this table: the
 * router's handler map must `satisfy` it (a missing or mistyped handler does not
 * compile), the IPC and HTTP clients are typed by it, the CLI's `call` validates
 * against it, and the role-matrix test walks it.
 *
 * Names are `<area>.<verb>`; inputs and outputs are camelCase forms of columns.
 * Each later area declares its methods in its own `<area>-methods.ts` (with
 * `spec` from ./spec) and adds one spread line to `contract` below.
 */
import { z } from 'zod';
import { importsMethods } from './imports-methods';
import {
  byId,
  empty,
  idSchema,
  isoDate,
  moneyMinor,
  name,
  optionalText,
  positiveMoneyMinor,
  spec,
  timeOfDay,
  type MethodSpec,
} from './spec';
import { historyMethods } from './history-methods';
import { authMethods } from './auth-methods';
import { auditMethods } from './audit-methods';
import { backupsMethods } from './backups-methods';
import { viewsMethods } from './views-methods';
import { workspaceMethods } from './workspace-methods';
import { todayMethods } from './today-methods';
import { syncMethods } from './sync-methods';
import { activityKinds, cohortStatuses, enrollmentStatuses, paymentMethods, programKinds, roles, type EnrollmentStatus } from '../domain';
import type {
  Activity,
  Client,
  ClientDetail,
  ClientListRow,
  Cohort,
  CohortDetail,
  CohortSummary,
  Enrollment,
  EnrollmentBalance,
  EnrollmentDetail,
  Instalment,
  InstalmentView,
  OverdueRow,
  Page,
  Payment,
  PaymentListRow,
  Program,
  RevenueReport,
  Room,
  Settings,
  StatusChange,
  Stats,
  Teacher,
  User,
} from './types';

const scheduleSlot = z.object({
  weekday: z.number().int().min(1).max(7),
  startTime: timeOfDay,
  minutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
});

const listPaging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(200),
};

// ---- inputs ----------------------------------------------------------------

const programFields = {
  name,
  kind: z.enum(programKinds).default('course'),
  description: optionalText(),
  defaultPriceMinor: moneyMinor.nullish(),
  defaultCapacity: z.number().int().min(1).max(10_000).nullish(),
  lessonCount: z.number().int().min(1).max(10_000).nullish(),
  lessonMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .nullish(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #228be6')
    .nullish(),
  archived: z.boolean().optional(),
};

const cohortFields = {
  programId: idSchema,
  name: z.string().trim().max(200).optional(),
  teacherId: idSchema.nullish(),
  roomId: idSchema.nullish(),
  startOn: isoDate.nullish(),
  endOn: isoDate.nullish(),
  schedule: z.array(scheduleSlot).max(14).optional(),
  capacity: z.number().int().min(1).max(10_000).nullish(),
  minimumToRun: z.number().int().min(0).max(10_000).nullish(),
  priceMinor: moneyMinor.nullish(),
  status: z.enum(cohortStatuses).optional(),
  published: z.boolean().optional(),
};

const clientFields = {
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
  birthDate: isoDate.nullish(),
  guardianId: idSchema.nullish(),
  sourceChannel: optionalText(100),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  notes: optionalText(10_000),
  marketingConsent: z.boolean().optional(),
  extra: z.record(z.string(), z.string()).optional(),
  archived: z.boolean().optional(),
};

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

const clientListInput = z.object({
  query: z.string().max(200).optional(),
  includeArchived: z.boolean().default(false),
  includeDeleted: z.boolean().default(false),
  sort: z
    .array(
      z.object({
        field: z.enum(['displayName', 'lastName', 'email', 'createdAt', 'updatedAt', 'balanceMinor']),
        desc: z.boolean().default(false),
      }),
    )
    .max(4)
    .default([]),
  asOf: isoDate.optional(),
  /** Only clients with an enrollment in one of these statuses. */
  status: z.array(z.enum(enrollmentStatuses)).max(20).optional(),
  /** Balance bounds in minor units (needs payments.read). */
  balanceMin: z.number().int().optional(),
  balanceMax: z.number().int().optional(),
  overdueOnly: z.boolean().optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  tag: z.string().trim().max(50).optional(),
  ...listPaging,
});

// ---- the table ---------------------------------------------------------------

/** Methods of the core areas; other areas live in `<area>-methods.ts` and are joined below. */
const coreMethods = {
  'settings.get': spec<Settings>()('workspace.read', empty, 'The workspace settings (school name, currency, locale, time zone).'),
  'settings.update': spec<Settings>()(
    'workspace.manage',
    z.object({
      schoolName: name.optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'Use an ISO 4217 code like HUF')
        .optional(),
      locale: z.string().min(2).max(35).optional(),
      timeZone: z.string().min(1).max(64).optional(),
      weekStart: z.number().int().min(0).max(6).optional(),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .nullish(),
      idleLockMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .optional(),
      assistantCanEditPrices: z.boolean().optional(),
      reminderTime: timeOfDay.optional(),
      dueSoonDays: z.number().int().min(0).max(365).optional(),
      startSoonDays: z.number().int().min(0).max(365).optional(),
      lowBalanceMinor: moneyMinor.nullish(),
    }),
    'Change workspace settings.',
  ),

  'users.list': spec<User[]>()('users.read', empty, 'Everyone who can sign in.'),
  'users.create': spec<User>()(
    'users.manage',
    z.object({
      username: z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[\p{L}\p{N}._-]{2,40}$/u, 'Use 2–40 letters, digits, dot, dash or underscore'),
      displayName: name,
      role: z.enum(roles),
      password: z.string().min(8, 'At least 8 characters').max(200).optional(),
    }),
    'Add a user with a role.',
  ),

  'programs.list': spec<Program[]>()(
    'workspace.read',
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
    'Programs, by name.',
  ),
  'programs.get': spec<Program>()('workspace.read', byId, 'One program.'),
  'programs.create': spec<Program>()('catalog.write', z.object(programFields), 'Create a program.'),
  'programs.update': spec<Program>()(
    'catalog.write',
    z.object({ id: idSchema, ...z.object(programFields).partial().shape }),
    'Edit a program.',
  ),
  'programs.delete': spec<{ id: string }>()('records.delete', byId, 'Delete a program (soft; its cohorts must be deleted first).'),

  'teachers.list': spec<Teacher[]>()('workspace.read', empty, 'Teachers, by name.'),
  'teachers.create': spec<Teacher>()(
    'catalog.write',
    z.object({ name, email: z.email().nullish(), phone: optionalText(40), userId: idSchema.nullish() }),
    'Add a teacher.',
  ),
  'teachers.update': spec<Teacher>()(
    'catalog.write',
    z.object({
      id: idSchema,
      name: name.optional(),
      email: z.email().nullish(),
      phone: optionalText(40),
      archived: z.boolean().optional(),
    }),
    'Edit a teacher.',
  ),
  'teachers.delete': spec<{ id: string }>()('records.delete', byId, 'Delete a teacher (soft).'),

  'rooms.list': spec<Room[]>()('workspace.read', empty, 'Rooms, by name.'),
  'rooms.create': spec<Room>()('catalog.write', z.object({ name, capacity: z.number().int().min(1).nullish() }), 'Add a room.'),
  'rooms.update': spec<Room>()(
    'catalog.write',
    z.object({ id: idSchema, name: name.optional(), capacity: z.number().int().min(1).nullish(), archived: z.boolean().optional() }),
    'Edit a room.',
  ),
  'rooms.delete': spec<{ id: string }>()('records.delete', byId, 'Delete a room (soft).'),

  'cohorts.list': spec<CohortSummary[]>()(
    'workspace.read',
    z.object({ programId: idSchema.optional(), status: z.array(z.enum(cohortStatuses)).optional() }).default({}),
    'Cohorts with program, teacher, room and seats taken; newest start first.',
  ),
  'cohorts.get': spec<CohortDetail>()(
    'clients.read',
    byId,
    'A cohort with its roster (status, agreed price, paid, balance, next instalment).',
  ),
  'cohorts.create': spec<Cohort>()('catalog.write', z.object(cohortFields), 'Open a cohort of a program.'),
  'cohorts.update': spec<Cohort>()(
    'catalog.write',
    z.object({ id: idSchema, ...z.object(cohortFields).partial().shape }),
    'Edit a cohort.',
  ),
  'cohorts.delete': spec<{ id: string }>()('records.delete', byId, 'Delete a cohort (soft; only without active enrollments).'),

  'clients.list': spec<Page<ClientListRow>>()(
    'clients.read',
    clientListInput.default(clientListInput.parse({})),
    'Clients, filtered by a quick search (names, e-mail, phone), with balances.',
  ),
  'clients.get': spec<ClientDetail>()(
    'clients.read',
    z.object({ id: idSchema, asOf: isoDate.optional() }),
    'Everything about a client: guardian, children, enrollments with history, instalments, payments, balance.',
  ),
  'clients.create': spec<Client>()('clients.write', z.object(clientFields), 'Create a client; phone stored as E.164.'),
  'clients.update': spec<Client>()(
    'clients.write',
    z.object({ id: idSchema, ...z.object(clientFields).partial().shape }),
    'Edit a client.',
  ),
  'clients.delete': spec<{ id: string }>()('records.delete', byId, 'Delete a client (soft).'),
  'clients.restore': spec<Client>()('records.delete', byId, 'Bring back a deleted client.'),
  'clients.bulkUpsert': spec<{ ids: string[]; created: number; updated: number }>()(
    'clients.write',
    z.object({
      rows: z
        .array(z.object({ id: idSchema.optional(), ...clientFields }))
        .min(1)
        .max(5000),
    }),
    'Create (or, with an id, edit) many clients as one change, e.g. rows pasted from a sheet; any invalid row refuses them all.',
  ),

  'enrollments.list': spec<Enrollment[]>()(
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
  'enrollments.get': spec<EnrollmentDetail>()(
    'clients.read',
    z.object({ id: idSchema, asOf: isoDate.optional() }),
    'An enrollment with its status history and balance.',
  ),
  'enrollments.create': spec<Enrollment>()(
    'enrollments.write',
    z.object({ clientId: idSchema, ...enrollmentFields, note: optionalText(500) }),
    'Enroll a client in a cohort (or register interest in a program). The price defaults to the cohort/program price.',
  ),
  'enrollments.update': spec<Enrollment>()(
    'enrollments.write',
    z.object({ id: idSchema, ...z.object(enrollmentFields).omit({ status: true }).partial().shape }),
    'Edit an enrollment (status changes go through enrollments.setStatus).',
  ),
  'enrollments.setStatus': spec<Enrollment>()(
    'enrollments.write',
    z.object({ id: idSchema, status: z.enum(enrollmentStatuses), note: optionalText(500), reasonLost: optionalText(500) }),
    'Change an enrollment status; the change is kept in its history.',
  ),
  'enrollments.history': spec<StatusChange[]>()('clients.read', byId, 'Status history of an enrollment, oldest first.'),
  'enrollments.delete': spec<{ id: string }>()('records.delete', byId, 'Delete an enrollment (soft).'),

  'instalments.plan': spec<InstalmentView[]>()(
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
  'instalments.list': spec<InstalmentView[]>()(
    'payments.read',
    z.object({ enrollmentId: idSchema, asOf: isoDate.optional() }),
    'Instalments of an enrollment with paid/partial/overdue state.',
  ),
  'instalments.create': spec<Instalment>()(
    'prices.write',
    z.object({ enrollmentId: idSchema, dueOn: isoDate, amountMinor: moneyMinor, note: optionalText(500) }),
    'Add one instalment.',
  ),
  'instalments.update': spec<Instalment>()(
    'prices.write',
    z.object({ id: idSchema, dueOn: isoDate.optional(), amountMinor: moneyMinor.optional(), note: optionalText(500) }),
    'Edit an instalment’s date or amount.',
  ),
  'instalments.delete': spec<{ id: string }>()('records.delete', byId, 'Delete an instalment (soft).'),

  'payments.list': spec<Payment[]>()(
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
  'payments.page': spec<Page<PaymentListRow> & { sumMinor: number | null }>()(
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
  'payments.create': spec<Payment>()(
    'payments.write',
    paymentInput,
    'Record a payment; it pays the oldest due instalment first unless allocations are given.',
  ),
  'payments.void': spec<Payment>()(
    'payments.void',
    z.object({ id: idSchema, reason: z.string().trim().min(1, 'required').max(500) }),
    'Void a payment recorded in error (kept, marked void).',
  ),
  'payments.refund': spec<Payment>()(
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

  'balances.enrollment': spec<EnrollmentBalance>()(
    'payments.read',
    z.object({ enrollmentId: idSchema, asOf: isoDate.optional() }),
    'What an enrollment owes, paid and overdue.',
  ),
  'balances.overdue': spec<OverdueRow[]>()(
    'payments.read',
    z.object({ asOf: isoDate.optional(), limit: z.number().int().min(1).max(100_000).default(1000) }).default({ limit: 1000 }),
    'Overdue instalments as of a day, oldest first.',
  ),

  'activities.list': spec<Activity[]>()('clients.read', z.object({ clientId: idSchema }), 'A client’s timeline, newest first.'),
  'activities.create': spec<Activity>()(
    'clients.write',
    z.object({
      clientId: idSchema,
      enrollmentId: idSchema.nullish(),
      kind: z.enum(activityKinds),
      summary: z.string().trim().min(1, 'required').max(5000),
      occurredAt: z.iso.datetime().optional(),
    }),
    'Log a call, message, visit or note.',
  ),

  'reports.revenue': spec<RevenueReport>()(
    'finance.read',
    z.object({ from: isoDate.optional(), to: isoDate.optional() }).default({}),
    'Money received, refunded, expected and outstanding across the school.',
  ),
  'reports.stats': spec<Stats>()('workspace.read', empty, 'How many records of each kind.'),
  'reports.enrollmentFunnel': spec<{ status: EnrollmentStatus; count: number }[]>()(
    'workspace.read',
    empty,
    'How many live enrollments are in each status (every status listed, zero included).',
  ),
} as const satisfies Record<string, MethodSpec>;

export const contract = {
  ...coreMethods,
  ...authMethods,
  ...auditMethods,
  ...backupsMethods,
  ...viewsMethods,
  ...workspaceMethods,
  ...historyMethods,
  ...importsMethods,
  ...todayMethods,
  ...syncMethods,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(value: string): value is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, value);
}
export type { MethodSpec } from './spec';
