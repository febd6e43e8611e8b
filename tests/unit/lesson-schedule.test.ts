/**
 * The pure core of lesson generation (src-shared/schedule.ts): weekly slots
 * walked day by day between a cohort's dates, across both DST changes of the
 * year, month ends and leap days, with closed days skipped; and the wall-clock
 * arithmetic that says when a lesson starts in the school's time zone.
 */
import { describe, expect, it } from 'vitest';
import { isoWeekday, notStartedAt, planLessons, timesOverlap, wallClock, zonedInstant } from '../../src-shared/schedule';

const mondaysAndThursdays = [
  { weekday: 1, startTime: '17:00', minutes: 90 },
  { weekday: 4, startTime: '18:30', minutes: 60 },
];

describe('planLessons', () => {
  it('keeps the wall-clock time on both sides of the spring and autumn DST changes', () => {
    // Budapest: clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    const sundays = [{ weekday: 7, startTime: '17:00', minutes: 60 }];
    const spring = planLessons(sundays, '2026-03-15', '2026-04-12');
    expect(spring.map((l) => l.date)).toEqual(['2026-03-15', '2026-03-22', '2026-03-29', '2026-04-05', '2026-04-12']);
    expect(new Set(spring.map((l) => l.startTime))).toEqual(new Set(['17:00']));
    const instants = spring.map((l) => zonedInstant(l.date, l.startTime, 'Europe/Budapest').toISOString());
    expect(instants).toEqual([
      '2026-03-15T16:00:00.000Z',
      '2026-03-22T16:00:00.000Z',
      '2026-03-29T15:00:00.000Z',
      '2026-04-05T15:00:00.000Z',
      '2026-04-12T15:00:00.000Z',
    ]);
    const autumn = planLessons(sundays, '2026-10-18', '2026-11-01');
    expect(autumn.map((l) => zonedInstant(l.date, l.startTime, 'Europe/Budapest').toISOString())).toEqual([
      '2026-10-18T15:00:00.000Z',
      '2026-10-25T16:00:00.000Z',
      '2026-11-01T16:00:00.000Z',
    ]);
  });

  it('counts a whole year of two lessons a week without losing or doubling a week at the DST nights', () => {
    const year = planLessons(mondaysAndThursdays, '2026-01-01', '2026-12-31');
    // 2026 has 52 Mondays and 53 Thursdays (it starts on a Thursday).
    expect(year.filter((l) => isoWeekday(l.date) === 1)).toHaveLength(52);
    expect(year.filter((l) => isoWeekday(l.date) === 4)).toHaveLength(53);
    expect(year.every((l) => (isoWeekday(l.date) === 1 ? l.startTime === '17:00' : l.startTime === '18:30'))).toBe(true);
    const dates = year.map((l) => l.date);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('walks across month ends and a leap day, both ends of the range included', () => {
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '09:00', minutes: 45 }));
    expect(planLessons(everyDay, '2028-02-27', '2028-03-02').map((l) => l.date)).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
      '2028-03-02',
    ]);
    expect(planLessons(everyDay, '2026-01-30', '2026-02-01').map((l) => l.date)).toEqual(['2026-01-30', '2026-01-31', '2026-02-01']);
    // A Thursday slot from Saturday 31 January: the first lesson is on 5 February, the last on the end day itself.
    expect(planLessons([{ weekday: 4, startTime: '10:00', minutes: 60 }], '2026-01-31', '2026-02-26').map((l) => l.date)).toEqual([
      '2026-02-05',
      '2026-02-12',
      '2026-02-19',
      '2026-02-26',
    ]);
  });

  it('skips closed days, single or a stretch, and only those', () => {
    const closed = [
      { startsOn: '2026-03-16', endsOn: '2026-03-16' }, // a one-day holiday on a Monday
      { startsOn: '2026-04-02', endsOn: '2026-04-07' }, // spring break: Thursday to Tuesday
    ];
    const planned = planLessons(mondaysAndThursdays, '2026-03-09', '2026-04-13', closed).map((l) => l.date);
    expect(planned).toEqual([
      '2026-03-09',
      '2026-03-12',
      '2026-03-19',
      '2026-03-23',
      '2026-03-26',
      '2026-03-30',
      '2026-04-09',
      '2026-04-13',
    ]);
  });

  it('plans nothing without a schedule or for an end before the start, and puts two slots of one day in time order', () => {
    expect(planLessons([], '2026-01-01', '2026-12-31')).toEqual([]);
    expect(planLessons(mondaysAndThursdays, '2026-05-01', '2026-04-01')).toEqual([]);
    const twice = planLessons(
      [
        { weekday: 2, startTime: '16:00', minutes: 45 },
        { weekday: 2, startTime: '09:00', minutes: 45 },
      ],
      '2026-03-10',
      '2026-03-10',
    );
    expect(twice.map((l) => l.startTime)).toEqual(['09:00', '16:00']);
  });
});

describe('wall-clock arithmetic in the school’s time zone', () => {
  it('reads an hour skipped in spring as after the jump, and an hour repeated in autumn as its first occurrence', () => {
    expect(zonedInstant('2026-03-29', '02:30', 'Europe/Budapest').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Budapest').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant('2026-03-08', '10:00', 'America/New_York').toISOString()).toBe('2026-03-08T14:00:00.000Z');
    expect(zonedInstant('2026-07-01', '10:00', 'Asia/Shanghai').toISOString()).toBe('2026-07-01T02:00:00.000Z');
  });

  it('tells a lesson that has not started from one that has, on the school’s wall clock', () => {
    const now = wallClock('Europe/Budapest', new Date('2026-03-29T15:30:00Z'));
    expect(now).toEqual({ date: '2026-03-29', time: '17:30' });
    expect(notStartedAt({ date: '2026-03-29', time: '18:00' }, now)).toBe(true);
    expect(notStartedAt({ date: '2026-03-29', time: '17:00' }, now)).toBe(false);
    expect(notStartedAt({ date: '2026-03-30', time: '08:00' }, now)).toBe(true);
    expect(notStartedAt({ date: '2026-03-28', time: '23:00' }, now)).toBe(false);
  });

  it('finds overlapping lessons, and lets one end as the next begins', () => {
    expect(timesOverlap({ startTime: '17:00', minutes: 90 }, { startTime: '18:00', minutes: 60 })).toBe(true);
    expect(timesOverlap({ startTime: '17:00', minutes: 60 }, { startTime: '18:00', minutes: 60 })).toBe(false);
    expect(timesOverlap({ startTime: '09:00', minutes: 45 }, { startTime: '08:30', minutes: 45 })).toBe(true);
  });
});
