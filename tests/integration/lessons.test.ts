/**
 * Lessons and roll call on a real database through the router: a cohort's
 * lessons generated from its weekly schedule between its dates with closed days
 * skipped; exceptions (moved, cancelled, substitute, other room, extra) that
 * survive a regeneration; schedule, teacher and calendar edits that touch only
 * lessons yet to start and never a lesson with roll call; double bookings found
 * before saving; and roll call by the assistant, append-only, in the change log
 * and on the client's timeline.
 */
import { describe, expect, it } from 'vitest';
import type { LessonView, RollCall } from '../../src-shared/api/lessons-methods';
import type { Actor } from '../../src-main/core/context';
import { openTestWorkspace, type TestWorkspace } from './helpers';

interface School {
  ws: TestWorkspace;
  cohortId: string;
  teacherId: string;
  otherTeacherId: string;
  roomId: string;
  programId: string;
  enrollments: string[];
  clients: string[];
  assistant: Actor;
}

/** Now is Tuesday 10 March 2026, 10:00 in Budapest; the group meets on Mondays at 17:00 from 2 March to 27 April. */
function school(): School {
  const ws = openTestWorkspace();
  const teacherId = ws.call('teachers.create', { name: 'Kovács Éva' }).id;
  const otherTeacherId = ws.call('teachers.create', { name: 'Nagy Péter' }).id;
  const roomId = ws.call('rooms.create', { name: 'Kék terem' }).id;
  const programId = ws.call('programs.create', { name: 'Angol A1', lessonMinutes: 90 }).id;
  const cohortId = ws.call('cohorts.create', {
    programId,
    name: 'Angol A1 hétfő',
    teacherId,
    roomId,
    startOn: '2026-03-02',
    endOn: '2026-04-27',
    schedule: [{ weekday: 1, startTime: '17:00', minutes: 90 }],
    status: 'running',
  }).id;
  const clients: string[] = [];
  const enrollments: string[] = [];
  for (const [firstName, lastName] of [
    ['Anna', 'Kiss'],
    ['Bence', 'Tóth'],
    ['Csilla', 'Varga'],
  ] as const) {
    const client = ws.call('clients.create', { firstName, lastName });
    clients.push(client.id);
    enrollments.push(ws.call('enrollments.create', { clientId: client.id, programId, cohortId, status: 'confirmed' }).id);
  }
  const user = ws.call('users.create', {
    username: 'asszisztens',
    displayName: 'Asszisztens',
    role: 'assistant',
    password: 'assistant-secret-1',
  });
  return {
    ws,
    cohortId,
    teacherId,
    otherTeacherId,
    roomId,
    programId,
    enrollments,
    clients,
    assistant: { userId: user.id, username: 'asszisztens', role: 'assistant' },
  };
}

function lessonsOf(s: School): LessonView[] {
  return s.ws.call('lessons.list', { from: '2026-01-01', to: '2026-12-31', cohortId: s.cohortId });
}

const dates = (lessons: LessonView[]) => lessons.map((l) => `${l.startsOn} ${l.startTime}`);

describe('lessons generated from a cohort’s schedule', () => {
  it('generates every Monday between the dates, past days included the first time, skipping closed days', () => {
    const s = school();
    s.ws.call('closures.create', { name: 'Húsvéthétfő', startsOn: '2026-04-06', endsOn: '2026-04-06' });
    const preview = s.ws.call('lessons.previewGenerate', { cohortId: s.cohortId });
    expect(preview).toMatchObject({ created: 8, updated: 0, removed: 0, kept: 0, first: true, conflicts: [] });
    expect(s.ws.call('lessons.list', { from: '2026-01-01', to: '2026-12-31' })).toEqual([]);
    expect(s.ws.call('lessons.generate', { cohortIds: [s.cohortId] })).toEqual({ created: 8, updated: 0, removed: 0, kept: 0 });
    const lessons = lessonsOf(s);
    expect(dates(lessons)).toEqual([
      '2026-03-02 17:00',
      '2026-03-09 17:00',
      '2026-03-16 17:00',
      '2026-03-23 17:00',
      '2026-03-30 17:00',
      '2026-04-13 17:00',
      '2026-04-20 17:00',
      '2026-04-27 17:00',
    ]);
    // Budapest moves to summer time on 29 March: the wall clock stays at 17:00, the instant moves.
    expect(lessons.find((l) => l.startsOn === '2026-03-23')?.startsAt).toBe('2026-03-23T16:00:00.000Z');
    expect(lessons.find((l) => l.startsOn === '2026-03-30')?.startsAt).toBe('2026-03-30T15:00:00.000Z');
    expect(lessons.every((l) => l.teacherName === 'Kovács Éva' && l.roomName === 'Kék terem' && l.minutes === 90)).toBe(true);
    expect(lessons.some((l) => l.extra || l.moved || l.substitute || l.otherRoom || l.cancelled)).toBe(false);
    // Running it again changes nothing.
    expect(s.ws.call('lessons.generate', { cohortIds: [s.cohortId] })).toEqual({ created: 0, updated: 0, removed: 0, kept: 8 });
    const logged = s.ws.db.sqlite.prepare("SELECT count(DISTINCT row_id) FROM changes WHERE table_name = 'lessons'").pluck().get();
    expect(logged).toBe(8);
  });

  it('keeps past lessons, roll call and hand-made exceptions when the schedule is edited', () => {
    const s = school();
    s.ws.call('lessons.generate', { cohortIds: [s.cohortId] });
    const before = lessonsOf(s);
    const past = before.find((l) => l.startsOn === '2026-03-09') as LessonView;
    s.ws.call('attendance.record', { lessonId: past.id, marks: [{ enrollmentId: s.enrollments[0] as string, state: 'present' }] });
    const moved = before.find((l) => l.startsOn === '2026-03-23') as LessonView;
    s.ws.call('lessons.update', { id: moved.id, startsOn: '2026-03-24', startTime: '16:00' });
    const substituted = before.find((l) => l.startsOn === '2026-03-30') as LessonView;
    s.ws.call('lessons.update', { id: substituted.id, teacherId: s.otherTeacherId });
    const cancelled = before.find((l) => l.startsOn === '2026-04-13') as LessonView;
    s.ws.call('lessons.update', { id: cancelled.id, cancelled: true, note: 'Tanári továbbképzés' });
    const extra = s.ws.call('lessons.create', { cohortId: s.cohortId, startsOn: '2026-04-25', startTime: '10:00', minutes: 60 });
    expect(extra).toMatchObject({ extra: true, teacherId: s.teacherId, roomId: s.roomId });

    // Mondays at 17:00 become Tuesdays at 18:00.
    s.ws.call('cohorts.update', { id: s.cohortId, schedule: [{ weekday: 2, startTime: '18:00', minutes: 60 }] });
    const after = lessonsOf(s);
    expect(dates(after)).toEqual([
      '2026-03-02 17:00', // past
      '2026-03-09 17:00', // past, with roll call
      '2026-03-10 18:00', // today, not yet started
      '2026-03-17 18:00',
      '2026-03-24 16:00', // moved by hand
      '2026-03-24 18:00',
      '2026-03-30 17:00', // substitute teacher
      '2026-03-31 18:00',
      '2026-04-07 18:00',
      '2026-04-13 17:00', // cancelled by hand
      '2026-04-14 18:00',
      '2026-04-21 18:00',
      '2026-04-25 10:00', // extra
    ]);
    const pastAfter = after.find((l) => l.id === past.id) as LessonView;
    expect(pastAfter).toMatchObject({ startsOn: '2026-03-09', minutes: 90, marked: 1 });
    expect(after.find((l) => l.id === moved.id)).toMatchObject({ moved: true, startsOn: '2026-03-24', startTime: '16:00' });
    expect(after.find((l) => l.id === substituted.id)).toMatchObject({ substitute: true, teacherName: 'Nagy Péter' });
    expect(after.find((l) => l.id === cancelled.id)).toMatchObject({ cancelled: true, note: 'Tanári továbbképzés' });
    const rollCall = s.ws.call('lessons.rollCall', { id: past.id });
    expect(rollCall.students.find((x) => x.enrollmentId === s.enrollments[0])?.state).toBe('present');

    // A new teacher takes over: lessons yet to come follow, past ones and hand-made exceptions keep theirs.
    s.ws.call('cohorts.update', { id: s.cohortId, teacherId: s.otherTeacherId });
    const taken = lessonsOf(s);
    expect(taken.find((l) => l.startsOn === '2026-03-02')?.teacherId).toBe(s.teacherId);
    expect(taken.filter((l) => l.startTime === '18:00').every((l) => l.teacherId === s.otherTeacherId)).toBe(true);
    expect(taken.find((l) => l.id === extra.id)?.teacherId).toBe(s.teacherId);

    // Ending the group earlier removes the lessons after the new end that nobody touched.
    s.ws.call('cohorts.update', { id: s.cohortId, endOn: '2026-03-31' });
    expect(dates(lessonsOf(s)).filter((d) => d > '2026-04')).toEqual(['2026-04-13 17:00', '2026-04-25 10:00']);
  });

  it('removes lessons yet to come on newly closed days and brings them back when the days open again, across a month end', () => {
    const s = school();
    s.ws.call('cohorts.update', { id: s.cohortId, startOn: '2026-03-30', endOn: '2026-05-04' });
    s.ws.call('lessons.generate', { cohortIds: [s.cohortId] });
    const closure = s.ws.call('closures.create', { name: 'Tavaszi szünet', startsOn: '2026-03-31', endsOn: '2026-04-27' });
    expect(closure.lessons).toMatchObject({ removed: 4, created: 0 });
    expect(dates(lessonsOf(s))).toEqual(['2026-03-30 17:00', '2026-05-04 17:00']);
    expect(s.ws.call('closures.list', {})).toEqual([expect.objectContaining({ name: 'Tavaszi szünet', startsOn: '2026-03-31' })]);
    expect(s.ws.call('closures.delete', { id: closure.closure.id }).lessons.created).toBe(4);
    expect(dates(lessonsOf(s))).toHaveLength(6);
  });

  it('shows double-booked teachers and rooms before generating, and on the calendar after', () => {
    const s = school();
    s.ws.call('lessons.generate', { cohortIds: [s.cohortId] });
    const second = s.ws.call('cohorts.create', {
      programId: s.programId,
      name: 'Angol A1 hétfő este',
      teacherId: s.teacherId,
      startOn: '2026-03-16',
      endOn: '2026-03-23',
      schedule: [{ weekday: 1, startTime: '18:00', minutes: 60 }],
    });
    const preview = s.ws.call('lessons.previewGenerate', { cohortId: second.id });
    expect(preview.conflicts.map((c) => `${c.kind} ${c.resourceName} ${c.startsOn} ${c.cohortName}`)).toEqual([
      'teacher Kovács Éva 2026-03-16 Angol A1 hétfő',
      'teacher Kovács Éva 2026-03-23 Angol A1 hétfő',
    ]);
    s.ws.call('lessons.generate', { cohortIds: [second.id] });
    // The first cohort's editor, before saving a move to 18:15: the lessons yet to come would clash with the evening group's.
    const editing = s.ws.call('lessons.previewGenerate', {
      cohortId: s.cohortId,
      proposed: { schedule: [{ weekday: 1, startTime: '18:15', minutes: 60 }] },
    });
    expect(editing).toMatchObject({ first: false, created: 7, removed: 7 });
    expect(editing.conflicts.map((c) => `${c.startsOn} ${c.cohortName}`)).toEqual([
      '2026-03-16 Angol A1 hétfő este',
      '2026-03-23 Angol A1 hétfő este',
    ]);
    // Only a new teacher: the lessons yet to come are updated in place, none clash.
    expect(s.ws.call('lessons.previewGenerate', { cohortId: s.cohortId, proposed: { teacherId: s.otherTeacherId } })).toMatchObject({
      created: 0,
      updated: 7,
      removed: 0,
      kept: 2, // the two Mondays already held
      conflicts: [],
    });
    const clashing = s.ws.call('lessons.list', { from: '2026-03-16', to: '2026-03-16', teacherId: s.teacherId });
    expect(clashing).toHaveLength(2);
    expect(clashing.every((l) => l.conflicts.length === 1 && l.conflicts[0]?.kind === 'teacher')).toBe(true);
    // A room check for a lesson about to be moved, before it is saved.
    const check = s.ws.call('lessons.conflicts', { startsOn: '2026-03-23', startTime: '18:15', minutes: 30, roomId: s.roomId });
    expect(check).toEqual([expect.objectContaining({ kind: 'room', resourceName: 'Kék terem', cohortName: 'Angol A1 hétfő' })]);
    expect(s.ws.call('lessons.conflicts', { startsOn: '2026-03-23', startTime: '18:30', minutes: 30, roomId: s.roomId })).toEqual([]);
  });
});

describe('undo', () => {
  it('takes a whole generation back in one step, and a closure with the lessons it removed', () => {
    const s = school();
    s.ws.call('lessons.generate', { cohortIds: [s.cohortId] });
    expect(lessonsOf(s)).toHaveLength(9);
    s.ws.call('closures.create', { name: 'Tavaszi szünet', startsOn: '2026-04-02', endsOn: '2026-04-08' });
    expect(lessonsOf(s)).toHaveLength(8);
    s.ws.call('history.undo', {});
    expect(s.ws.call('closures.list', {})).toEqual([]);
    expect(lessonsOf(s)).toHaveLength(9);
    s.ws.call('history.undo', {});
    expect(lessonsOf(s)).toEqual([]);
  });
});

describe('roll call', () => {
  it('is taken by the assistant for the whole group, append-only, in the change log and on each client’s timeline', () => {
    const s = school();
    s.ws.call('lessons.generate', { cohortIds: [s.cohortId] });
    const lesson = lessonsOf(s).find((l) => l.startsOn === '2026-03-09') as LessonView;
    expect(s.ws.fail('lessons.generate', { cohortIds: [s.cohortId] }, s.assistant).code).toBe('FORBIDDEN');
    const empty = s.ws.call('lessons.rollCall', { id: lesson.id }, s.assistant);
    expect(empty.students.map((x) => [x.clientName, x.state])).toEqual([
      ['Kiss Anna', null],
      ['Tóth Bence', null],
      ['Varga Csilla', null],
    ]);
    const marks = [
      { enrollmentId: s.enrollments[0] as string, state: 'present' as const },
      { enrollmentId: s.enrollments[1] as string, state: 'late' as const },
      { enrollmentId: s.enrollments[2] as string, state: 'excused' as const },
    ];
    const saved: RollCall = s.ws.call('attendance.record', { lessonId: lesson.id, marks }, s.assistant);
    expect(saved.students.map((x) => x.state)).toEqual(['present', 'late', 'excused']);
    expect(saved.lesson.marked).toBe(3);
    const count = (table: string) =>
      s.ws.db.sqlite.prepare('SELECT count(*) FROM changes WHERE table_name = ? AND "column" = ?').pluck().get(table, 'state');
    expect(count('attendance')).toBe(3);

    // Saving the same marks again writes nothing; a correction is a new row, the old one stays.
    s.ws.call('attendance.record', { lessonId: lesson.id, marks }, s.assistant);
    expect(count('attendance')).toBe(3);
    const corrected = s.ws.call(
      'attendance.record',
      { lessonId: lesson.id, marks: [{ enrollmentId: s.enrollments[1] as string, state: 'absent' }] },
      s.assistant,
    );
    expect(corrected.students.map((x) => x.state)).toEqual(['present', 'absent', 'excused']);
    expect(s.ws.db.sqlite.prepare('SELECT count(*) FROM attendance WHERE deleted_at IS NULL').pluck().get()).toBe(4);

    const timeline = s.ws.call('clients.get', { id: s.clients[1] as string }, s.assistant).activities;
    expect(timeline.filter((a) => a.kind === 'attendance').map((a) => a.summary)).toEqual([
      'Angol A1 (Angol A1 hétfő) · 2026-03-09 17:00: absent',
      'Angol A1 (Angol A1 hétfő) · 2026-03-09 17:00: late',
    ]);
  });

  it('refuses people from another group, a cancelled lesson, and cancelling a lesson with roll call', () => {
    const s = school();
    s.ws.call('lessons.generate', { cohortIds: [s.cohortId] });
    const [first, second] = lessonsOf(s) as [LessonView, LessonView];
    const stranger = s.ws.call('clients.create', { firstName: 'Dóra', lastName: 'Fehér' });
    const elsewhere = s.ws.call('enrollments.create', { clientId: stranger.id, programId: s.programId, status: 'inquiry' });
    const refused = s.ws.fail('attendance.record', { lessonId: first.id, marks: [{ enrollmentId: elsewhere.id, state: 'present' }] });
    expect(refused.fields?.[0]?.path).toEqual(['marks', 0, 'enrollmentId']);
    s.ws.call('attendance.record', { lessonId: first.id, marks: [{ enrollmentId: s.enrollments[0] as string, state: 'makeup' }] });
    expect(s.ws.fail('lessons.update', { id: first.id, cancelled: true }).code).toBe('CONFLICT');
    s.ws.call('lessons.update', { id: second.id, cancelled: true });
    expect(
      s.ws.fail('attendance.record', { lessonId: second.id, marks: [{ enrollmentId: s.enrollments[0] as string, state: 'present' }] }).code,
    ).toBe('CONFLICT');
  });

  it('offers the next lesson not yet over, of the caller’s own groups when they teach', () => {
    const s = school();
    s.ws.call('lessons.generate', { cohortIds: [s.cohortId] });
    const other = s.ws.call('cohorts.create', {
      programId: s.programId,
      name: 'Angol A1 kedd',
      teacherId: s.otherTeacherId,
      startOn: '2026-03-10',
      endOn: '2026-03-31',
      schedule: [{ weekday: 2, startTime: '09:30', minutes: 60 }],
    });
    s.ws.call('lessons.generate', { cohortIds: [other.id] });
    // 10:00 in Budapest: Tuesday's 9:30 lesson is under way, so it is still the next one for roll call.
    expect(dates(s.ws.call('lessons.upcoming', { limit: 2 }))).toEqual(['2026-03-10 09:30', '2026-03-16 17:00']);
    const user = s.ws.call('users.create', {
      username: 'zsofi',
      displayName: 'Szabó Zsófia',
      role: 'assistant',
      password: 'teacher-secret-1',
    });
    const ownTeacher = s.ws.call('teachers.create', { name: 'Szabó Zsófia', userId: user.id });
    const own = s.ws.call('cohorts.create', {
      programId: s.programId,
      name: 'Angol A1 szerda',
      teacherId: ownTeacher.id,
      startOn: '2026-03-11',
      endOn: '2026-03-31',
      schedule: [{ weekday: 3, startTime: '12:00', minutes: 60 }],
    });
    s.ws.call('lessons.generate', { cohortIds: [own.id] });
    const zsofi: Actor = { userId: user.id, username: 'zsofi', role: 'assistant' };
    expect(dates(s.ws.call('lessons.upcoming', { limit: 2 }, zsofi))).toEqual(['2026-03-11 12:00', '2026-03-18 12:00']);
  });
});
