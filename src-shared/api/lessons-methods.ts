/**
 * The school's week: lessons generated from each cohort's weekly schedule, the
 * exceptions people make to them (moved, cancelled, extra, substitute teacher,
 * other room), the days the school is closed, and roll call. Joined into the
 * contract by one spread in contract.ts.
 *
 * Roll call needs `enrollments.write`, which the assistant holds: attendance is
 * part of looking after enrollments, not of shaping the catalog. Attendance rows
 * are append-only (a correction is a newer row), so an assistant never needs to
 * delete anything to fix a mark, and two machines marking the same lesson
 * offline both keep their marks, the later one counting.
 */
import { z } from 'zod';
import { attendanceStates, cohortStatuses, type AttendanceState, type EnrollmentStatus } from '../domain';
import { byId, empty, idSchema, isoDate, name, optionalText, read, timeOfDay, write, type MethodSpec } from './spec';

const lessonMinutes = z
  .number()
  .int()
  .min(5)
  .max(24 * 60);

/** Another lesson that needs the same teacher or room at an overlapping time. */
export interface LessonConflict {
  lessonId: string | null;
  cohortName: string;
  startsOn: string;
  startTime: string;
  minutes: number;
  /** What is double-booked. */
  kind: 'teacher' | 'room';
  /** The teacher's or room's name. */
  resourceName: string;
}

/** A lesson as the calendar shows it: names resolved, exceptions spelled out. */
export interface LessonView {
  id: string;
  cohortId: string;
  cohortName: string;
  programName: string;
  color: string | null;
  startsOn: string;
  startTime: string;
  minutes: number;
  /** The instant it starts, from the school's time zone on that day. */
  startsAt: string;
  teacherId: string | null;
  teacherName: string | null;
  roomId: string | null;
  roomName: string | null;
  cancelled: boolean;
  note: string | null;
  /** Added by hand, not from the schedule. */
  extra: boolean;
  /** Held on another day or at another time than its schedule slot. */
  moved: boolean;
  /** Taught by someone other than the cohort's teacher. */
  substitute: boolean;
  /** Held in another room than the cohort's. */
  otherRoom: boolean;
  /** People with a roll-call mark on this lesson. */
  marked: number;
  conflicts: LessonConflict[];
}

export interface RollCallStudent {
  enrollmentId: string;
  clientId: string;
  clientName: string;
  status: EnrollmentStatus;
  /** The latest mark, or null when nobody has taken roll call for this person yet. */
  state: AttendanceState | null;
}

export interface RollCall {
  lesson: LessonView;
  students: RollCallStudent[];
}

/** What generating a cohort's lessons does (or did). */
export interface LessonPlanCounts {
  created: number;
  updated: number;
  removed: number;
  kept: number;
}

export interface LessonPlanPreview extends LessonPlanCounts {
  /** No lesson of this cohort exists yet: the whole date range is generated, past days included. */
  first: boolean;
  /** Double bookings the lessons to be created or re-placed (new teacher, room or length) would make. */
  conflicts: LessonConflict[];
}

export interface Closure {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

const range = z
  .object({
    from: isoDate,
    to: isoDate,
    teacherId: idSchema.optional(),
    roomId: idSchema.optional(),
    cohortId: idSchema.optional(),
  })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'The end is before the start' });

const lessonPlace = {
  startsOn: isoDate,
  startTime: timeOfDay,
  minutes: lessonMinutes,
  teacherId: idSchema.nullish(),
  roomId: idSchema.nullish(),
};

export const lessonsMethods = {
  'lessons.list': read<LessonView[]>()(
    'workspace.read',
    range,
    'Lessons between two days (both included), optionally of one teacher, room or cohort, with their double bookings.',
  ),
  'lessons.upcoming': read<LessonView[]>()(
    'workspace.read',
    z.object({ limit: z.number().int().min(1).max(20).default(3) }).default({ limit: 3 }),
    'The next lessons from now: of the caller’s own groups when they teach, else of the whole school.',
  ),
  'lessons.rollCall': read<RollCall>()('clients.read', byId, 'One lesson with its students and their latest roll-call marks.'),
  'lessons.conflicts': read<LessonConflict[]>()(
    'workspace.read',
    z.object({ ...lessonPlace, excludeLessonId: idSchema.optional() }),
    'Lessons that a lesson at this time would double-book (same teacher or same room).',
  ),
  'lessons.previewGenerate': read<LessonPlanPreview>()(
    'workspace.read',
    z.object({
      cohortId: idSchema,
      /** The cohort as an editor is about to save it: what saving would do to its lessons. */
      proposed: z
        .object({
          schedule: z.array(z.object({ weekday: z.number().int().min(1).max(7), startTime: timeOfDay, minutes: lessonMinutes })).max(14),
          startOn: isoDate.nullable(),
          endOn: isoDate.nullable(),
          teacherId: idSchema.nullable(),
          roomId: idSchema.nullable(),
          status: z.enum(cohortStatuses),
        })
        .partial()
        .optional(),
    }),
    'What generating a cohort’s lessons from its schedule (or from the schedule it is about to be saved with) would create, update and remove, and what it would double-book.',
  ),
  'lessons.generate': write<LessonPlanCounts>()(
    'catalog.write',
    z.object({ cohortIds: z.array(idSchema).min(1).max(1000) }),
    'Generate cohorts’ lessons from their schedules, skipping closed days; past lessons, changed lessons and lessons with roll call are kept.',
  ),
  'lessons.create': write<LessonView>()(
    'catalog.write',
    z.object({ cohortId: idSchema, ...lessonPlace, note: optionalText(500) }),
    'Add an extra lesson to a cohort.',
  ),
  'lessons.update': write<LessonView>()(
    'catalog.write',
    z.object({
      id: idSchema,
      startsOn: isoDate.optional(),
      startTime: timeOfDay.optional(),
      minutes: lessonMinutes.optional(),
      teacherId: idSchema.nullish(),
      roomId: idSchema.nullish(),
      cancelled: z.boolean().optional(),
      note: optionalText(500),
    }),
    'Change one lesson: move it, cancel it, give it a substitute teacher or another room. Regenerating leaves it as changed.',
  ),
  'attendance.record': write<RollCall>()(
    'enrollments.write',
    z.object({
      lessonId: idSchema,
      marks: z
        .array(z.object({ enrollmentId: idSchema, state: z.enum(attendanceStates) }))
        .min(1)
        .max(500),
    }),
    'Roll call: mark people of a lesson present, absent, excused, late or make-up (a changed mark is a new row; unchanged marks write nothing).',
  ),
  'closures.list': read<Closure[]>()('workspace.read', empty, 'Days the school is closed, by start.'),
  'closures.create': write<{ closure: Closure; lessons: LessonPlanCounts }>()(
    'catalog.write',
    z
      .object({ name, startsOn: isoDate, endsOn: isoDate })
      .refine((c) => c.startsOn <= c.endsOn, { path: ['endsOn'], message: 'The end is before the start' }),
    'Close the school for a holiday or closure; future lessons on those days are removed.',
  ),
  'closures.delete': write<{ id: string; lessons: LessonPlanCounts }>()(
    'records.delete',
    byId,
    'Open the school again on a closure’s days; the lessons of those days are generated again.',
  ),
} as const satisfies Record<string, MethodSpec>;
