/**
 * The reminder engine as a pure function of a snapshot and a calendar day:
 * month ends and leap days, the school's day in a time zone across DST changes,
 * snoozes and dismissals, and a week with the app closed (everything that came
 * due meanwhile is still listed, with the right days late).
 */
import { describe, expect, it } from 'vitest';
import { zonedInstant } from '../../src-shared/schedule';
import { todayIn } from '../../src-shared/dates';
import {
  birthdayIn,
  computeToday,
  firstInOrder,
  followUpSubject,
  nextReminderAt,
  weekAround,
  type ReminderData,
  type ReminderEnrollment,
  type ReminderInstalment,
} from '../../src-main/services/reminders';

function school(overrides: Partial<ReminderData> = {}): ReminderData {
  return {
    settings: { dueSoonDays: 7, startSoonDays: 14, lowBalanceMinor: 2_000_000, weekStart: 1 },
    moneyVisible: true,
    clients: [
      { id: 'anna', displayName: 'Kiss Anna', phone: '+36301234567', email: 'anna@example.hu', birthDate: '2012-02-29' },
      { id: 'bela', displayName: 'Nagy Béla', phone: null, email: null, birthDate: '1990-01-01' },
      { id: 'chen', displayName: '陈静', phone: null, email: 'chen@example.cn', birthDate: null },
    ],
    programs: [{ id: 'eng', name: 'Angol A1' }],
    cohorts: [],
    enrollments: [],
    instalments: [],
    prepaid: new Map(),
    tasks: [],
    states: [],
    ...overrides,
  };
}

const enrollment = (id: string, clientId: string, over: Partial<ReminderEnrollment> = {}): ReminderEnrollment => ({
  id,
  clientId,
  programId: 'eng',
  cohortId: null,
  status: 'thinking',
  followUpOn: null,
  notifyBeforeDays: null,
  ...over,
});

const instalment = (id: string, enrollmentId: string, dueOn: string, outstandingMinor = 5_000_000): ReminderInstalment => ({
  id,
  enrollmentId,
  dueOn,
  amountMinor: 5_000_000,
  outstandingMinor,
});

describe('follow-ups', () => {
  it('lists open enquiries whose follow-up day has come, not later ones or settled statuses', () => {
    const data = school({
      enrollments: [
        enrollment('e1', 'anna', { followUpOn: '2026-01-31' }),
        enrollment('e2', 'bela', { followUpOn: '2026-02-01' }),
        enrollment('e3', 'chen', { followUpOn: '2026-01-30', status: 'confirmed' }),
        enrollment('e4', 'chen', { followUpOn: '2026-01-15', status: 'inquiry' }),
      ],
    });
    const today = computeToday(data, '2026-01-31');
    expect(today.followUps.map((f) => [f.enrollmentId, f.daysOverdue])).toEqual([
      ['e4', 16],
      ['e1', 0],
    ]);
    expect(computeToday(data, '2026-02-01').followUps.map((f) => f.enrollmentId)).toEqual(['e4', 'e1', 'e2']);
  });

  it('a dismissal hides that follow-up only; a new follow-up date brings the enquiry back', () => {
    const states = [
      { kind: 'follow_up', subjectId: followUpSubject('e1', '2026-03-01'), snoozedUntil: null, dismissedAt: '2026-03-01T10:00:00Z' },
    ];
    const before = school({ enrollments: [enrollment('e1', 'anna', { followUpOn: '2026-03-01' })], states });
    expect(computeToday(before, '2026-03-02').followUps).toEqual([]);
    const moved = school({ enrollments: [enrollment('e1', 'anna', { followUpOn: '2026-03-05' })], states });
    expect(computeToday(moved, '2026-03-05').followUps.map((f) => f.subjectId)).toEqual(['e1@2026-03-05']);
  });

  it('a snooze hides a reminder until its day, then it is back', () => {
    const data = school({
      enrollments: [enrollment('e1', 'anna', { followUpOn: '2026-03-01' })],
      states: [{ kind: 'follow_up', subjectId: 'e1@2026-03-01', snoozedUntil: '2026-03-04', dismissedAt: null }],
    });
    expect(computeToday(data, '2026-03-03').followUps).toHaveLength(0);
    expect(computeToday(data, '2026-03-04').followUps).toHaveLength(1);
  });
});

describe('instalments', () => {
  const data = school({
    enrollments: [enrollment('e1', 'anna', { status: 'confirmed' }), enrollment('e2', 'bela', { status: 'declined' })],
    instalments: [
      instalment('i-jan31', 'e1', '2026-01-31'),
      instalment('i-feb28', 'e1', '2026-02-28'),
      instalment('i-mar31', 'e1', '2026-03-31'),
      instalment('i-paid', 'e1', '2026-02-15', 0),
      instalment('i-declined', 'e2', '2026-01-31'),
    ],
  });

  it('splits overdue from due soon across a month end, with days late counted in calendar days', () => {
    const today = computeToday(data, '2026-03-01');
    expect(today.overdue.map((i) => [i.instalmentId, i.daysLate])).toEqual([
      ['i-jan31', 29],
      ['i-feb28', 1],
    ]);
    expect(today.dueSoon).toEqual([]);
    expect(computeToday(data, '2026-03-24').dueSoon.map((i) => [i.instalmentId, i.daysUntil])).toEqual([['i-mar31', 7]]);
  });

  it('counts days late across a leap day', () => {
    const leap = school({ enrollments: data.enrollments, instalments: [instalment('i', 'e1', '2028-02-28')] });
    expect(computeToday(leap, '2028-03-01').overdue[0]?.daysLate).toBe(2);
    const common = school({ enrollments: data.enrollments, instalments: [instalment('i', 'e1', '2027-02-28')] });
    expect(computeToday(common, '2027-03-01').overdue[0]?.daysLate).toBe(1);
  });

  it('shows no money to someone who may not see payments', () => {
    const hidden = computeToday({ ...data, moneyVisible: false }, '2026-03-01');
    expect(hidden.overdue).toEqual([]);
    expect(hidden.moneyVisible).toBe(false);
  });
});

describe('a week with the app closed', () => {
  it('lists on reopening everything that came due while nobody looked', () => {
    const data = school({
      cohorts: [{ id: 'c1', programId: 'eng', name: 'Tavasz', startOn: '2026-04-20', status: 'open', capacity: 10, minimumToRun: 2 }],
      enrollments: [
        enrollment('e1', 'anna', { followUpOn: '2026-04-07' }),
        enrollment('e2', 'bela', { status: 'confirmed', cohortId: 'c1', notifyBeforeDays: 10 }),
      ],
      instalments: [instalment('i1', 'e2', '2026-04-08')],
      tasks: [{ id: 't1', title: 'Call the landlord', clientId: null, enrollmentId: null, dueOn: '2026-04-09', doneAt: null, notes: null }],
    });
    const lastOpened = computeToday(data, '2026-04-06');
    expect(lastOpened.followUps).toHaveLength(0);
    expect(lastOpened.overdue).toHaveLength(0);
    expect(lastOpened.tasks).toHaveLength(0);

    const reopened = computeToday(data, '2026-04-13');
    expect(reopened.followUps.map((f) => [f.enrollmentId, f.daysOverdue])).toEqual([['e1', 6]]);
    expect(reopened.overdue.map((i) => [i.instalmentId, i.daysLate])).toEqual([['i1', 5]]);
    expect(reopened.tasks.map((t) => [t.taskId, t.daysOverdue])).toEqual([['t1', 4]]);
    expect(reopened.cohortStarts[0]?.toNotify.map((p) => p.enrollmentId)).toEqual(['e2']);
    expect(reopened.cohortHealth.map((h) => h.problem)).toEqual(['under_minimum']);
    expect(reopened.counts.total).toBeGreaterThanOrEqual(5);
  });
});

describe('cohorts', () => {
  const cohorts = [
    { id: 'new', programId: 'eng', name: 'Ősz', startOn: '2026-09-07', status: 'planned', capacity: 2, minimumToRun: null },
    { id: 'past', programId: 'eng', name: 'Tavasz', startOn: '2026-03-02', status: 'running', capacity: 8, minimumToRun: null },
  ];

  it('invites people interested in the program who have no group, one by one', () => {
    const data = school({
      cohorts,
      enrollments: [
        enrollment('e1', 'anna', { status: 'waitlist' }),
        enrollment('e2', 'bela', { status: 'declined' }),
        enrollment('e3', 'chen', { status: 'inquiry' }),
      ],
      states: [{ kind: 'cohort_invite', subjectId: 'new:e3', snoozedUntil: null, dismissedAt: '2026-06-01T00:00:00Z' }],
    });
    const today = computeToday(data, '2026-06-01');
    expect(today.invites.map((c) => [c.cohortId, c.interested.map((p) => p.enrollmentId)])).toEqual([['new', ['e1']]]);
    expect(today.counts.invites).toBe(1);
  });

  it('flags a cohort over capacity near its start, not months ahead', () => {
    const data = school({
      cohorts,
      enrollments: ['anna', 'bela', 'chen'].map((c, i) => enrollment(`e${i}`, c, { status: 'confirmed', cohortId: 'new' })),
    });
    expect(computeToday(data, '2026-06-01').cohortHealth).toEqual([]);
    expect(computeToday(data, '2026-09-01').cohortHealth.map((h) => [h.cohortId, h.problem, h.seatsTaken])).toEqual([
      ['new', 'over_capacity', 3],
    ]);
  });
});

describe('birthdays and balances', () => {
  it('celebrates a 29 February birthday on the 28th in a common year, in the week set by week start', () => {
    expect(birthdayIn('2012-02-29', 2027)).toBe('2027-02-28');
    expect(birthdayIn('2012-02-29', 2028)).toBe('2028-02-29');
    const data = school();
    // Week of Monday 2027-02-22 .. Sunday 2027-02-28.
    expect(computeToday(data, '2027-02-24').birthdays.map((b) => [b.clientId, b.on, b.turns])).toEqual([['anna', '2027-02-28', 15]]);
    // With weeks starting on Sunday the 28th opens the next week.
    expect(computeToday({ ...data, settings: { ...data.settings, weekStart: 0 } }, '2027-02-24').birthdays).toEqual([]);
  });

  it('finds a 1 January birthday in a week that starts in December', () => {
    expect(weekAround('2026-12-30', 1)).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(computeToday(school(), '2026-12-30').birthdays.map((b) => [b.clientId, b.on, b.turns])).toEqual([['bela', '2027-01-01', 37]]);
  });

  it('lists clients whose money paid ahead runs below the threshold', () => {
    const data = school({
      prepaid: new Map([
        ['anna', 1_500_000],
        ['bela', 0],
        ['chen', 9_000_000],
      ]),
    });
    expect(computeToday(data, '2026-05-05').lowBalance.map((c) => c.clientId)).toEqual(['anna']);
    expect(computeToday({ ...data, settings: { ...data.settings, lowBalanceMinor: null } }, '2026-05-05').lowBalance).toEqual([]);
  });
});

describe('the school’s day in its time zone', () => {
  it('turns an instant into the right calendar day on both sides of the DST changes', () => {
    // Budapest: CET (+1) until 29 March 2026 01:00 UTC, then CEST (+2); back on 25 October 2026.
    expect(todayIn('Europe/Budapest', new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(todayIn('Europe/Budapest', new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
    expect(todayIn('Europe/Budapest', new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(todayIn('Europe/Budapest', new Date('2026-10-25T22:59:00Z'))).toBe('2026-10-25');
    expect(todayIn('Europe/Budapest', new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
    // Shanghai has no DST: 16:00 UTC is already the next day.
    expect(todayIn('Asia/Shanghai', new Date('2026-03-29T16:00:00Z'))).toBe('2026-03-30');
    // The same instant is a different school day in Honolulu and Auckland.
    const instant = new Date('2026-01-31T20:00:00Z');
    expect([todayIn('Pacific/Honolulu', instant), todayIn('Pacific/Auckland', instant)]).toEqual(['2026-01-31', '2026-02-01']);
  });

  it('a follow-up due on the school’s day shows after local midnight even if UTC is still on the day before', () => {
    const data = school({ enrollments: [enrollment('e1', 'anna', { followUpOn: '2026-03-30' })] });
    const asOf = todayIn('Europe/Budapest', new Date('2026-03-29T22:30:00Z'));
    expect(computeToday(data, asOf).followUps).toHaveLength(1);
  });

  it('schedules the daily reminder at the wall-clock time across DST changes', () => {
    expect(zonedInstant('2026-03-28', '08:00', 'Europe/Budapest').toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(zonedInstant('2026-03-29', '08:00', 'Europe/Budapest').toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(nextReminderAt('08:00', 'Europe/Budapest', new Date('2026-03-28T07:30:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(nextReminderAt('08:00', 'Europe/Budapest', new Date('2026-10-24T07:30:00Z')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(nextReminderAt('08:00', 'Europe/Budapest', new Date('2026-10-25T06:59:00Z')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(nextReminderAt('08:00', 'America/New_York', new Date('2026-03-08T03:00:00Z')).toISOString()).toBe('2026-03-08T12:00:00.000Z');
  });
});

describe('the head of a long list', () => {
  it('is exactly the head of the fully sorted list, ties and stability included', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const names = ['Kiss Anna', 'kiss anna', 'Ábel Éva', 'Abel Eva', '陈静', 'Zsófi', 'Nagy Béla'];
    const primary = (a: { day: string }, b: { day: string }) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0);
    const collator = new Intl.Collator();
    const rest = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: next(60) }, (_, n) => ({
        n,
        day: `2026-03-0${next(4) + 1}`,
        name: names[next(names.length)] as string,
      }));
      const limit = next(20) + 1;
      const whole = [...items].sort((a, b) => primary(a, b) || rest(a, b));
      expect(firstInOrder([...items], limit, primary, rest)).toEqual(whole.slice(0, limit));
    }
  });

  it('keeps the counts of the whole lists when the lists are cut', () => {
    const data = school({
      enrollments: [enrollment('e1', 'anna', { status: 'confirmed' }), enrollment('e2', 'bela', { status: 'confirmed' })],
      instalments: [
        instalment('i1', 'e1', '2026-03-02'),
        instalment('i2', 'e2', '2026-03-01'),
        instalment('i3', 'e1', '2026-03-01'),
        instalment('i4', 'e2', '2026-03-20'),
      ],
    });
    const whole = computeToday(data, '2026-03-20');
    const cut = computeToday(data, '2026-03-20', 1);
    expect(cut.counts).toEqual(whole.counts);
    expect(cut.overdue).toEqual(whole.overdue.slice(0, 1));
    expect(whole.overdue.map((i) => i.instalmentId)).toEqual(['i3', 'i2', 'i1']);
    expect(cut.counts.overdue).toBe(3);
    expect(cut.counts.total).toBe(4);
  });
});
