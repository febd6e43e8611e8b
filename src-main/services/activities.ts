/**
 * A client's timeline: calls, messages, visits, notes, status changes, roll call and
 * packages (src-main/services/lessons/package-timeline.ts). Rows are
 * append-only (a wrong note is answered by another note, never edited), so two
 * machines that both logged a call offline keep both calls after sync. Times are
 * stored as full ISO UTC instants (`toISOString`) so that ordering the timeline by
 * the text column is ordering by time; the row's insertion order breaks ties
 * between entries written in the same millisecond.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Activity } from '../../src-shared/api/types';
import { invalid, notFound } from '../../src-shared/errors';
import { applyChanges } from '../changes/funnel';
import { activities, clients, enrollments } from '../db/schema';
import type { ServiceContext } from '../core/context';
import { expiredPackageLines } from './lessons/packages';

type ActivityRow = typeof activities.$inferSelect;

export function toActivity(row: ActivityRow): Activity {
  return row as Activity;
}

function requireLiveClient(ctx: Pick<ServiceContext, 'db'>, clientId: string): void {
  const row = ctx.db.orm
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.id, clientId), isNull(clients.deletedAt)))
    .get();
  if (!row) throw notFound('Client', clientId, ['clientId']);
}

/**
 * A client's timeline, newest first: all of it, or the newest `limit` entries (the client
 * page's first view). Besides the stored lines it holds one line per package of theirs
 * that has expired, read from the package (nothing is written on the day it runs out).
 */
export function activitiesOfClient(ctx: Pick<ServiceContext, 'db' | 'clock'>, clientId: string, limit?: number): Activity[] {
  const query = ctx.db.orm
    .select()
    .from(activities)
    .where(and(eq(activities.clientId, clientId), isNull(activities.deletedAt)))
    .orderBy(desc(activities.occurredAt), desc(sql`${activities}.rowid`));
  const stored = (limit === undefined ? query.all() : query.limit(limit).all()).map(toActivity);
  const expired = expiredPackageLines(ctx, clientId);
  if (expired.length === 0) return stored;
  // A stable sort keeps the stored lines' own order among equal times.
  const merged = [...stored, ...expired].sort((a, b) => (a.occurredAt === b.occurredAt ? 0 : a.occurredAt < b.occurredAt ? 1 : -1));
  return limit === undefined ? merged : merged.slice(0, limit);
}

/** How many timeline entries a client has (stored, and expired packages'), for "show all". */
export function activityCountOf(ctx: Pick<ServiceContext, 'db' | 'clock'>, clientId: string): number {
  const stored = ctx.db.sqlite
    .prepare('SELECT count(*) FROM activities WHERE client_id = ? AND deleted_at IS NULL')
    .pluck()
    .get(clientId) as number;
  return stored + expiredPackageLines(ctx, clientId).length;
}

export function listActivities(ctx: ServiceContext, input: MethodParsedInput<'activities.list'>): Activity[] {
  requireLiveClient(ctx, input.clientId);
  return activitiesOfClient(ctx, input.clientId);
}

export function createActivity(ctx: ServiceContext, input: MethodParsedInput<'activities.create'>): Activity {
  requireLiveClient(ctx, input.clientId);
  if (input.enrollmentId) {
    const enrollment = ctx.db.orm
      .select({ clientId: enrollments.clientId })
      .from(enrollments)
      .where(and(eq(enrollments.id, input.enrollmentId), isNull(enrollments.deletedAt)))
      .get();
    if (!enrollment) throw notFound('Enrollment', input.enrollmentId, ['enrollmentId']);
    if (enrollment.clientId !== input.clientId) {
      throw invalid(['enrollmentId'], 'other_client', 'The enrollment belongs to another client');
    }
  }
  const occurredAt = (input.occurredAt ? new Date(input.occurredAt) : ctx.clock.now()).toISOString();
  const { ids } = applyChanges(ctx, [
    {
      op: 'insert',
      table: 'activities',
      values: {
        clientId: input.clientId,
        enrollmentId: input.enrollmentId ?? null,
        kind: input.kind,
        occurredAt,
        summary: input.summary,
        userId: ctx.actor.userId,
      },
    },
  ]);
  const row = ctx.db.orm
    .select()
    .from(activities)
    .where(eq(activities.id, ids[0] as string))
    .get();
  if (!row) throw notFound('Activity', ids[0] as string);
  return toActivity(row);
}
