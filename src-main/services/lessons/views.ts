/**
 * Reading lessons the way the calendar shows them: cohort, program, teacher and
 * room names resolved, each exception spelled out (moved, extra, substitute,
 * other room), the instant it starts in the school's time zone, how many people
 * have a roll-call mark, and every double booking. Double bookings are computed
 * on every read, never stored: two machines scheduling offline would each store
 * "no clash" and sync would keep both lessons and neither warning.
 */
import type { LessonConflict, LessonView } from '../../../src-shared/api/lessons-methods';
import { timesOverlap, zonedInstant } from '../../../src-shared/schedule';
import { notFound } from '../../../src-shared/errors';
import type { ServiceContext } from '../../core/context';
import { getSettings } from '../settings';

/** A lesson row with the names the calendar needs, as read by `lessonRows`. */
export interface LessonRow {
  id: string;
  cohortId: string;
  cohortName: string;
  programName: string;
  color: string | null;
  startsOn: string;
  startTime: string;
  minutes: number;
  teacherId: string | null;
  teacherName: string | null;
  roomId: string | null;
  roomName: string | null;
  cancelled: number;
  note: string | null;
  slotOn: string | null;
  slotTime: string | null;
  cohortTeacherId: string | null;
  cohortRoomId: string | null;
  marked: number;
}

const selectLessons = `
SELECT l.id, l.cohort_id AS cohortId, h.name AS cohortName, p.name AS programName, p.color AS color,
  l.starts_on AS startsOn, COALESCE(l.start_time, '00:00') AS startTime, COALESCE(l.minutes, p.lesson_minutes, 60) AS minutes,
  l.teacher_id AS teacherId, t.name AS teacherName, l.room_id AS roomId, r.name AS roomName,
  l.cancelled AS cancelled, l.note AS note, l.slot_on AS slotOn, l.slot_time AS slotTime,
  h.teacher_id AS cohortTeacherId, h.room_id AS cohortRoomId,
  (SELECT count(DISTINCT a.enrollment_id) FROM attendance a WHERE a.lesson_id = l.id AND a.deleted_at IS NULL) AS marked
FROM lessons l
JOIN cohorts h ON h.id = l.cohort_id AND h.deleted_at IS NULL
JOIN programs p ON p.id = h.program_id
LEFT JOIN teachers t ON t.id = l.teacher_id
LEFT JOIN rooms r ON r.id = l.room_id
WHERE l.deleted_at IS NULL`;

/** Live lessons of live cohorts matching `where` (SQL over `l`, `h`), in time order. */
export function lessonRows(ctx: Pick<ServiceContext, 'db'>, where: string, params: Record<string, unknown>): LessonRow[] {
  return ctx.db.sqlite.prepare(`${selectLessons} AND (${where}) ORDER BY l.starts_on, startTime, h.name, l.id`).all(params) as LessonRow[];
}

type Booking = Pick<
  LessonRow,
  'id' | 'cohortName' | 'startsOn' | 'startTime' | 'minutes' | 'teacherId' | 'teacherName' | 'roomId' | 'roomName'
>;

function conflictOf(other: Booking, kind: 'teacher' | 'room'): LessonConflict {
  return {
    lessonId: other.id,
    cohortName: other.cohortName,
    startsOn: other.startsOn,
    startTime: other.startTime,
    minutes: other.minutes,
    kind,
    resourceName: (kind === 'teacher' ? other.teacherName : other.roomName) ?? '',
  };
}

/**
 * Double bookings among `bookings` (cancelled lessons left out by the caller):
 * per lesson id, the other lessons that share its teacher or room at an
 * overlapping time on the same day. Lessons are grouped by day and resource
 * first, so a month of a big school compares only lessons that could clash.
 */
export function doubleBookings(bookings: readonly Booking[]): Map<string, LessonConflict[]> {
  const groups = new Map<string, Booking[]>();
  for (const booking of bookings) {
    for (const [kind, resource] of [
      ['teacher', booking.teacherId],
      ['room', booking.roomId],
    ] as const) {
      if (!resource) continue;
      const key = `${booking.startsOn} ${kind} ${resource}`;
      const group = groups.get(key);
      if (group) group.push(booking);
      else groups.set(key, [booking]);
    }
  }
  const found = new Map<string, LessonConflict[]>();
  const add = (id: string, clash: LessonConflict) => {
    const list = found.get(id);
    if (list) list.push(clash);
    else found.set(id, [clash]);
  };
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    const kind = key.split(' ')[1] as 'teacher' | 'room';
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i] as Booking;
        const b = group[j] as Booking;
        if (!timesOverlap(a, b)) continue;
        add(a.id, conflictOf(b, kind));
        add(b.id, conflictOf(a, kind));
      }
    }
  }
  return found;
}

/** Booked lessons (not cancelled) between two days, for checking clashes. */
export function bookingsBetween(ctx: Pick<ServiceContext, 'db'>, from: string, to: string): LessonRow[] {
  return lessonRows(ctx, 'l.cancelled = 0 AND l.starts_on BETWEEN @from AND @to', { from, to });
}

export function toLessonView(row: LessonRow, timeZone: string, conflicts: LessonConflict[]): LessonView {
  return {
    id: row.id,
    cohortId: row.cohortId,
    cohortName: row.cohortName,
    programName: row.programName,
    color: row.color,
    startsOn: row.startsOn,
    startTime: row.startTime,
    minutes: row.minutes,
    startsAt: zonedInstant(row.startsOn, row.startTime, timeZone).toISOString(),
    teacherId: row.teacherId,
    teacherName: row.teacherName,
    roomId: row.roomId,
    roomName: row.roomName,
    cancelled: row.cancelled === 1,
    note: row.note,
    extra: row.slotOn === null,
    moved: row.slotOn !== null && (row.slotOn !== row.startsOn || row.slotTime !== row.startTime),
    substitute: row.teacherId !== null && row.teacherId !== row.cohortTeacherId,
    otherRoom: row.roomId !== null && row.roomId !== row.cohortRoomId,
    marked: row.marked,
    conflicts: row.cancelled === 1 ? [] : conflicts,
  };
}

/** `rows` as views, with their double bookings against every booked lesson of the same days. */
export function viewsOf(ctx: Pick<ServiceContext, 'db'>, rows: readonly LessonRow[]): LessonView[] {
  if (rows.length === 0) return [];
  const { timeZone } = getSettings(ctx);
  const days = rows.map((r) => r.startsOn).sort();
  const clashes = doubleBookings(bookingsBetween(ctx, days[0] as string, days[days.length - 1] as string));
  return rows.map((row) => toLessonView(row, timeZone, clashes.get(row.id) ?? []));
}

export function getLessonView(ctx: Pick<ServiceContext, 'db'>, id: string, path: (string | number)[] = ['id']): LessonView {
  const [row] = lessonRows(ctx, 'l.id = @id', { id });
  if (!row) throw notFound('Lesson', id, path);
  return viewsOf(ctx, [row])[0] as LessonView;
}
