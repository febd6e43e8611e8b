import { describe, expect, it } from 'vitest';
import { addDaysIso, daysBetween, isIsoDate, monthlyDates, todayIn } from '../../src-shared/dates';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-3-1')).toBe(false);
    expect(isIsoDate('01/03/2026')).toBe(false);
  });

  it('plans monthly dates from the first one, keeping month ends', () => {
    expect(monthlyDates('2026-01-31', 4)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
    expect(monthlyDates('2027-12-31', 3)).toEqual(['2027-12-31', '2028-01-31', '2028-02-29']);
  });

  it('knows which day it is in the school’s time zone', () => {
    const lateEvening = new Date('2026-03-09T23:30:00Z');
    expect(todayIn('Europe/Budapest', lateEvening)).toBe('2026-03-10');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-03-09');
    expect(todayIn('Asia/Shanghai', new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
  });

  it('counts days across DST changes as calendar days', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(addDaysIso('2026-10-24', 2)).toBe('2026-10-26');
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });
});
