/**
 * The Reports screen's period presets: calendar days in the school's own time
 * zone, so "this year" on New Year's Eve evening in Budapest is already next
 * year there even while UTC is still in the old one.
 */
import { describe, expect, it } from 'vitest';
import { periodOf, schoolToday } from '../../src-renderer/features/reports/period';

describe('report periods', () => {
  it('reads today in the school’s time zone, not the computer’s', () => {
    const instant = new Date('2025-12-31T23:30:00Z');
    expect(schoolToday('Europe/Budapest', instant)).toBe('2026-01-01');
    expect(schoolToday('America/New_York', instant)).toBe('2025-12-31');
  });

  it('turns presets into whole calendar periods', () => {
    expect(periodOf('thisYear', '2026-05-14')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodOf('lastYear', '2026-05-14')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(periodOf('last12', '2026-05-14')).toEqual({ from: '2025-06-01', to: '2026-05-31' });
    expect(periodOf('last12', '2024-02-10')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(periodOf('last12', '2026-12-03')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});
