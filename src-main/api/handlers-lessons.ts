/**
 * Handlers of the lessons area (src-shared/api/lessons-methods.ts): the
 * calendar, exceptions to single lessons, generation from schedules, closed
 * days and roll call. Typed against the contract's own subset, so a missing or
 * mistyped handler here fails to compile just as in handlers.ts.
 */
import type { lessonsMethods } from '../../src-shared/api/lessons-methods';
import { checkConflicts, createExtraLesson, listLessons, updateLesson, upcomingLessons } from '../services/lessons/calendar';
import { createClosure, deleteClosure, listClosures } from '../services/lessons/closures';
import { generateLessons, previewGenerate } from '../services/lessons/generate';
import { getRollCall, recordAttendance } from '../services/lessons/roll-call';
import type { Handlers } from './router';

export const lessonsHandlers = {
  'lessons.list': listLessons,
  'lessons.upcoming': upcomingLessons,
  'lessons.rollCall': getRollCall,
  'lessons.conflicts': checkConflicts,
  'lessons.previewGenerate': previewGenerate,
  'lessons.generate': generateLessons,
  'lessons.create': createExtraLesson,
  'lessons.update': updateLesson,
  'attendance.record': recordAttendance,
  'closures.list': (ctx) => listClosures(ctx),
  'closures.create': createClosure,
  'closures.delete': deleteClosure,
} satisfies Pick<Handlers, keyof typeof lessonsMethods>;
