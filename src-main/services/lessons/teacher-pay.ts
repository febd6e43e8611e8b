/**
 * Teachers' pay: rates, the period report and its CSV/XLSX export. The report is
 * read from the lessons actually given (not cancelled, on or before the school's
 * today, by whoever taught them: a substitute is paid, not the group's teacher)
 * and their roll call, with each lesson's rate and pay worked out by the pure
 * rules of src-shared/teacher-pay.ts. Nothing is stored but the rates, so a late
 * roll-call correction changes the report instead of leaving a stale figure.
 *
 * A lesson's revenue, for a share-of-revenue rate, is what each student who was
 * there pays for one lesson of their group: their enrollment's agreed price less
 * discount, spread over that group's lessons.
 */
import type { MethodParsedInput } from '../../../src-shared/api/contract';
import type { ExportFile } from '../../../src-shared/api/imports-methods';
import type { PayLessonLine, PayRateView, TeacherPayLine, TeacherPayReport } from '../../../src-shared/api/teacher-pay-methods';
import { todayIn } from '../../../src-shared/dates';
import { notFound } from '../../../src-shared/errors';
import { lessonPay, rateFor, type PayRate } from '../../../src-shared/teacher-pay';
import { applyChanges, newId } from '../../changes/funnel';
import type { ServiceContext } from '../../core/context';
import { toCsv, xlsxMime, xlsxOf } from '../exports';
import { getSettings } from '../settings';

const rateSelect = `SELECT r.id, r.teacher_id AS teacherId, t.name AS teacherName, r.program_id AS programId, p.name AS programName,
  r.basis, r.amount_minor AS amountMinor, r.share_percent AS sharePercent, r.valid_from AS validFrom
FROM teacher_rates r JOIN teachers t ON t.id = r.teacher_id LEFT JOIN programs p ON p.id = r.program_id
WHERE r.deleted_at IS NULL`;

export function listRates(ctx: Pick<ServiceContext, 'db'>): PayRateView[] {
  return ctx.db.sqlite.prepare(`${rateSelect} ORDER BY t.name, r.valid_from DESC, r.id DESC`).all() as PayRateView[];
}

function getRate(ctx: Pick<ServiceContext, 'db'>, id: string): PayRateView {
  const rate = ctx.db.sqlite.prepare(`${rateSelect} AND r.id = ?`).get(id) as PayRateView | undefined;
  if (!rate) throw notFound('Pay rate', id, ['id']);
  return rate;
}

export function saveRate(ctx: ServiceContext, input: MethodParsedInput<'teacherRates.save'>): PayRateView {
  const teacher = ctx.db.sqlite.prepare('SELECT id FROM teachers WHERE id = ? AND deleted_at IS NULL').get(input.teacherId);
  if (!teacher) throw notFound('Teacher', input.teacherId, ['teacherId']);
  if (input.programId && !ctx.db.sqlite.prepare('SELECT id FROM programs WHERE id = ? AND deleted_at IS NULL').get(input.programId))
    throw notFound('Program', input.programId, ['programId']);
  const values = {
    teacherId: input.teacherId,
    programId: input.programId ?? null,
    basis: input.basis,
    amountMinor: input.basis === 'revenue' ? 0 : input.amountMinor,
    sharePercent: input.basis === 'revenue' ? input.sharePercent : 0,
    validFrom: input.validFrom,
  };
  if (input.id) {
    getRate(ctx, input.id);
    applyChanges(ctx, [{ op: 'update', table: 'teacher_rates', id: input.id, values }]);
    return getRate(ctx, input.id);
  }
  const id = newId(ctx);
  applyChanges(ctx, [{ op: 'insert', table: 'teacher_rates', id, values }]);
  return getRate(ctx, id);
}

export function deleteRate(ctx: ServiceContext, input: { id: string }): { id: string } {
  getRate(ctx, input.id);
  applyChanges(ctx, [{ op: 'delete', table: 'teacher_rates', id: input.id }]);
  return { id: input.id };
}

interface GivenLesson {
  lessonId: string;
  on: string;
  startTime: string;
  minutes: number;
  teacherId: string;
  teacherName: string;
  cohortName: string;
  programId: string;
  programName: string;
}

interface Attendee {
  lessonId: string;
  state: string;
  /** What this student pays for one lesson of their own group. */
  perLessonMinor: number;
}

function period(ctx: ServiceContext, input: { from?: string | undefined; to?: string | undefined }) {
  const today = todayIn(getSettings(ctx).timeZone, ctx.clock.now());
  const from = input.from ?? `${today.slice(0, 7)}-01`;
  const to = input.to ?? today;
  return { from, to, today };
}

function givenLessons(ctx: ServiceContext, from: string, until: string): GivenLesson[] {
  return ctx.db.sqlite
    .prepare(
      `SELECT l.id AS lessonId, l.starts_on AS "on", coalesce(l.start_time, '00:00') AS startTime,
         coalesce(l.minutes, p.lesson_minutes, 60) AS minutes, l.teacher_id AS teacherId, t.name AS teacherName,
         h.name AS cohortName, p.id AS programId, p.name AS programName
       FROM lessons l JOIN cohorts h ON h.id = l.cohort_id AND h.deleted_at IS NULL JOIN programs p ON p.id = h.program_id
       JOIN teachers t ON t.id = l.teacher_id
       WHERE l.deleted_at IS NULL AND l.cancelled = 0 AND l.starts_on BETWEEN ? AND ?
       ORDER BY t.name, l.teacher_id, l.starts_on, startTime, l.id`,
    )
    .all(from, until) as GivenLesson[];
}

/** The latest mark of every student on the given lessons, with what each pays per lesson of their group. */
function attendees(ctx: ServiceContext, lessonIds: readonly string[]): Map<string, Attendee[]> {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT a.lesson_id AS lessonId, a.enrollment_id AS enrollmentId, a.state,
         max(0, e.agreed_price_minor - coalesce(e.discount_minor, 0)) AS priceMinor,
         (SELECT count(*) FROM lessons x WHERE x.cohort_id = e.cohort_id AND x.deleted_at IS NULL AND x.cancelled = 0) AS groupLessons
       FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id
       WHERE a.deleted_at IS NULL AND a.lesson_id IN (SELECT value FROM json_each(?))
       ORDER BY a.created_at, a.id`,
    )
    .all(JSON.stringify(lessonIds)) as {
    lessonId: string;
    enrollmentId: string;
    state: string;
    priceMinor: number;
    groupLessons: number;
  }[];
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(`${row.lessonId} ${row.enrollmentId}`, row);
  const byLesson = new Map<string, Attendee[]>();
  for (const row of latest.values()) {
    const list = byLesson.get(row.lessonId) ?? [];
    list.push({ lessonId: row.lessonId, state: row.state, perLessonMinor: row.groupLessons > 0 ? row.priceMinor / row.groupLessons : 0 });
    byLesson.set(row.lessonId, list);
  }
  return byLesson;
}

const there = new Set(['present', 'late', 'makeup']);

export function teacherPayReport(ctx: ServiceContext, input: MethodParsedInput<'teacherPay.report'>): TeacherPayReport {
  const { from, to, today } = period(ctx, input);
  const lessons = givenLessons(ctx, from, to < today ? to : today);
  const marks = attendees(
    ctx,
    lessons.map((l) => l.lessonId),
  );
  const rates = listRates(ctx) as PayRate[];
  const teachers = new Map<string, TeacherPayLine>();
  for (const lesson of lessons) {
    const present = (marks.get(lesson.lessonId) ?? []).filter((a) => there.has(a.state));
    const revenueMinor = Math.round(present.reduce((sum, a) => sum + a.perLessonMinor, 0));
    const rate = rateFor(rates, lesson.teacherId, lesson.programId, lesson.on);
    const payMinor = rate ? lessonPay(rate, { minutes: lesson.minutes, present: present.length, revenueMinor }) : 0;
    const line = teachers.get(lesson.teacherId) ?? {
      teacherId: lesson.teacherId,
      teacherName: lesson.teacherName,
      lessons: 0,
      minutes: 0,
      present: 0,
      withoutRate: 0,
      payMinor: 0,
      details: [],
    };
    const detail: PayLessonLine = {
      lessonId: lesson.lessonId,
      on: lesson.on,
      startTime: lesson.startTime,
      minutes: lesson.minutes,
      cohortName: lesson.cohortName,
      programName: lesson.programName,
      present: present.length,
      basis: rate?.basis ?? null,
      payMinor,
    };
    line.lessons += 1;
    line.minutes += lesson.minutes;
    line.present += present.length;
    line.withoutRate += rate ? 0 : 1;
    line.payMinor += payMinor;
    line.details.push(detail);
    teachers.set(lesson.teacherId, line);
  }
  const list = [...teachers.values()];
  return { from, to, teachers: list, totalPayMinor: list.reduce((sum, t) => sum + t.payMinor, 0) };
}

/** The report as a file: a summary sheet per teacher and a sheet of every lesson (CSV: the lessons, each with its teacher). */
export function exportTeacherPay(ctx: ServiceContext, input: MethodParsedInput<'teacherPay.export'>): ExportFile {
  const report = teacherPayReport(ctx, input);
  const base = `tanoda-teacher-pay-${report.from}-${report.to}`;
  const lessonColumns = ['teacher', 'date', 'start_time', 'minutes', 'program', 'cohort', 'present', 'basis', 'pay_minor'];
  const lessonRows = report.teachers.flatMap((t) =>
    t.details.map((d) => ({
      teacher: t.teacherName,
      date: d.on,
      start_time: d.startTime,
      minutes: d.minutes,
      program: d.programName,
      cohort: d.cohortName,
      present: d.present,
      basis: d.basis ?? '',
      pay_minor: d.payMinor,
    })),
  );
  if (input.format === 'csv')
    return {
      fileName: `${base}.csv`,
      mime: 'text/csv;charset=utf-8',
      contentBase64: Buffer.from(toCsv(lessonColumns, lessonRows), 'utf8').toString('base64'),
      warnings: [],
    };
  const summaryColumns = ['teacher', 'lessons', 'minutes', 'present', 'without_rate', 'pay_minor'];
  const summary = report.teachers.map((t) => ({
    teacher: t.teacherName,
    lessons: t.lessons,
    minutes: t.minutes,
    present: t.present,
    without_rate: t.withoutRate,
    pay_minor: t.payMinor,
  }));
  const { bytes, warnings } = xlsxOf([
    { name: 'teacher_pay', columns: summaryColumns, rows: summary },
    { name: 'lessons', columns: lessonColumns, rows: lessonRows },
  ]);
  return { fileName: `${base}.xlsx`, mime: xlsxMime, contentBase64: bytes.toString('base64'), warnings };
}
