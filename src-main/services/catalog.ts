/**
 * Teachers and rooms: the small lists cohorts point at. Deleting one is soft and
 * leaves cohorts pointing at it (their history still names the teacher).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { MethodParsedInput } from '../../src-shared/api/contract';
import type { Room, Teacher } from '../../src-shared/api/types';
import { notFound } from '../../src-shared/errors';
import { applyChanges } from '../changes/funnel';
import { rooms, teachers } from '../db/schema';
import type { ServiceContext } from '../core/context';

export function listTeachers(ctx: ServiceContext): Teacher[] {
  return ctx.db.orm.select().from(teachers).where(isNull(teachers.deletedAt)).orderBy(asc(teachers.name)).all() as Teacher[];
}

export function getTeacher(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): Teacher {
  const row = ctx.db.orm
    .select()
    .from(teachers)
    .where(and(eq(teachers.id, id), isNull(teachers.deletedAt)))
    .get();
  if (!row) throw notFound('Teacher', id, path);
  return row as Teacher;
}

export function createTeacher(ctx: ServiceContext, input: MethodParsedInput<'teachers.create'>): Teacher {
  const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'teachers', values: { ...input } }]);
  return getTeacher(ctx, ids[0] as string);
}

export function updateTeacher(ctx: ServiceContext, input: MethodParsedInput<'teachers.update'>): Teacher {
  const { id, ...values } = input;
  getTeacher(ctx, id);
  applyChanges(ctx, [{ op: 'update', table: 'teachers', id, values }]);
  return getTeacher(ctx, id);
}

export function deleteTeacher(ctx: ServiceContext, input: { id: string }): { id: string } {
  getTeacher(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'teachers', id: input.id }]);
  return { id: input.id };
}

export function listRooms(ctx: ServiceContext): Room[] {
  return ctx.db.orm.select().from(rooms).where(isNull(rooms.deletedAt)).orderBy(asc(rooms.name)).all() as Room[];
}

export function getRoom(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): Room {
  const row = ctx.db.orm
    .select()
    .from(rooms)
    .where(and(eq(rooms.id, id), isNull(rooms.deletedAt)))
    .get();
  if (!row) throw notFound('Room', id, path);
  return row as Room;
}

export function createRoom(ctx: ServiceContext, input: MethodParsedInput<'rooms.create'>): Room {
  const { ids } = applyChanges(ctx, [{ op: 'insert', table: 'rooms', values: { ...input } }]);
  return getRoom(ctx, ids[0] as string);
}

export function updateRoom(ctx: ServiceContext, input: MethodParsedInput<'rooms.update'>): Room {
  const { id, ...values } = input;
  getRoom(ctx, id);
  applyChanges(ctx, [{ op: 'update', table: 'rooms', id, values }]);
  return getRoom(ctx, id);
}

export function deleteRoom(ctx: ServiceContext, input: { id: string }): { id: string } {
  getRoom(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'rooms', id: input.id }]);
  return { id: input.id };
}
