/**
 * Clients (pupils and the guardians who pay) and their timeline of calls,
 * messages, visits and notes.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { activityKinds, enrollmentStatuses } from '../domain';
import { byId, idSchema, isoDate, optionalText, read, write, listPaging, type MethodSpec } from './spec';
import type { Activity, Client, ClientDetail, ClientListRow, Page } from './types';

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
  /** Balance bounds in minor units (need finance.read, as does sorting by balance). */
  balanceMin: z.number().int().optional(),
  balanceMax: z.number().int().optional(),
  overdueOnly: z.boolean().optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  tag: z.string().trim().max(50).optional(),
  ...listPaging,
});

export const clientsMethods = {
  'clients.list': read<Page<ClientListRow>>()(
    'clients.read',
    clientListInput.default(clientListInput.parse({})),
    'Clients, filtered by a quick search (names, e-mail, phone), with balances for finance roles.',
  ),
  'clients.get': read<ClientDetail>()(
    'clients.read',
    z.object({ id: idSchema, asOf: isoDate.optional() }),
    'Everything about a client: guardian, children, enrollments with history, instalments, payments, balance.',
  ),
  'clients.create': write<Client>()('clients.write', z.object(clientFields), 'Create a client; phone stored as E.164.'),
  'clients.update': write<Client>()(
    'clients.write',
    z.object({ id: idSchema, ...z.object(clientFields).partial().shape }),
    'Edit a client.',
  ),
  'clients.delete': write<{ id: string }>()('records.delete', byId, 'Delete a client (soft).'),
  'clients.bulkUpsert': write<{ ids: string[]; created: number; updated: number }>()(
    'clients.write',
    z.object({
      rows: z
        .array(z.object({ id: idSchema.optional(), ...clientFields }))
        .min(1)
        .max(5000),
    }),
    'Create (or, with an id, edit) many clients as one change, e.g. rows pasted from a sheet; any invalid row refuses them all.',
  ),
  'activities.list': read<Activity[]>()('clients.read', z.object({ clientId: idSchema }), 'A client’s timeline, newest first.'),
  'activities.create': write<Activity>()(
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
} as const satisfies Record<string, MethodSpec>;
