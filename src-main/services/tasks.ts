/**
 * Manual tasks: the to-dos no rule can derive ("send Anna the invoice", "ring the
 * landlord about room 2"), optionally about a client or an enrollment. Done is a
 * timestamp rather than a flag so the Today screen and the audit history can say
 * when it was done; undoing it clears the timestamp. A task that points at a
 * client or enrollment is checked against live rows so a typo in an id is a
 * NOT_FOUND beside that field, not an orphan row.
 */
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Task } from '../../src-shared/api/today-methods';
import { invalid, notFound } from '../../src-shared/errors';
import { applyChanges } from '../changes/funnel';
import { clients, enrollments, tasks, users } from '../db/schema';
import type { ServiceContext } from '../core/context';

type TaskRow = typeof tasks.$inferSelect;

function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    clientId: row.clientId,
    enrollmentId: row.enrollmentId,
    dueOn: row.dueOn,
    doneAt: row.doneAt,
    assignedTo: row.assignedTo,
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function getTask(ctx: Pick<ServiceContext, 'db'>, id: string): Task {
  const row = ctx.db.orm
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, id), isNull(tasks.deletedAt)))
    .get();
  if (!row) throw notFound('Task', id);
  return toTask(row);
}

function checkLinks(
  ctx: Pick<ServiceContext, 'db'>,
  input: { clientId?: string | null; enrollmentId?: string | null; assignedTo?: string | null },
): { clientId?: string | null } {
  if (input.clientId) {
    const found = ctx.db.orm
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.id, input.clientId), isNull(clients.deletedAt)))
      .get();
    if (!found) throw notFound('Client', input.clientId, ['clientId']);
  }
  if (input.assignedTo) {
    const found = ctx.db.orm
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.assignedTo), isNull(users.deletedAt)))
      .get();
    if (!found) throw notFound('User', input.assignedTo, ['assignedTo']);
  }
  if (input.enrollmentId) {
    const enrollment = ctx.db.orm
      .select({ clientId: enrollments.clientId })
      .from(enrollments)
      .where(and(eq(enrollments.id, input.enrollmentId), isNull(enrollments.deletedAt)))
      .get();
    if (!enrollment) throw notFound('Enrollment', input.enrollmentId, ['enrollmentId']);
    if (input.clientId && input.clientId !== enrollment.clientId)
      throw invalid(['enrollmentId'], 'other_client', 'The enrollment belongs to another client');
    return { clientId: enrollment.clientId };
  }
  return {};
}

export function listTasks(ctx: ServiceContext, input: MethodParsedInput<'tasks.list'>): Task[] {
  const conditions: SQL[] = [isNull(tasks.deletedAt)];
  if (!input.includeDone) conditions.push(isNull(tasks.doneAt));
  if (input.clientId) conditions.push(eq(tasks.clientId, input.clientId));
  return ctx.db.orm
    .select()
    .from(tasks)
    .where(and(...conditions))
    .orderBy(sql`${tasks.dueOn} IS NULL`, asc(tasks.dueOn), asc(tasks.title), asc(tasks.id))
    .all()
    .map(toTask);
}

export function createTask(ctx: ServiceContext, input: MethodParsedInput<'tasks.create'>): Task {
  const derived = checkLinks(ctx, input);
  const { ids } = applyChanges(ctx, [
    {
      op: 'insert',
      table: 'tasks',
      values: {
        title: input.title,
        clientId: input.clientId ?? derived.clientId ?? null,
        enrollmentId: input.enrollmentId ?? null,
        dueOn: input.dueOn ?? null,
        assignedTo: input.assignedTo ?? null,
        notes: input.notes ?? null,
      },
    },
  ]);
  return getTask(ctx, ids[0] as string);
}

export function updateTask(ctx: ServiceContext, input: MethodParsedInput<'tasks.update'>): Task {
  const current = getTask(ctx, input.id);
  const { id, ...values } = input;
  checkLinks(ctx, { clientId: values.clientId ?? current.clientId, enrollmentId: values.enrollmentId, assignedTo: values.assignedTo });
  applyChanges(ctx, [{ op: 'update', table: 'tasks', id, values }]);
  return getTask(ctx, id);
}

export function completeTask(ctx: ServiceContext, input: MethodParsedInput<'tasks.complete'>): Task {
  getTask(ctx, input.id);
  applyChanges(ctx, [
    { op: 'update', table: 'tasks', id: input.id, values: { doneAt: input.done ? ctx.clock.now().toISOString() : null } },
  ]);
  return getTask(ctx, input.id);
}

export function deleteTask(ctx: ServiceContext, input: { id: string }): { id: string } {
  getTask(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'tasks', id: input.id }]);
  return { id: input.id };
}
