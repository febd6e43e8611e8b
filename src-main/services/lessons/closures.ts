/**
 * The school's closed days: holidays and closures, each a named stretch of days.
 * Closing days removes the lessons yet to come on them from every cohort whose
 * lessons were generated; opening them again (deleting the closure) generates
 * those lessons again. Both happen in the same action as the closure itself, so
 * one undo puts the calendar back as it was. Lessons already held, changed by
 * hand or with roll call are never removed (see generate.ts).
 */
import type { Closure, LessonPlanCounts } from '../../../src-shared/api/lessons-methods';
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import { notFound } from '../../../src-shared/errors';
import { applyChanges } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { cohortsWithLessonsBetween, generateLessons, noCounts } from './generate';

const selectClosures = 'SELECT id, name, starts_on AS startsOn, ends_on AS endsOn FROM closures WHERE deleted_at IS NULL';

export function listClosures(ctx: ServiceContext): Closure[] {
  return ctx.db.sqlite.prepare(`${selectClosures} ORDER BY starts_on, name, id`).all() as Closure[];
}

function getClosure(ctx: Pick<ServiceContext, 'db'>, id: string): Closure {
  const row = ctx.db.sqlite.prepare(`${selectClosures} AND id = ?`).get(id) as Closure | undefined;
  if (!row) throw notFound('Closure', id);
  return row;
}

function regenerateBetween(ctx: ServiceContext, from: string, to: string): LessonPlanCounts {
  const cohortIds = cohortsWithLessonsBetween(ctx, from, to);
  return cohortIds.length > 0 ? generateLessons(ctx, { cohortIds }) : noCounts;
}

export function createClosure(
  ctx: ServiceContext,
  input: MethodParsedInput<'closures.create'>,
): { closure: Closure; lessons: LessonPlanCounts } {
  const { ids } = applyChanges(ctx, [
    { op: 'insert', table: 'closures', values: { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn } },
  ]);
  const lessons = regenerateBetween(ctx, input.startsOn, input.endsOn);
  return { closure: getClosure(ctx, ids[0] as string), lessons };
}

export function deleteClosure(ctx: ServiceContext, input: { id: string }): { id: string; lessons: LessonPlanCounts } {
  const closure = getClosure(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'closures', id: input.id }]);
  return { id: input.id, lessons: regenerateBetween(ctx, closure.startsOn, closure.endsOn) };
}
