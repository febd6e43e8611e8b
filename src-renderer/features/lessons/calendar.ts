/**
 * The calendar's date arithmetic, on `YYYY-MM-DD` strings like the rest of the
 * app: the days a week or month view shows around an anchor day, starting on
 * the school's first day of the week, and the step the arrows take. Kept pure
 * (no React, no clock), so the views only lay out what this computes.
 */
import { addDaysIso } from '../../../src-shared/dates';
import { isoWeekday, minutesOfDay } from '../../../src-shared/schedule';

export type CalendarView = 'week' | 'month';

/** The first day of the week holding `date`; `weekStart` counts like the settings: 0 = Sunday, 1 = Monday. */
export function startOfWeek(date: string, weekStart: number): string {
  const day = isoWeekday(date) % 7; // Sunday = 0
  return addDaysIso(date, -((day - weekStart + 7) % 7));
}

/** The days shown: seven for a week, whole weeks covering the month for a month. */
export function visibleDays(view: CalendarView, anchor: string, weekStart: number): string[] {
  if (view === 'week') {
    const first = startOfWeek(anchor, weekStart);
    return Array.from({ length: 7 }, (_, i) => addDaysIso(first, i));
  }
  const monthStart = `${anchor.slice(0, 7)}-01`;
  const first = startOfWeek(monthStart, weekStart);
  const nextMonth = addDaysIso(`${anchor.slice(0, 7)}-28`, 4).slice(0, 7);
  const days: string[] = [];
  for (let day = first; days.length < 42; day = addDaysIso(day, 1)) {
    if (days.length % 7 === 0 && day.slice(0, 7) === nextMonth) break;
    days.push(day);
  }
  return days;
}

/** The anchor one step back or forward: a week, or a month (kept on day 1, so 31 January never skips February). */
export function stepAnchor(view: CalendarView, anchor: string, direction: 1 | -1): string {
  if (view === 'week') return addDaysIso(anchor, 7 * direction);
  const [year, month] = anchor.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + direction;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** `HH:mm` a lesson ends at. */
export function endTime(startTime: string, minutes: number): string {
  const end = minutesOfDay(startTime) + minutes;
  return `${String(Math.floor(end / 60) % 24).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}
