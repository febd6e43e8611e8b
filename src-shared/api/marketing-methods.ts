/**
 * Sources, campaigns and the school's own lists. The lists (source channels,
 * reasons lost, client tags and which client fields are required) live on the
 * workspace's settings row, so both machines converge on one list per column;
 * campaigns are rows of their own with a cost, dates and the channel they feed.
 * A campaign's cost is money of the school: a role without `finance.read` gets
 * the campaign without it (`costMinor` null), never a list of costs to sum.
 * Joined into the contract by one spread in contract.ts.
 */
import { z } from 'zod';
import { byId, empty, idSchema, isoDate, moneyMinor, name, optionalText, read, write, type MethodSpec } from './spec';
import type { RowMeta } from './types';

/** Client fields the school may mark as required; every write path checks them (create, edit, paste, import). */
export const requirableClientFields = ['firstName', 'lastName', 'email', 'phone', 'birthDate', 'guardianId', 'sourceChannel'] as const;
export type RequirableClientField = (typeof requirableClientFields)[number];

export const campaignKinds = ['open_day', 'fair', 'ad', 'other'] as const;
export type CampaignKind = (typeof campaignKinds)[number];

export interface SchoolLists {
  requiredClientFields: RequirableClientField[];
  sourceChannels: string[];
  lostReasons: string[];
  clientTags: string[];
}

export interface Campaign extends RowMeta {
  name: string;
  kind: CampaignKind;
  channel: string | null;
  startsOn: string | null;
  endsOn: string | null;
  /** What it cost, in minor units; null for a role that may not see the school's money. */
  costMinor: number | null;
  cohortId: string | null;
  notes: string | null;
  archived: boolean;
  /** Enrollments that name this campaign (an open day's registrations are its cohort's enrollments, counted too). */
  enrollmentCount: number;
}

const listValue = z.string().trim().min(1, 'required').max(60);
const listOf = z
  .array(listValue)
  .max(100)
  .refine((values) => new Set(values.map((v) => v.toLowerCase())).size === values.length, { message: 'duplicate' });

const campaignFields = {
  kind: z.enum(campaignKinds),
  channel: optionalText(60),
  startsOn: isoDate.nullish(),
  endsOn: isoDate.nullish(),
  costMinor: moneyMinor.optional(),
  cohortId: idSchema.nullish(),
  notes: optionalText(2000),
  archived: z.boolean().optional(),
};

export const marketingMethods = {
  'schoolLists.get': read<SchoolLists>()(
    'workspace.read',
    empty,
    'The school’s own lists: required client fields, source channels, reasons lost, tags.',
  ),
  'schoolLists.update': write<SchoolLists>()(
    'workspace.manage',
    z.object({
      requiredClientFields: z.array(z.enum(requirableClientFields)).max(requirableClientFields.length).optional(),
      sourceChannels: listOf.optional(),
      lostReasons: listOf.optional(),
      clientTags: listOf.optional(),
    }),
    'Change the school’s own lists.',
  ),
  'campaigns.list': read<Campaign[]>()(
    'workspace.read',
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
    'Campaigns (open days, fairs, ads), newest first; the cost only for finance roles.',
  ),
  'campaigns.create': write<Campaign>()('catalog.write', z.object({ name, ...campaignFields }), 'Add a campaign.'),
  'campaigns.update': write<Campaign>()(
    'catalog.write',
    z.object({ id: idSchema, name: name.optional(), ...z.object(campaignFields).partial().shape }),
    'Edit a campaign.',
  ),
  'campaigns.delete': write<{ id: string }>()('records.delete', byId, 'Delete a campaign (soft).'),
} as const satisfies Record<string, MethodSpec>;
