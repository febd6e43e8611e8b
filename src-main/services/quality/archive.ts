/**
 * Archiving clients who have not enrolled for a while: they leave the everyday
 * lists but nothing of theirs is deleted (an archived client is found by search,
 * keeps its history and comes back with one edit). The preview lists exactly who
 * would be archived; archiving takes the ids the person saw and archives those the
 * same rule still lists, so a client who enrolled in between is not swept along.
 * Guardians of clients who are not archived are never listed: a parent who pays
 * for a child has no enrollment of their own but is not gone.
 * One funnel call for the whole list: one action, undone as one.
 */
import { subMonths } from 'date-fns/subMonths';
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import type { ArchivePreview } from '../../../src-shared/api/quality-methods';
import { todayIn } from '../../../src-shared/dates';
import { applyChanges } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { getSettings } from '../settings';

function cutoffOf(ctx: ServiceContext, months: number): string {
  const today = todayIn(getSettings(ctx).timeZone, ctx.clock.now());
  return subMonths(new Date(`${today}T00:00:00Z`), months)
    .toISOString()
    .slice(0, 10);
}

const candidatesSql = `
  SELECT c.id, c.display_name AS displayName, c.created_at AS createdAt,
         (SELECT max(e.updated_at) FROM enrollments e WHERE e.client_id = c.id AND e.deleted_at IS NULL) AS lastEnrollmentAt
    FROM clients c
   WHERE c.deleted_at IS NULL AND c.archived = 0 AND c.created_at < @cutoff
     AND NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.client_id = c.id AND e.deleted_at IS NULL AND e.updated_at >= @cutoff)
     AND NOT EXISTS (SELECT 1 FROM clients w WHERE w.guardian_id = c.id AND w.deleted_at IS NULL AND w.archived = 0)
   ORDER BY c.display_name, c.id`;

export function archivePreview(ctx: ServiceContext, input: MethodParsedInput<'quality.archivePreview'>): ArchivePreview {
  const cutoff = cutoffOf(ctx, input.months);
  const clients = ctx.db.sqlite.prepare(candidatesSql).all({ cutoff }) as ArchivePreview['clients'];
  return { cutoff, clients };
}

export function archiveClients(ctx: ServiceContext, input: MethodParsedInput<'quality.archive'>): { archived: number } {
  const listed = new Set(archivePreview(ctx, { months: input.months }).clients.map((c) => c.id));
  const ids = [...new Set(input.ids)].filter((id) => listed.has(id));
  if (ids.length === 0) return { archived: 0 };
  applyChanges(
    ctx,
    ids.map((id) => ({ op: 'update' as const, table: 'clients' as const, id, values: { archived: true } })),
  );
  return { archived: ids.length };
}
