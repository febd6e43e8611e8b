/**
 * Reading a cohort for people: its weekly schedule as "Tue 17:30 (90′)", the
 * weekday names in the interface locale, and the warnings a school wants before
 * a group starts — more people than seats, or too few to run it close to the
 * start date.
 */
import type { CohortSummary, ScheduleSlot } from '../../../src-shared/api/types';
import { daysBetween } from '../../../src-shared/dates';

/** ISO weekday (Monday = 1) to its short name in `locale`. */
export function weekdayName(weekday: number, locale: string, style: 'short' | 'long' = 'short'): string {
  const monday = Date.UTC(2024, 0, 1);
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(new Date(monday + (weekday - 1) * 86_400_000));
}

export function scheduleText(schedule: readonly ScheduleSlot[], locale: string): string {
  return [...schedule]
    .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime))
    .map((slot) => `${weekdayName(slot.weekday, locale)} ${slot.startTime} (${slot.minutes}′)`)
    .join(', ');
}

export type CohortWarning =
  { kind: 'over'; seats: number; capacity: number } | { kind: 'under'; seats: number; minimum: number; days: number };

/** What should worry the school about this cohort today (`startSoonDays` = how near the start counts as near). */
export function cohortWarnings(cohort: CohortSummary, today: string, startSoonDays: number): CohortWarning[] {
  const warnings: CohortWarning[] = [];
  if (cohort.capacity !== null && cohort.seatsTaken > cohort.capacity)
    warnings.push({ kind: 'over', seats: cohort.seatsTaken, capacity: cohort.capacity });
  if (
    cohort.minimumToRun !== null &&
    cohort.startOn &&
    cohort.status !== 'cancelled' &&
    cohort.status !== 'finished' &&
    cohort.seatsTaken < cohort.minimumToRun
  ) {
    const days = daysBetween(today, cohort.startOn);
    if (days >= 0 && days <= startSoonDays) warnings.push({ kind: 'under', seats: cohort.seatsTaken, minimum: cohort.minimumToRun, days });
  }
  return warnings;
}
