/**
 * Prepaid packages, make-ups and teachers' pay on a real database through the
 * router: a package sold by the assistant records its payment and loses a lesson
 * per roll call under the school's rules; siblings share their guardian's
 * package and go on credit; freezes; Today's alerts (no money in them); the
 * owner-only liability; make-ups booked into another group within the limits;
 * pay rates and the period report with its export, refused to the assistant.
 */
import { describe, expect, it } from 'vitest';
import type { RollCall } from '../../src-shared/api/lessons-methods';
import type { MakeupOptions, PackageView } from '../../src-shared/api/packages-methods';
import type { TodayLists } from '../../src-shared/api/today-methods';
import type { TeacherPayReport } from '../../src-shared/api/teacher-pay-methods';
import type { AttendanceState } from '../../src-shared/domain';
import type { MethodName } from '../../src-shared/api/contract';
import type { Actor } from '../../src-main/core/context';
import { openTestWorkspace } from './helpers';

/** Tuesday 10 March 2026 in Budapest; group A meets on Mondays from 2 March, group B on Wednesdays from 4 March. */
function school() {
  const ws = openTestWorkspace();
  const teacherId = ws.call('teachers.create', { name: 'Kovács Éva' }).id as string;
  const otherTeacherId = ws.call('teachers.create', { name: 'Nagy Péter' }).id as string;
  const programId = ws.call('programs.create', { name: 'Angol A1', lessonMinutes: 90 }).id as string;
  const cohort = (name: string, weekday: number, startOn: string, teacher: string) =>
    ws.call('cohorts.create', {
      programId,
      name,
      teacherId: teacher,
      startOn,
      endOn: '2026-04-30',
      capacity: 4,
      schedule: [{ weekday, startTime: '17:00', minutes: 90 }],
      status: 'running',
    }).id as string;
  const groupA = cohort('A hétfő', 1, '2026-03-02', teacherId);
  const groupB = cohort('B szerda', 3, '2026-03-04', otherTeacherId);
  ws.call('lessons.generate', { cohortIds: [groupA, groupB] });
  const mum = ws.call('clients.create', { firstName: 'Éva', lastName: 'Kiss' }).id as string;
  const enrol = (firstName: string, guardianId: string | null, cohortId: string) => {
    const client = ws.call('clients.create', { firstName, lastName: 'Kiss', ...(guardianId ? { guardianId } : {}) }).id as string;
    const enrollment = ws.call('enrollments.create', {
      clientId: client,
      programId,
      cohortId,
      status: 'confirmed',
      agreedPriceMinor: 80_000,
    }).id as string;
    return { client, enrollment };
  };
  const anna = enrol('Anna', mum, groupA);
  const bence = enrol('Bence', mum, groupA);
  const user = ws.call('users.create', {
    username: 'asszisztens',
    displayName: 'Asszisztens',
    role: 'assistant',
    password: 'assistant-1x',
  });
  const assistant: Actor = { userId: user.id, username: 'asszisztens', role: 'assistant' };
  const lessons = (cohortId: string) =>
    (ws.call('lessons.list', { from: '2026-03-01', to: '2026-04-30', cohortId }) as { id: string; startsOn: string }[]).map((l) => l);
  const mark = (lessonId: string, enrollmentId: string, state: AttendanceState, actor?: Actor) =>
    ws.call('attendance.record', { lessonId, marks: [{ enrollmentId, state }] }, actor) as RollCall;
  return { ws, teacherId, otherTeacherId, programId, groupA, groupB, mum, anna, bence, assistant, lessons, mark };
}

const only = (list: PackageView[], id: string) => list.find((p) => p.id === id) as PackageView;

describe('prepaid packages', () => {
  it('are sold by the assistant with a payment, and roll call takes lessons by the school’s rules', () => {
    const s = school();
    const sold = s.ws.call(
      'packages.sell',
      {
        holderClientId: s.anna.client,
        enrollmentId: s.anna.enrollment,
        unit: 'lessons',
        quantity: 10,
        priceMinor: 50_000,
        startsOn: '2026-03-01',
        expiresOn: '2026-06-30',
        payment: { method: 'card' },
      },
      s.assistant,
    ) as PackageView;
    expect(sold).toMatchObject({ remaining: 10, lessonsLeft: 10, enrollmentLabel: 'Angol A1 (A hétfő)' });
    const payment = s.ws.db.sqlite.prepare('SELECT client_id, amount_minor, method FROM payments WHERE id = ?').get(sold.paymentId);
    expect(payment).toEqual({ client_id: s.anna.client, amount_minor: 50_000, method: 'card' });

    const [first, second, third] = s.lessons(s.groupA);
    s.mark(first!.id, s.anna.enrollment, 'present', s.assistant);
    s.mark(second!.id, s.anna.enrollment, 'absent', s.assistant);
    s.mark(third!.id, s.anna.enrollment, 'excused', s.assistant);
    const balance = () => only(s.ws.call('packages.list', { clientId: s.anna.client }, s.assistant), sold.id);
    expect(balance()).toMatchObject({ used: 2, remaining: 8 });
    // A corrected mark counts, not the first one.
    s.mark(second!.id, s.anna.enrollment, 'excused');
    expect(balance().remaining).toBe(9);
    // The owner's rules: excused absences take a lesson too, absences without notice do not.
    s.ws.call('lessonRules.update', { packageExcusedDeducts: true, packageAbsentDeducts: false });
    expect(balance().remaining).toBe(7);
    expect(s.ws.fail('lessonRules.update', { packageExcusedDeducts: false }, s.assistant).code).toBe('FORBIDDEN');
  });

  it('are shared by siblings through their guardian, go on credit when empty, and warn on Today without money', () => {
    const s = school();
    const shared = s.ws.call('packages.sell', {
      holderClientId: s.mum,
      unit: 'lessons',
      quantity: 2,
      priceMinor: 12_000,
      startsOn: '2026-03-01',
      payment: null,
    }) as PackageView;
    expect(shared.paymentId).toBeNull();
    const [first, second] = s.lessons(s.groupA);
    s.mark(first!.id, s.anna.enrollment, 'present');
    let today = s.ws.call('today.get', {}) as TodayLists;
    expect(today.packageAlerts).toEqual([expect.objectContaining({ kind: 'low', packageId: shared.id, lessonsLeft: 1 })]);
    s.mark(first!.id, s.bence.enrollment, 'present');
    s.mark(second!.id, s.bence.enrollment, 'late');
    // Seen from either child's page and from the guardian's.
    for (const clientId of [s.anna.client, s.bence.client, s.mum])
      expect(only(s.ws.call('packages.list', { clientId }), shared.id)).toMatchObject({ remaining: -1, lessonsLeft: -1 });
    today = s.ws.call('today.get', {}, s.assistant) as TodayLists;
    expect(today.packageAlerts).toEqual([expect.objectContaining({ kind: 'credit', clientName: expect.stringContaining('Éva') })]);
    expect(JSON.stringify(today.packageAlerts)).not.toMatch(/Minor/);
  });

  it('pause with a freeze, and hold a liability only the owner reads', () => {
    const s = school();
    const sold = s.ws.call('packages.sell', {
      holderClientId: s.anna.client,
      enrollmentId: s.anna.enrollment,
      unit: 'money',
      quantity: 40_000,
      lessonValueMinor: 10_000,
      priceMinor: 40_000,
      startsOn: '2026-03-01',
      expiresOn: '2026-03-20',
      payment: { method: 'cash' },
    }) as PackageView;
    const frozen = s.ws.call(
      'packages.freeze',
      { packageId: sold.id, startsOn: '2026-03-08', endsOn: '2026-03-14', note: 'beteg' },
      s.assistant,
    ) as PackageView;
    expect(frozen).toMatchObject({ usableUntil: '2026-03-27', frozenNow: true, lessonsLeft: 4 });
    const [first, second] = s.lessons(s.groupA);
    s.mark(first!.id, s.anna.enrollment, 'present');
    s.mark(second!.id, s.anna.enrollment, 'present'); // 9 March, in the freeze: free
    expect(only(s.ws.call('packages.list', { clientId: s.anna.client }), sold.id)).toMatchObject({ remaining: 30_000, lessonsLeft: 3 });
    expect(s.ws.call('packages.liability', {})).toEqual({ asOf: '2026-03-10', liabilityMinor: 30_000, lessonsOwed: 3, activePackages: 1 });
    expect(s.ws.fail('packages.liability', {}, s.assistant).code).toBe('FORBIDDEN');
    expect(s.ws.fail('packages.delete', { id: sold.id }, s.assistant).code).toBe('FORBIDDEN');
    expect(
      s.ws.fail('packages.sell', { holderClientId: s.anna.client, unit: 'money', quantity: 5, priceMinor: 5, startsOn: '2026-03-01' }).code,
    ).toBe('VALIDATION');
  });

  it('refuse an enrollment outside the buyer’s family', () => {
    const s = school();
    const stranger = s.ws.call('clients.create', { firstName: 'Zoltán', lastName: 'Nagy' }).id as string;
    const error = s.ws.fail('packages.sell', {
      holderClientId: stranger,
      enrollmentId: s.anna.enrollment,
      unit: 'lessons',
      quantity: 5,
      priceMinor: 0,
      startsOn: '2026-03-01',
    });
    expect(error.fields?.[0]).toMatchObject({ path: ['enrollmentId'], code: 'other_family' });
  });
});

describe('make-ups', () => {
  it('book an excused absence into a lesson of another group of the program, within the limits', () => {
    const s = school();
    const [first, second] = s.lessons(s.groupA);
    let options = s.ws.call('makeups.options', { enrollmentId: s.anna.enrollment }) as MakeupOptions;
    expect(options).toMatchObject({ open: 0, lessons: [] });
    s.mark(second!.id, s.anna.enrollment, 'excused', s.assistant);
    options = s.ws.call('makeups.options', { enrollmentId: s.anna.enrollment }, s.assistant) as MakeupOptions;
    expect(options.open).toBe(1);
    // Group B's Wednesdays from today up to 30 days after 9 March: 11, 18, 25 March and 1, 8 April.
    expect(options.lessons.map((l) => l.startsOn)).toEqual(['2026-03-11', '2026-03-18', '2026-03-25', '2026-04-01', '2026-04-08']);
    expect(options.lessons.every((l) => l.cohortId === s.groupB && l.freeSeats === 4)).toBe(true);

    const target = options.lessons[1]!;
    const roll = s.ws.call('makeups.book', { enrollmentId: s.anna.enrollment, lessonId: target.id }, s.assistant) as RollCall;
    expect(roll.students).toEqual([expect.objectContaining({ enrollmentId: s.anna.enrollment, state: 'makeup' })]);
    // The one credit is spent.
    const again = s.ws.fail('makeups.book', { enrollmentId: s.anna.enrollment, lessonId: options.lessons[2]!.id });
    expect(again.fields?.[0]).toMatchObject({ path: ['lessonId'], code: 'no_credit' });
    // Not in one's own group.
    s.mark(first!.id, s.anna.enrollment, 'excused');
    const own = s.lessons(s.groupA)[3]!;
    expect(s.ws.fail('makeups.book', { enrollmentId: s.anna.enrollment, lessonId: own.id }).fields?.[0]?.code).toBe('not_other_group');
  });

  it('give no more credits than the term allows, and none past the window', () => {
    const s = school();
    s.ws.call('lessonRules.update', { makeupsPerTerm: 1, makeupWithinDays: 7 });
    const [first, second] = s.lessons(s.groupA);
    s.mark(first!.id, s.anna.enrollment, 'excused');
    s.mark(second!.id, s.anna.enrollment, 'excused');
    const options = s.ws.call('makeups.options', { enrollmentId: s.anna.enrollment }) as MakeupOptions;
    expect(options.credits.map((c) => [c.on, c.until])).toEqual([['2026-03-02', '2026-03-09']]);
    expect(options.open).toBe(0);
    const late = (s.lessons(s.groupB) as { id: string; startsOn: string }[]).find((l) => l.startsOn === '2026-03-18')!;
    expect(s.ws.fail('makeups.book', { enrollmentId: s.anna.enrollment, lessonId: late.id }).fields?.[0]?.code).toBe('no_credit');
  });
});

describe('the timeline, ending a freeze and cancelling a make-up', () => {
  const lines = (s: ReturnType<typeof school>, clientId: string, kind = 'package') =>
    (s.ws.call('activities.list', { clientId }) as { kind: string; summary: string }[])
      .filter((a) => a.kind === kind)
      .map((a) => a.summary)
      .reverse();

  it('tells the sale, the freeze and the last lesson on the holder’s and the child’s timeline', () => {
    const s = school();
    const sold = s.ws.call(
      'packages.sell',
      { holderClientId: s.mum, enrollmentId: s.anna.enrollment, unit: 'lessons', quantity: 2, priceMinor: 9_000, startsOn: '2026-03-01' },
      s.assistant,
    ) as PackageView;
    expect(lines(s, s.mum)).toEqual(['Angol A1 (A hétfő) · 2 lessons · 2026-03-01: sold']);
    expect(lines(s, s.anna.client)).toEqual(['Angol A1 (A hétfő) · 2 lessons · 2026-03-01: sold']);
    s.ws.call('packages.freeze', { packageId: sold.id, startsOn: '2026-03-20', endsOn: '2026-03-26' }, s.assistant);
    expect(lines(s, s.anna.client).at(-1)).toBe('Angol A1 (A hétfő) · 2 lessons · 2026-03-20–2026-03-26: frozen');
    const [first, second] = s.lessons(s.groupA);
    s.mark(first!.id, s.anna.enrollment, 'present');
    expect(lines(s, s.anna.client)).toHaveLength(2);
    s.mark(second!.id, s.anna.enrollment, 'late');
    expect(lines(s, s.anna.client).at(-1)).toBe('Angol A1 (A hétfő) · 2 lessons: used_up');
    expect(lines(s, s.mum).at(-1)).toBe('Angol A1 (A hétfő) · 2 lessons: used_up');
    // Saving the same roll call again adds nothing; going on credit is not a second "used up".
    s.mark(second!.id, s.anna.enrollment, 'late');
    s.mark(s.lessons(s.groupA)[2]!.id, s.anna.enrollment, 'present');
    expect(lines(s, s.anna.client).filter((l) => l.endsWith('used_up'))).toHaveLength(1);
    // A package past its last day tells so on the day after, read from the package itself.
    s.ws.call('packages.sell', {
      holderClientId: s.mum,
      unit: 'lessons',
      quantity: 5,
      priceMinor: 0,
      startsOn: '2026-01-05',
      expiresOn: '2026-03-04',
    });
    const mumLines = s.ws.call('activities.list', { clientId: s.mum }) as { kind: string; summary: string; occurredAt: string }[];
    expect(mumLines.at(-1)).toMatchObject({
      kind: 'package',
      summary: '5 lessons · 2026-03-04: expired',
      occurredAt: '2026-03-05T12:00:00.000Z',
    });
    const page = s.ws.call('clients.get', { id: s.mum }) as { activities: { summary: string }[]; activityCount: number };
    expect(page.activityCount).toBe(mumLines.length);
    expect(page.activities.map((a) => a.summary)).toContain('5 lessons · 2026-03-04: expired');
    // One transaction: undoing the sale takes its line back with it.
    const sale = s.ws.db.sqlite
      .prepare("SELECT tx FROM changes WHERE table_name = 'packages' AND row_id = ? ORDER BY hlc LIMIT 1")
      .pluck()
      .get(sold.id) as string;
    const saleTables = s.ws.db.sqlite.prepare('SELECT DISTINCT table_name FROM changes WHERE tx = ? ORDER BY 1').pluck().all(sale);
    expect(saleTables).toEqual(['activities', 'packages']);
  });

  it('end a freeze early or take a mistaken one back, moving the expiry, by the assistant', () => {
    const s = school();
    const sold = s.ws.call('packages.sell', {
      holderClientId: s.anna.client,
      unit: 'lessons',
      quantity: 10,
      priceMinor: 50_000,
      startsOn: '2026-03-01',
      expiresOn: '2026-04-30',
    }) as PackageView;
    s.ws.call('packages.freeze', { packageId: sold.id, startsOn: '2026-03-08', endsOn: '2026-03-21' }, s.assistant);
    let view = s.ws.call(
      'packages.freeze',
      { packageId: sold.id, startsOn: '2026-04-06', endsOn: '2026-04-12' },
      s.assistant,
    ) as PackageView;
    expect(view).toMatchObject({ frozenNow: true, usableUntil: '2026-05-21' });
    const [running, planned] = view.freezes;
    // Today is 10 March: ended now, the freeze covered 8 and 9 March only.
    view = s.ws.call('packages.unfreeze', { freezeId: running!.id }, s.assistant) as PackageView;
    expect(view.frozenNow).toBe(false);
    expect(view.freezes.map((f) => [f.startsOn, f.endsOn])).toEqual([
      ['2026-03-08', '2026-03-09'],
      ['2026-04-06', '2026-04-12'],
    ]);
    expect(view.usableUntil).toBe('2026-05-09');
    // A lesson today now takes from the package again.
    const today = (s.ws.call('lessons.list', { from: '2026-03-16', to: '2026-03-16', cohortId: s.groupA }) as { id: string }[])[0]!;
    s.mark(today.id, s.anna.enrollment, 'present');
    expect(only(s.ws.call('packages.list', { clientId: s.anna.client }), sold.id).remaining).toBe(9);
    // The April one was a mistake: taken back from its first day, it leaves the list.
    view = s.ws.call('packages.unfreeze', { freezeId: planned!.id, from: '2026-04-06' }, s.assistant) as PackageView;
    expect(view.freezes).toHaveLength(1);
    expect(view.usableUntil).toBe('2026-05-02');
    expect(lines(s, s.anna.client).slice(-2)).toEqual([
      '10 lessons · 2026-03-08–2026-03-09: unfrozen',
      '10 lessons · 2026-04-06–2026-04-12: freeze_removed',
    ]);
    // Gone is gone, and a freeze already over cannot end again.
    expect(s.ws.fail('packages.unfreeze', { freezeId: planned!.id }).code).toBe('NOT_FOUND');
    expect(s.ws.fail('packages.unfreeze', { freezeId: running!.id, from: '2026-03-15' }).fields?.[0]?.code).toBe('not_frozen');
    const teacher = s.ws.call('users.create', { username: 'tanar', displayName: 'Tanár', role: 'teacher', password: 'teacher-1x' });
    const asTeacher: Actor = { userId: teacher.id, username: 'tanar', role: 'teacher' };
    expect(s.ws.fail('packages.unfreeze', { freezeId: running!.id }, asTeacher).code).toBe('FORBIDDEN');
  });

  it('cancel a booked make-up: the credit, the seat and the package lesson come back, within the term’s limit', () => {
    const s = school();
    s.ws.call('lessonRules.update', { makeupsPerTerm: 1 });
    const sold = s.ws.call('packages.sell', {
      holderClientId: s.anna.client,
      enrollmentId: s.anna.enrollment,
      unit: 'lessons',
      quantity: 5,
      priceMinor: 25_000,
      startsOn: '2026-03-01',
    }) as PackageView;
    const [, second] = s.lessons(s.groupA);
    s.mark(second!.id, s.anna.enrollment, 'excused');
    let options = s.ws.call('makeups.options', { enrollmentId: s.anna.enrollment }) as MakeupOptions;
    const [wednesday, nextWednesday] = options.lessons;
    s.ws.call('makeups.book', { enrollmentId: s.anna.enrollment, lessonId: wednesday!.id }, s.assistant);
    options = s.ws.call('makeups.options', { enrollmentId: s.anna.enrollment }) as MakeupOptions;
    expect(options.open).toBe(0);
    expect(only(s.ws.call('packages.list', { clientId: s.anna.client }), sold.id).remaining).toBe(4);

    const roll = s.ws.call('makeups.cancel', { enrollmentId: s.anna.enrollment, lessonId: wednesday!.id }, s.assistant) as RollCall;
    expect(roll.students).toEqual([]);
    options = s.ws.call('makeups.options', { enrollmentId: s.anna.enrollment }) as MakeupOptions;
    expect(options.open).toBe(1);
    expect(options.credits).toEqual([expect.objectContaining({ usedBy: null })]);
    expect(options.lessons.find((l) => l.id === wednesday!.id)?.freeSeats).toBe(4);
    expect(only(s.ws.call('packages.list', { clientId: s.anna.client }), sold.id).remaining).toBe(5);
    expect(lines(s, s.anna.client, 'attendance').at(-1)).toBe('Angol A1 (B szerda) · 2026-03-11 17:00: makeup_cancelled');

    // The credit is booked again elsewhere; the term's one make-up is then spent again.
    s.ws.call('makeups.book', { enrollmentId: s.anna.enrollment, lessonId: nextWednesday!.id });
    expect((s.ws.call('makeups.options', { enrollmentId: s.anna.enrollment }) as MakeupOptions).open).toBe(0);
    expect(s.ws.fail('makeups.cancel', { enrollmentId: s.anna.enrollment, lessonId: wednesday!.id }).fields?.[0]?.code).toBe('not_booked');
    // Once roll call marked the guest, the booking is no longer cancelled here; nor is one's own group.
    s.mark(nextWednesday!.id, s.anna.enrollment, 'present');
    expect(s.ws.fail('makeups.cancel', { enrollmentId: s.anna.enrollment, lessonId: nextWednesday!.id }).fields?.[0]?.code).toBe(
      'already_marked',
    );
    expect(s.ws.fail('makeups.cancel', { enrollmentId: s.anna.enrollment, lessonId: second!.id }).fields?.[0]?.code).toBe('not_guest');
  });
});

describe('teacher pay', () => {
  it('reports lessons given and pay owed per teacher for the owner, exported as CSV and XLSX', () => {
    const s = school();
    s.ws.call('teacherRates.save', { teacherId: s.teacherId, basis: 'lesson', amountMinor: 8_000, validFrom: '2026-01-01' });
    s.ws.call('teacherRates.save', {
      teacherId: s.teacherId,
      programId: s.programId,
      basis: 'student',
      amountMinor: 3_000,
      validFrom: '2026-03-05',
    });
    const [first, second] = s.lessons(s.groupA);
    s.mark(first!.id, s.anna.enrollment, 'present');
    s.mark(second!.id, s.anna.enrollment, 'present');
    s.mark(second!.id, s.bence.enrollment, 'late');
    const report = s.ws.call('teacherPay.report', { from: '2026-03-01', to: '2026-03-31' }) as TeacherPayReport;
    const eva = report.teachers.find((t) => t.teacherId === s.teacherId)!;
    // 2 March at the per-lesson rate; 9 March at the program's per-student rate for two students. Later lessons are not given yet.
    expect(eva).toMatchObject({ lessons: 2, minutes: 180, present: 3, withoutRate: 0, payMinor: 8_000 + 6_000 });
    expect(eva.details.map((d) => [d.on, d.basis, d.payMinor])).toEqual([
      ['2026-03-02', 'lesson', 8_000],
      ['2026-03-09', 'student', 6_000],
    ]);
    const peter = report.teachers.find((t) => t.teacherId === s.otherTeacherId)!;
    expect(peter).toMatchObject({ lessons: 1, withoutRate: 1, payMinor: 0 });
    expect(report.totalPayMinor).toBe(14_000);

    const csv = s.ws.call('teacherPay.export', { from: '2026-03-01', to: '2026-03-31', format: 'csv' }) as { contentBase64: string };
    const text = Buffer.from(csv.contentBase64, 'base64').toString('utf8');
    expect(text).toContain('teacher,date,start_time,minutes,program,cohort,present,basis,pay_minor');
    expect(text).toContain('Kovács Éva,2026-03-09,17:00,90,Angol A1,A hétfő,2,student,6000');
    const xlsx = s.ws.call('teacherPay.export', { from: '2026-03-01', to: '2026-03-31', format: 'xlsx' }) as { fileName: string };
    expect(xlsx.fileName).toMatch(/\.xlsx$/);

    for (const method of ['teacherPay.report', 'teacherRates.list', 'teacherPay.export'] as MethodName[])
      expect(s.ws.fail(method, {}, s.assistant).code).toBe('FORBIDDEN');
    expect(
      s.ws.fail('teacherRates.save', { teacherId: s.teacherId, basis: 'hour', amountMinor: 1, validFrom: '2026-01-01' }, s.assistant).code,
    ).toBe('FORBIDDEN');
  });

  it('pays a share of what the students who were there paid for the lesson', () => {
    const s = school();
    s.ws.call('teacherRates.save', { teacherId: s.teacherId, basis: 'revenue', sharePercent: 50, validFrom: '2026-01-01' });
    const [first] = s.lessons(s.groupA);
    s.mark(first!.id, s.anna.enrollment, 'present');
    const lessonsOfA = s.lessons(s.groupA).length;
    const report = s.ws.call('teacherPay.report', { from: '2026-03-02', to: '2026-03-02' }) as TeacherPayReport;
    expect(report.teachers[0]?.payMinor).toBe(Math.round(Math.round(80_000 / lessonsOfA) / 2));
  });
});
