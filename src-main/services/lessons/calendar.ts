/**
 * The calendar's reads and the exceptions people make to single lessons. An
 * exception marks the lesson `edited`, which is what keeps it from being undone
 * by the next regeneration of the cohort's schedule; an extra lesson has no
 * schedule slot, so regeneration never matches it to one. Moving a lesson
 * keeps its slot: the slot is what it was generated for, the date is when it
 * happens.
 */
import type { LessonConflict, LessonView } from '../../../src-shared/api/lessons-methods';
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import { conflict } from '../../../src-shared/errors';
import { addDaysIso } from '../../../src-shared/dates';
import { wallClock, zonedInstant } from '../../../src-shared/schedule';
import { applyChanges } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { getRoom, getTeacher } from '../catalog';
import { getCohort } from '../cohorts';
import { getSettings } from '../settings';
import { bookingsBetween, doubleBookings, getLessonView, lessonRows, viewsOf } from './views';

export function listLessons(ctx: ServiceContext, input: MethodParsedInput<'lessons.list'>): LessonView[] {
  const where = ['l.starts_on BETWEEN @from AND @to'];
  if (input.teacherId) where.push('l.teacher_id = @teacherId');
  if (input.roomId) where.push('l.room_id = @roomId');
  if (input.cohortId) where.push('l.cohort_id = @cohortId');
  return viewsOf(ctx, lessonRows(ctx, where.join(' AND '), { ...input }));
}

/** How far ahead the next lessons are looked for. */
const upcomingDays = 62;

/** Ids of the teachers linked to the caller's account: a teacher's "my groups". */
function teachersOfActor(ctx: ServiceContext): string[] {
  if (!ctx.actor.userId) return [];
  return ctx.db.sqlite
    .prepare('SELECT id FROM teachers WHERE user_id = ? AND deleted_at IS NULL')
    .pluck()
    .all(ctx.actor.userId) as string[];
}

/**
 * The next lessons not cancelled, from the one running now: of the caller's own
 * groups when the caller is a teacher on the list, else of the whole school.
 */
export function upcomingLessons(ctx: ServiceContext, input: MethodParsedInput<'lessons.upcoming'>): LessonView[] {
  const { timeZone } = getSettings(ctx);
  const now = ctx.clock.now();
  const today = wallClock(timeZone, now).date;
  const mine = teachersOfActor(ctx);
  const params: Record<string, unknown> = { today, until: addDaysIso(today, upcomingDays) };
  mine.forEach((id, i) => (params[`teacher${i}`] = id));
  const teacherFilter = mine.length > 0 ? ` AND l.teacher_id IN (${mine.map((_, i) => `@teacher${i}`).join(', ')})` : '';
  const rows = lessonRows(ctx, `l.cancelled = 0 AND l.starts_on BETWEEN @today AND @until${teacherFilter}`, params);
  // A lesson under way still counts: roll call is taken during it.
  const notOver = rows.filter((r) => zonedInstant(r.startsOn, r.startTime, timeZone).getTime() + r.minutes * 60_000 > now.getTime());
  return viewsOf(ctx, notOver.slice(0, input.limit));
}

/** The lessons a lesson at this time, with this teacher and room, would double-book. */
export function checkConflicts(ctx: ServiceContext, input: MethodParsedInput<'lessons.conflicts'>): LessonConflict[] {
  const booked = bookingsBetween(ctx, input.startsOn, input.startsOn).filter((b) => b.id !== input.excludeLessonId);
  const teacherName = input.teacherId ? getTeacher(ctx, input.teacherId, ['teacherId']).name : null;
  const roomName = input.roomId ? getRoom(ctx, input.roomId, ['roomId']).name : null;
  const proposal = {
    id: '',
    cohortName: '',
    startsOn: input.startsOn,
    startTime: input.startTime,
    minutes: input.minutes,
    teacherId: input.teacherId ?? null,
    teacherName,
    roomId: input.roomId ?? null,
    roomName,
  };
  return doubleBookings([...booked, proposal]).get('') ?? [];
}

export function createExtraLesson(ctx: ServiceContext, input: MethodParsedInput<'lessons.create'>): LessonView {
  const cohort = getCohort(ctx, input.cohortId, ['cohortId']);
  if (input.teacherId) getTeacher(ctx, input.teacherId, ['teacherId']);
  if (input.roomId) getRoom(ctx, input.roomId, ['roomId']);
  const { ids } = applyChanges(ctx, [
    {
      op: 'insert',
      table: 'lessons',
      values: {
        cohortId: cohort.id,
        startsOn: input.startsOn,
        startTime: input.startTime,
        minutes: input.minutes,
        teacherId: input.teacherId === undefined ? cohort.teacherId : input.teacherId,
        roomId: input.roomId === undefined ? cohort.roomId : input.roomId,
        cancelled: false,
        note: input.note ?? null,
        slotOn: null,
        slotTime: null,
        edited: true,
      },
    },
  ]);
  return getLessonView(ctx, ids[0] as string);
}

export function updateLesson(ctx: ServiceContext, input: MethodParsedInput<'lessons.update'>): LessonView {
  const { id, ...fields } = input;
  const current = getLessonView(ctx, id);
  if (fields.teacherId) getTeacher(ctx, fields.teacherId, ['teacherId']);
  if (fields.roomId) getRoom(ctx, fields.roomId, ['roomId']);
  if (fields.cancelled === true && current.marked > 0)
    throw conflict('Roll call was taken for this lesson: it cannot be cancelled', ['cancelled'], 'has_attendance');
  const values: Record<string, unknown> = { edited: true };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) values[key] = value;
  applyChanges(ctx, [{ op: 'update', table: 'lessons', id, values }]);
  return getLessonView(ctx, id);
}
