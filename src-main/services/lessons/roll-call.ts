/**
 * Roll call. Attendance is append-only: a mark is a row, a correction is a newer
 * row, and the latest row per lesson and enrollment is the person's mark. So an
 * assistant fixes a wrong mark without deleting anything, and two machines that
 * both took roll call offline keep both rows after sync, the later one counting.
 * Saving writes only the marks that changed, each with a line in the client's
 * timeline, so saving the same roll call twice adds nothing; a mark that uses up
 * the last lesson of a package adds that package's "used up" line as well.
 */
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import type { RollCall, RollCallStudent } from '../../../src-shared/api/lessons-methods';
import { seatTakingStatuses, type AttendanceState, type EnrollmentStatus } from '../../../src-shared/domain';
import { conflict, invalid } from '../../../src-shared/errors';
import { applyChanges, type Write } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { familyCredit } from './packages';
import { usedUpActivities, type NewMark } from './package-timeline';
import { getLessonView } from './views';

/** The latest mark per enrollment on a lesson. */
function latestMarks(ctx: Pick<ServiceContext, 'db'>, lessonId: string): Map<string, AttendanceState> {
  const rows = ctx.db.sqlite
    .prepare(
      'SELECT enrollment_id AS enrollmentId, state FROM attendance WHERE lesson_id = ? AND deleted_at IS NULL ORDER BY created_at, id',
    )
    .all(lessonId) as { enrollmentId: string; state: AttendanceState }[];
  const marks = new Map<string, AttendanceState>();
  for (const row of rows) marks.set(row.enrollmentId, row.state);
  return marks;
}

/** The lesson's students: its cohort's people in a seat, and anyone already marked on it (a make-up guest, someone since gone). */
function students(ctx: Pick<ServiceContext, 'db'>, lessonId: string, cohortId: string): RollCallStudent[] {
  const marks = latestMarks(ctx, lessonId);
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT e.id AS enrollmentId, e.client_id AS clientId, c.display_name AS clientName, e.status
       FROM enrollments e JOIN clients c ON c.id = e.client_id AND c.deleted_at IS NULL
       WHERE e.deleted_at IS NULL AND (
         (e.cohort_id = @cohortId AND e.status IN (${seatTakingStatuses.map((s) => `'${s}'`).join(', ')}))
         OR e.id IN (SELECT a.enrollment_id FROM attendance a WHERE a.lesson_id = @lessonId AND a.deleted_at IS NULL))
       ORDER BY c.display_name, e.id`,
    )
    .all({ cohortId, lessonId }) as { enrollmentId: string; clientId: string; clientName: string; status: EnrollmentStatus }[];
  return rows.map((row) => ({ ...row, state: marks.get(row.enrollmentId) ?? null }));
}

export function getRollCall(ctx: ServiceContext, input: { id: string }): RollCall {
  const lesson = getLessonView(ctx, input.id);
  return { lesson, students: students(ctx, lesson.id, lesson.cohortId) };
}

export function recordAttendance(ctx: ServiceContext, input: MethodParsedInput<'attendance.record'>): RollCall {
  const lesson = getLessonView(ctx, input.lessonId, ['lessonId']);
  if (lesson.cancelled) throw conflict('This lesson is cancelled: there is no roll call to take', ['lessonId'], 'cancelled');
  const roster = new Map(students(ctx, lesson.id, lesson.cohortId).map((s) => [s.enrollmentId, s]));
  const wanted = new Map<string, AttendanceState>();
  input.marks.forEach((mark, i) => {
    if (!roster.has(mark.enrollmentId))
      throw invalid(['marks', i, 'enrollmentId'], 'not_in_lesson', 'This person is not in this lesson’s group');
    wanted.set(mark.enrollmentId, mark.state);
  });
  const now = ctx.clock.now().toISOString();
  const what = `${lesson.programName} (${lesson.cohortName}) · ${lesson.startsOn} ${lesson.startTime}`;
  const writes: Write[] = [];
  const changed: NewMark[] = [];
  for (const [enrollmentId, state] of wanted) {
    const student = roster.get(enrollmentId) as RollCallStudent;
    if (student.state === state) continue;
    changed.push({ lessonId: lesson.id, enrollmentId, state });
    writes.push(
      { op: 'insert', table: 'attendance', values: { lessonId: lesson.id, enrollmentId, state, note: null } },
      {
        op: 'insert',
        table: 'activities',
        values: {
          clientId: student.clientId,
          enrollmentId,
          kind: 'attendance',
          occurredAt: now,
          summary: `${what}: ${state}`,
          userId: ctx.actor.userId,
        },
      },
    );
  }
  if (writes.length > 0) applyChanges(ctx, [...writes, ...usedUpActivities(ctx, familyCredit(ctx), changed)]);
  return getRollCall(ctx, { id: lesson.id });
}
