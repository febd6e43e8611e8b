/**
 * Handlers of the lessons area (src-shared/api/lessons-methods.ts): the
 * calendar, exceptions to single lessons, generation from schedules, closed
 * days and roll call; prepaid packages, make-ups and teachers' pay. Typed against the contract's own subset, so a missing or
 * mistyped handler here fails to compile just as in handlers.ts.
 */
import type { lessonsMethods } from '../../src-shared/api/lessons-methods';
import type { packagesMethods } from '../../src-shared/api/packages-methods';
import type { teacherPayMethods } from '../../src-shared/api/teacher-pay-methods';
import { checkConflicts, createExtraLesson, listLessons, updateLesson, upcomingLessons } from '../services/lessons/calendar';
import { createClosure, deleteClosure, listClosures } from '../services/lessons/closures';
import { generateLessons, previewGenerate } from '../services/lessons/generate';
import { bookMakeup, cancelMakeup, makeupOptions } from '../services/lessons/makeups';
import * as packages from '../services/lessons/packages';
import { getRollCall, recordAttendance } from '../services/lessons/roll-call';
import * as teacherPay from '../services/lessons/teacher-pay';
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

  'packages.list': packages.listPackages,
  'packages.sell': packages.sellPackage,
  'packages.freeze': packages.freezePackage,
  'packages.unfreeze': packages.unfreezePackage,
  'packages.delete': packages.deletePackage,
  'packages.liability': packages.packageLiability,
  'lessonRules.get': (ctx) => packages.getLessonRules(ctx),
  'lessonRules.update': packages.updateLessonRules,
  'makeups.options': makeupOptions,
  'makeups.book': bookMakeup,
  'makeups.cancel': cancelMakeup,

  'teacherRates.list': (ctx) => teacherPay.listRates(ctx),
  'teacherRates.save': teacherPay.saveRate,
  'teacherRates.delete': teacherPay.deleteRate,
  'teacherPay.report': teacherPay.teacherPayReport,
  'teacherPay.export': teacherPay.exportTeacherPay,
} satisfies Pick<Handlers, keyof typeof lessonsMethods | keyof typeof packagesMethods | keyof typeof teacherPayMethods>;
