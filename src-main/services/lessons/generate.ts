/**
 * Keeping a cohort's lessons in step with its weekly schedule. Each generated
 * lesson remembers the slot it was made for (`slot_on` + `slot_time`), so a
 * second run matches lessons to slots instead of guessing: a slot with a lesson
 * is left alone or brought up to date, a slot without one gets one, a lesson
 * whose slot is gone is removed. What happened is never rewritten: lessons that
 * have started are kept as they are, and so is every lesson someone changed by
 * hand (`edited`), every extra lesson and every lesson with a roll-call mark.
 * The first run for a cohort covers its whole date range, past days included,
 * so a group that started last week can have last week's roll call taken; every
 * later run (a schedule edit, a new holiday) only touches lessons yet to start.
 */
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import type { LessonPlanCounts, LessonPlanPreview } from '../../../src-shared/api/lessons-methods';
import type { Cohort } from '../../../src-shared/api/types';
import { notStartedAt, planLessons, wallClock, type ClosedRange, type PlannedLesson } from '../../../src-shared/schedule';
import { applyChanges, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { getCohort } from '../cohorts';
import { getSettings } from '../settings';
import { bookingsBetween, doubleBookings } from './views';

interface ExistingLesson {
  id: string;
  startsOn: string;
  startTime: string | null;
  minutes: number | null;
  teacherId: string | null;
  roomId: string | null;
  slotOn: string | null;
  slotTime: string | null;
  edited: number;
  marked: number;
}

export interface CohortPlan {
  counts: LessonPlanCounts;
  writes: Write[];
  /** Lessons the plan creates or moves to another teacher, room or length: what to check for double bookings before saving. */
  placed: (PlannedLesson & { teacherId: string | null; roomId: string | null })[];
  first: boolean;
}

export function liveClosures(ctx: Pick<ServiceContext, 'db'>): ClosedRange[] {
  return ctx.db.sqlite
    .prepare('SELECT starts_on AS startsOn, ends_on AS endsOn FROM closures WHERE deleted_at IS NULL')
    .all() as ClosedRange[];
}

function existingLessons(ctx: Pick<ServiceContext, 'db'>, cohortId: string): ExistingLesson[] {
  return ctx.db.sqlite
    .prepare(
      `SELECT l.id, l.starts_on AS startsOn, l.start_time AS startTime, l.minutes, l.teacher_id AS teacherId, l.room_id AS roomId,
        l.slot_on AS slotOn, l.slot_time AS slotTime, l.edited,
        EXISTS (SELECT 1 FROM attendance a WHERE a.lesson_id = l.id AND a.deleted_at IS NULL) AS marked
       FROM lessons l WHERE l.cohort_id = ? AND l.deleted_at IS NULL`,
    )
    .all(cohortId) as ExistingLesson[];
}

/** The lessons the schedule asks for: none for a cancelled cohort or one without both dates. */
function wantedLessons(cohort: Cohort, closures: readonly ClosedRange[]): PlannedLesson[] {
  if (cohort.status === 'cancelled' || !cohort.startOn || !cohort.endOn) return [];
  return planLessons(cohort.schedule, cohort.startOn, cohort.endOn, closures);
}

const slotKey = (date: string, time: string | null) => `${date} ${time ?? ''}`;

/** What bringing `cohort`'s lessons in step with its schedule takes, as funnel writes not yet applied. */
export function planCohortLessons(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  cohort: Cohort,
  closures: readonly ClosedRange[],
  timeZone: string,
): CohortPlan {
  const now = wallClock(timeZone, ctx.clock.now());
  const existing = existingLessons(ctx, cohort.id);
  const first = existing.length === 0;
  const wanted = new Map<string, PlannedLesson>();
  for (const lesson of wantedLessons(cohort, closures)) {
    if (first || notStartedAt({ date: lesson.date, time: lesson.startTime }, now))
      wanted.set(slotKey(lesson.date, lesson.startTime), lesson);
  }
  const counts: LessonPlanCounts = { created: 0, updated: 0, removed: 0, kept: 0 };
  const writes: Write[] = [];
  const placed: CohortPlan['placed'] = [];
  for (const lesson of existing) {
    const started = !notStartedAt({ date: lesson.startsOn, time: lesson.startTime ?? '00:00' }, now);
    const key = lesson.slotOn === null ? null : slotKey(lesson.slotOn, lesson.slotTime);
    const slot = key === null ? undefined : wanted.get(key);
    if (key !== null) wanted.delete(key);
    if (started || key === null || lesson.edited === 1) {
      counts.kept++;
      continue;
    }
    if (!slot) {
      if (lesson.marked === 1) counts.kept++;
      else {
        writes.push({ op: 'delete', table: 'lessons', id: lesson.id });
        counts.removed++;
      }
      continue;
    }
    const values = { minutes: slot.minutes, teacherId: cohort.teacherId, roomId: cohort.roomId };
    if (lesson.minutes !== values.minutes || lesson.teacherId !== values.teacherId || lesson.roomId !== values.roomId) {
      writes.push({ op: 'update', table: 'lessons', id: lesson.id, values });
      placed.push({ ...slot, teacherId: values.teacherId, roomId: values.roomId });
      counts.updated++;
    } else counts.kept++;
  }
  const created = [...wanted.values()].map((slot) => ({ ...slot, teacherId: cohort.teacherId, roomId: cohort.roomId }));
  for (const lesson of created) {
    writes.push({
      op: 'insert',
      table: 'lessons',
      values: {
        cohortId: cohort.id,
        startsOn: lesson.date,
        startTime: lesson.startTime,
        minutes: lesson.minutes,
        teacherId: lesson.teacherId,
        roomId: lesson.roomId,
        cancelled: false,
        note: null,
        slotOn: lesson.date,
        slotTime: lesson.startTime,
        edited: false,
      },
    });
  }
  counts.created = created.length;
  return { counts, writes, placed: [...placed, ...created], first };
}

function addCounts(a: LessonPlanCounts, b: LessonPlanCounts): LessonPlanCounts {
  return { created: a.created + b.created, updated: a.updated + b.updated, removed: a.removed + b.removed, kept: a.kept + b.kept };
}

export const noCounts: LessonPlanCounts = { created: 0, updated: 0, removed: 0, kept: 0 };

/** Brings every given cohort's lessons in step with its schedule, in one funnel call (one undoable action). */
export function generateLessons(ctx: ServiceContext, input: { cohortIds: readonly string[] }): LessonPlanCounts {
  const { timeZone } = getSettings(ctx);
  const closures = liveClosures(ctx);
  let counts = noCounts;
  const writes: Write[] = [];
  input.cohortIds.forEach((id, i) => {
    const plan = planCohortLessons(ctx, getCohort(ctx, id, ['cohortIds', i]), closures, timeZone);
    counts = addCounts(counts, plan.counts);
    writes.push(...plan.writes);
  });
  if (writes.length > 0) applyChanges(ctx, writes);
  return counts;
}

/**
 * The same plan for one cohort, without writing, with the double bookings the new
 * lessons would make; with `proposed`, for the cohort as an editor is about to save it.
 */
export function previewGenerate(ctx: ServiceContext, input: MethodParsedInput<'lessons.previewGenerate'>): LessonPlanPreview {
  const { timeZone } = getSettings(ctx);
  const saved = getCohort(ctx, input.cohortId, ['cohortId']);
  const proposed = Object.fromEntries(Object.entries(input.proposed ?? {}).filter(([, value]) => value !== undefined));
  const cohort: Cohort = { ...saved, ...proposed };
  const plan = planCohortLessons(ctx, cohort, liveClosures(ctx), timeZone);
  const conflicts: LessonPlanPreview['conflicts'] = [];
  if (plan.placed.length > 0) {
    const days = plan.placed.map((l) => l.date).sort();
    const booked = bookingsBetween(ctx, days[0] as string, days[days.length - 1] as string).filter((b) => b.cohortId !== cohort.id);
    const proposed = plan.placed.map((l, i) => ({
      id: `new-${i}`,
      cohortName: cohort.name,
      startsOn: l.date,
      startTime: l.startTime,
      minutes: l.minutes,
      teacherId: l.teacherId,
      teacherName: null,
      roomId: l.roomId,
      roomName: null,
    }));
    const clashes = doubleBookings([...booked, ...proposed]);
    for (const lesson of proposed) {
      for (const clash of clashes.get(lesson.id) ?? []) if (!clash.lessonId?.startsWith('new-')) conflicts.push(clash);
    }
  }
  return { ...plan.counts, first: plan.first, conflicts };
}

/** Whether a cohort has had lessons generated: only such cohorts follow schedule and calendar changes by themselves. */
export function hasLessons(ctx: Pick<ServiceContext, 'db'>, cohortId: string): boolean {
  return ctx.db.sqlite.prepare('SELECT 1 FROM lessons WHERE cohort_id = ? AND deleted_at IS NULL LIMIT 1').get(cohortId) !== undefined;
}

/**
 * After a cohort is edited: if its lessons were generated, bring the ones yet to
 * come in step with the new schedule, dates, teacher, room or status, in the
 * same action as the edit. Returns the cohort unchanged for the caller.
 */
export function followCohortChange<T extends { id: string }>(ctx: ServiceContext, cohort: T): T {
  if (hasLessons(ctx, cohort.id)) generateLessons(ctx, { cohortIds: [cohort.id] });
  return cohort;
}

/** Cohorts with generated lessons whose dates overlap the given days: those a new or removed closure moves. */
export function cohortsWithLessonsBetween(ctx: Pick<ServiceContext, 'db'>, from: string, to: string): string[] {
  return ctx.db.sqlite
    .prepare(
      `SELECT h.id FROM cohorts h WHERE h.deleted_at IS NULL AND h.start_on <= @to AND h.end_on >= @from
        AND EXISTS (SELECT 1 FROM lessons l WHERE l.cohort_id = h.id AND l.deleted_at IS NULL)`,
    )
    .pluck()
    .all({ from, to }) as string[];
}
