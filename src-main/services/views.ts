/**
 * Saved grid views over the `saved_views` table. A view belongs to the person who
 * saved it unless it was shared; people see their own views and the shared ones,
 * and may change or delete only their own (the owner may also tidy shared ones).
 * Views are synced rows like any other, so they go through the funnel.
 */
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { SavedView } from '../../src-shared/api/views-methods';
import { AppError, notFound } from '../../src-shared/errors';
import { applyChanges } from '../changes/funnel';
import { savedViews } from '../db/schema';
import type { ServiceContext } from '../core/context';

type ViewRow = typeof savedViews.$inferSelect;

function toView(row: ViewRow): SavedView {
  let config: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.config);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
  } catch {
    // An unreadable config is shown as an empty view rather than hiding the view.
  }
  return { ...row, config };
}

function visibleTo(ctx: ServiceContext) {
  return ctx.actor.userId === null ? isNull(savedViews.userId) : or(isNull(savedViews.userId), eq(savedViews.userId, ctx.actor.userId));
}

export function listViews(ctx: ServiceContext, input: MethodParsedInput<'views.list'>): SavedView[] {
  return ctx.db.orm
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.grid, input.grid), isNull(savedViews.deletedAt), visibleTo(ctx)))
    .orderBy(asc(savedViews.position), asc(savedViews.name), asc(savedViews.id))
    .all()
    .map(toView);
}

function ownedView(ctx: ServiceContext, id: string): ViewRow {
  const row = ctx.db.orm
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, id), isNull(savedViews.deletedAt), visibleTo(ctx)))
    .get();
  if (!row) throw notFound('View', id);
  const mine = row.userId !== null && row.userId === ctx.actor.userId;
  if (!mine && ctx.actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only the owner may change a shared view', [
      { path: ['id'], code: 'view_not_yours', message: 'forbidden' },
    ]);
  }
  return row;
}

export function saveView(ctx: ServiceContext, input: MethodParsedInput<'views.save'>): SavedView {
  const values = {
    grid: input.grid,
    name: input.name,
    config: JSON.stringify(input.config),
    userId: input.shared ? null : ctx.actor.userId,
  };
  let id: string;
  if (input.id) {
    ownedView(ctx, input.id);
    applyChanges(ctx, [{ op: 'update', table: 'saved_views', id: input.id, values }]);
    id = input.id;
  } else {
    const position = listViews(ctx, { grid: input.grid }).reduce((max, v) => Math.max(max, v.position + 1), 0);
    id = applyChanges(ctx, [{ op: 'insert', table: 'saved_views', values: { ...values, position } }]).ids[0] as string;
  }
  return toView(ctx.db.orm.select().from(savedViews).where(eq(savedViews.id, id)).get() as ViewRow);
}

export function deleteView(ctx: ServiceContext, input: { id: string }): { id: string } {
  ownedView(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'saved_views', id: input.id }]);
  return { id: input.id };
}
