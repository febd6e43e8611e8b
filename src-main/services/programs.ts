/**
 * Programs: what the school teaches (a course, a workshop, individual lessons).
 * A program is the template its cohorts inherit price and capacity from.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Program } from '../../src-shared/api/types';
import { conflict, notFound } from '../../src-shared/errors';
import { applyChanges } from '../changes/funnel';
import { cohorts, programs } from '../db/schema';
import type { ServiceContext } from '../core/context';

export function listPrograms(ctx: ServiceContext, input: MethodParsedInput<'programs.list'>): Program[] {
  const where = input.includeArchived ? isNull(programs.deletedAt) : and(isNull(programs.deletedAt), eq(programs.archived, false));
  return ctx.db.orm.select().from(programs).where(where).orderBy(asc(programs.name)).all() as Program[];
}

export function getProgram(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): Program {
  const row = ctx.db.orm
    .select()
    .from(programs)
    .where(and(eq(programs.id, id), isNull(programs.deletedAt)))
    .get();
  if (!row) throw notFound('Program', id, path);
  return row as Program;
}

export function createProgram(ctx: ServiceContext, input: MethodParsedInput<'programs.create'>): Program {
  const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'programs', values: { ...input } }]);
  return getProgram(ctx, ids[0] as string);
}

export function updateProgram(ctx: ServiceContext, input: MethodParsedInput<'programs.update'>): Program {
  const { id, ...values } = input;
  getProgram(ctx, id);
  applyChanges(ctx, [{ op: 'update', table: 'programs', id, values }]);
  return getProgram(ctx, id);
}

export function deleteProgram(ctx: ServiceContext, input: { id: string }): { id: string } {
  getProgram(ctx, input.id);
  const live = ctx.db.orm
    .select({ id: cohorts.id })
    .from(cohorts)
    .where(and(eq(cohorts.programId, input.id), isNull(cohorts.deletedAt)))
    .limit(1)
    .get();
  if (live) throw conflict('This program still has cohorts: delete or move them first', ['id'], 'has_cohorts');
  applyChanges(ctx, [{ op: 'delete', table: 'programs', id: input.id }]);
  return { id: input.id };
}
