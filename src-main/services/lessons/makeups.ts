/**
 * Make-ups. A credit is not a row: it is an excused absence from one's own group,
 * counted under the school's rules (src-shared/lesson-credit.ts makeupCredits), and
 * a make-up is an attendance row of the person on a lesson of another group of the
 * same program. So booking writes one mark ('makeup') on the guest lesson, the
 * lesson's roll call shows the guest, and a credit cannot be spent twice on two
 * machines without both bookings showing: the second one simply finds the credit
 * used when the marks meet. Cancelling a booking takes the guest's marks on that
 * lesson back (soft deletes), so the credit is counted open again by the same rules.
 */
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import type { RollCall } from '../../../src-shared/api/lessons-methods';
import type { MakeupOptions } from '../../../src-shared/api/packages-methods';
import { todayIn } from '../../../src-shared/dates';
import { seatTakingStatuses } from '../../../src-shared/domain';
import { conflict, invalid, notFound } from '../../../src-shared/errors';
import { creditFor, makeupCredits, type MakeupCredit } from '../../../src-shared/lesson-credit';
import { applyChanges, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { getSettings } from '../settings';
import { familyCredit, getLessonRules } from './packages';
import { usedUpActivities } from './package-timeline';
import { getRollCall } from './roll-call';
import { lessonRows, viewsOf } from './views';

interface EnrollmentPlace {
  id: string;
  clientId: string;
  clientName: string;
  programId: string;
  programName: string;
  cohortId: string | null;
}

function enrollmentPlace(ctx: Pick<ServiceContext, 'db'>, enrollmentId: string): EnrollmentPlace {
  const row = ctx.db.sqlite
    .prepare(
      `SELECT e.id, e.client_id AS clientId, c.display_name AS clientName, e.program_id AS programId, p.name AS programName,
         e.cohort_id AS cohortId
       FROM enrollments e JOIN clients c ON c.id = e.client_id JOIN programs p ON p.id = e.program_id
       WHERE e.id = ? AND e.deleted_at IS NULL`,
    )
    .get(enrollmentId) as EnrollmentPlace | undefined;
  if (!row) throw notFound('Enrollment', enrollmentId, ['enrollmentId']);
  return row;
}

/** The enrollment's credits: excused absences from its own group, matched with its visits to other groups. */
export function creditsOf(ctx: Pick<ServiceContext, 'db'>, place: EnrollmentPlace): MakeupCredit[] {
  const marks = ctx.db.sqlite
    .prepare(
      `SELECT a.lesson_id AS lessonId, l.starts_on AS "on", l.cohort_id AS cohortId, a.state
       FROM attendance a JOIN lessons l ON l.id = a.lesson_id AND l.deleted_at IS NULL AND l.cancelled = 0
       WHERE a.enrollment_id = ? AND a.deleted_at IS NULL ORDER BY a.created_at, a.id`,
    )
    .all(place.id) as { lessonId: string; on: string; cohortId: string; state: string }[];
  const latest = new Map<string, (typeof marks)[number]>();
  for (const mark of marks) latest.set(mark.lessonId, mark);
  const excused = [...latest.values()].filter((m) => m.cohortId === place.cohortId && m.state === 'excused');
  const visits = [...latest.values()].filter((m) => m.cohortId !== place.cohortId);
  const rules = getLessonRules(ctx);
  return makeupCredits(excused, visits, { withinDays: rules.makeupWithinDays, perTerm: rules.makeupsPerTerm });
}

/** Free seats of a lesson: its group's capacity less the people in a seat and the guests already booked; null = no limit. */
function freeSeats(ctx: Pick<ServiceContext, 'db'>, lessonId: string): number | null {
  const row = ctx.db.sqlite
    .prepare(
      `SELECT coalesce(h.capacity, p.default_capacity) AS capacity,
         (SELECT count(*) FROM enrollments e WHERE e.cohort_id = h.id AND e.deleted_at IS NULL
            AND e.status IN (${seatTakingStatuses.map((s) => `'${s}'`).join(', ')})) AS seated,
         (SELECT count(DISTINCT a.enrollment_id) FROM attendance a JOIN enrollments g ON g.id = a.enrollment_id
            WHERE a.lesson_id = l.id AND a.deleted_at IS NULL AND g.cohort_id IS NOT h.id) AS guests
       FROM lessons l JOIN cohorts h ON h.id = l.cohort_id JOIN programs p ON p.id = h.program_id WHERE l.id = ?`,
    )
    .get(lessonId) as { capacity: number | null; seated: number; guests: number };
  return row.capacity === null ? null : Math.max(0, row.capacity - row.seated - row.guests);
}

export function makeupOptions(ctx: ServiceContext, input: MethodParsedInput<'makeups.options'>): MakeupOptions {
  const place = enrollmentPlace(ctx, input.enrollmentId);
  const credits = creditsOf(ctx, place);
  const today = todayIn(getSettings(ctx).timeZone, ctx.clock.now());
  const open = credits.filter((c) => c.usedBy === null && c.until >= today);
  const booked = viewsOf(
    ctx,
    lessonRows(
      ctx,
      `h.id IS NOT @cohortId AND (SELECT a.state FROM attendance a WHERE a.lesson_id = l.id AND a.enrollment_id = @enrollmentId
         AND a.deleted_at IS NULL ORDER BY a.created_at DESC, a.id DESC LIMIT 1) = 'makeup'`,
      { cohortId: place.cohortId, enrollmentId: place.id },
    ),
  );
  const base = { enrollmentId: place.id, clientName: place.clientName, programName: place.programName, credits, open: open.length, booked };
  if (open.length === 0) return { ...base, lessons: [] };
  const from = today;
  const to = open.reduce((max, c) => (c.until > max ? c.until : max), today);
  const rows = lessonRows(
    ctx,
    `l.cancelled = 0 AND h.program_id = @programId AND h.id IS NOT @cohortId AND l.starts_on BETWEEN @from AND @to
     AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.lesson_id = l.id AND a.enrollment_id = @enrollmentId AND a.deleted_at IS NULL)`,
    { programId: place.programId, cohortId: place.cohortId, from, to, enrollmentId: place.id },
  ).filter((row) => creditFor(credits, row.startsOn) !== null);
  const lessons = viewsOf(ctx, rows)
    .map((view) => ({ ...view, freeSeats: freeSeats(ctx, view.id) }))
    .filter((view) => view.freeSeats === null || view.freeSeats > 0)
    .slice(0, 100);
  return { ...base, lessons };
}

export function bookMakeup(ctx: ServiceContext, input: MethodParsedInput<'makeups.book'>): RollCall {
  const place = enrollmentPlace(ctx, input.enrollmentId);
  const [lesson] = lessonRows(ctx, 'l.id = @id', { id: input.lessonId });
  if (!lesson) throw notFound('Lesson', input.lessonId, ['lessonId']);
  const cohort = ctx.db.sqlite.prepare('SELECT program_id FROM cohorts WHERE id = ?').pluck().get(lesson.cohortId) as string;
  if (lesson.cancelled === 1) throw conflict('This lesson is cancelled', ['lessonId'], 'cancelled');
  if (cohort !== place.programId || lesson.cohortId === place.cohortId)
    throw invalid(['lessonId'], 'not_other_group', 'A make-up is taken in another group of the same program');
  const already = ctx.db.sqlite
    .prepare('SELECT 1 FROM attendance WHERE lesson_id = ? AND enrollment_id = ? AND deleted_at IS NULL')
    .get(lesson.id, place.id);
  if (already) throw conflict('This person is already booked into this lesson', ['lessonId'], 'already_booked');
  if (creditFor(creditsOf(ctx, place), lesson.startsOn) === null)
    throw conflict('No make-up credit is open for this day (all used, or past the school’s limit)', ['lessonId'], 'no_credit');
  const seats = freeSeats(ctx, lesson.id);
  if (seats !== null && seats <= 0) throw conflict('This lesson has no free seat', ['lessonId'], 'full');
  const mark = { lessonId: lesson.id, enrollmentId: place.id, state: 'makeup' as const };
  applyChanges(ctx, [
    { op: 'insert', table: 'attendance', values: { ...mark, note: null } },
    {
      op: 'insert',
      table: 'activities',
      values: {
        clientId: place.clientId,
        enrollmentId: place.id,
        kind: 'attendance',
        occurredAt: ctx.clock.now().toISOString(),
        summary: `${lesson.programName} (${lesson.cohortName}) · ${lesson.startsOn} ${lesson.startTime}: makeup`,
        userId: ctx.actor.userId,
      },
    },
    ...usedUpActivities(ctx, familyCredit(ctx), [mark]),
  ]);
  return getRollCall(ctx, { id: lesson.id });
}

/**
 * Cancels a booked make-up: the guest's marks on that lesson are taken back, so the
 * guest leaves its roll call, the lesson's seat is free again and the credit (and any
 * package lesson it drew) is open again. Only a booking not yet taken at roll call is
 * cancelled here: once the guest was marked, the mark is corrected at roll call.
 */
export function cancelMakeup(ctx: ServiceContext, input: MethodParsedInput<'makeups.cancel'>): RollCall {
  const place = enrollmentPlace(ctx, input.enrollmentId);
  const [lesson] = lessonRows(ctx, 'l.id = @id', { id: input.lessonId });
  if (!lesson) throw notFound('Lesson', input.lessonId, ['lessonId']);
  if (lesson.cohortId === place.cohortId)
    throw invalid(['lessonId'], 'not_guest', 'This is the person’s own group: mark an absence at roll call instead');
  const marks = ctx.db.sqlite
    .prepare('SELECT id, state FROM attendance WHERE lesson_id = ? AND enrollment_id = ? AND deleted_at IS NULL ORDER BY created_at, id')
    .all(lesson.id, place.id) as { id: string; state: string }[];
  const latest = marks.at(-1);
  if (!latest) throw conflict('No make-up of this person is booked into this lesson', ['lessonId'], 'not_booked');
  if (latest.state !== 'makeup')
    throw conflict('Roll call has already marked this guest: correct the mark there', ['lessonId'], 'already_marked');
  const writes: Write[] = marks.map((m) => ({ op: 'delete', table: 'attendance', id: m.id }));
  writes.push({
    op: 'insert',
    table: 'activities',
    values: {
      clientId: place.clientId,
      enrollmentId: place.id,
      kind: 'attendance',
      occurredAt: ctx.clock.now().toISOString(),
      summary: `${lesson.programName} (${lesson.cohortName}) · ${lesson.startsOn} ${lesson.startTime}: makeup_cancelled`,
      userId: ctx.actor.userId,
    },
  });
  applyChanges(ctx, writes);
  return getRollCall(ctx, { id: lesson.id });
}
