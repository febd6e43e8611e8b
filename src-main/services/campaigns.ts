/**
 * Campaigns: what the school did to bring people in (an open day, a fair, an ad),
 * with its cost, dates and the source channel it feeds. An open day takes
 * registrations through an event cohort it names: registering someone is
 * enrolling them there, so the usual enrollment screens, statuses and roll call
 * serve it and nothing about registrations is kept twice. What a campaign
 * returned is computed by the reports from the payments of enrollments that name
 * it, never stored. Its cost is the school's money: listed only for finance roles.
 */
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Campaign, CampaignKind } from '../../src-shared/api/marketing-methods';
import { invalid, notFound } from '../../src-shared/errors';
import { applyChanges } from '../changes/funnel';
import type { ServiceContext } from '../core/context';
import { getCohort } from './cohorts';
import { seesMoneyAcrossClients } from './rights';
import { requireListedChannel } from './school-lists';

interface CampaignRow {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  name: string;
  kind: string;
  channel: string | null;
  startsOn: string | null;
  endsOn: string | null;
  costMinor: number;
  cohortId: string | null;
  notes: string | null;
  archived: number;
  enrollmentCount: number;
}

const selectCampaigns = `
  SELECT k.id, k.created_at AS createdAt, k.updated_at AS updatedAt, k.deleted_at AS deletedAt, k.name, k.kind, k.channel,
         k.starts_on AS startsOn, k.ends_on AS endsOn, k.cost_minor AS costMinor, k.cohort_id AS cohortId, k.notes, k.archived,
         (SELECT count(*) FROM enrollments e
           WHERE e.deleted_at IS NULL AND (e.campaign_id = k.id OR (k.cohort_id IS NOT NULL AND e.cohort_id = k.cohort_id))) AS enrollmentCount
  FROM campaigns k WHERE k.deleted_at IS NULL`;

function toCampaign(row: CampaignRow, seesCost: boolean): Campaign {
  return { ...row, kind: row.kind as CampaignKind, archived: Boolean(row.archived), costMinor: seesCost ? row.costMinor : null };
}

export function listCampaigns(ctx: ServiceContext, input: MethodParsedInput<'campaigns.list'>): Campaign[] {
  const rows = ctx.db.sqlite
    .prepare(
      `${selectCampaigns}${input.includeArchived ? '' : ' AND k.archived = 0'} ORDER BY coalesce(k.starts_on, k.created_at) DESC, k.id DESC`,
    )
    .all() as CampaignRow[];
  const seesCost = seesMoneyAcrossClients(ctx);
  return rows.map((row) => toCampaign(row, seesCost));
}

export function getCampaign(ctx: ServiceContext, id: string, path: (string | number)[] = ['id']): Campaign {
  const row = ctx.db.sqlite.prepare(`${selectCampaigns} AND k.id = ?`).get(id) as CampaignRow | undefined;
  if (!row) throw notFound('Campaign', id, path);
  return toCampaign(row, seesMoneyAcrossClients(ctx));
}

type CampaignFields = Partial<Omit<MethodParsedInput<'campaigns.create'>, 'name'>> & { name?: string | undefined };

function campaignValues(ctx: ServiceContext, fields: CampaignFields, current: Campaign | null): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (fields.name !== undefined) values['name'] = fields.name;
  if (fields.kind !== undefined) values['kind'] = fields.kind;
  if (fields.channel !== undefined) {
    requireListedChannel(ctx, fields.channel, ['channel']);
    values['channel'] = fields.channel || null;
  }
  if (fields.startsOn !== undefined) values['startsOn'] = fields.startsOn ?? null;
  if (fields.endsOn !== undefined) values['endsOn'] = fields.endsOn ?? null;
  if (fields.costMinor !== undefined) values['costMinor'] = fields.costMinor;
  if (fields.cohortId !== undefined) {
    if (fields.cohortId) getCohort(ctx, fields.cohortId, ['cohortId']);
    values['cohortId'] = fields.cohortId ?? null;
  }
  if (fields.notes !== undefined) values['notes'] = fields.notes || null;
  if (fields.archived !== undefined) values['archived'] = fields.archived;
  const startsOn = fields.startsOn === undefined ? current?.startsOn : fields.startsOn;
  const endsOn = fields.endsOn === undefined ? current?.endsOn : fields.endsOn;
  if (startsOn && endsOn && endsOn < startsOn) throw invalid(['endsOn'], 'before_start', 'The campaign ends before it starts');
  return values;
}

export function createCampaign(ctx: ServiceContext, input: MethodParsedInput<'campaigns.create'>): Campaign {
  const values = { channel: null, startsOn: null, endsOn: null, costMinor: 0, cohortId: null, notes: null, archived: false };
  const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'campaigns', values: { ...values, ...campaignValues(ctx, input, null) } }]);
  return getCampaign(ctx, ids[0] as string);
}

export function updateCampaign(ctx: ServiceContext, input: MethodParsedInput<'campaigns.update'>): Campaign {
  const { id, ...fields } = input;
  const current = getCampaign(ctx, id);
  const values = campaignValues(ctx, fields, current);
  if (Object.keys(values).length > 0) applyChanges(ctx, [{ op: 'update', table: 'campaigns', id, values }]);
  return getCampaign(ctx, id);
}

export function deleteCampaign(ctx: ServiceContext, input: { id: string }): { id: string } {
  getCampaign(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'campaigns', id: input.id }]);
  return { id: input.id };
}
