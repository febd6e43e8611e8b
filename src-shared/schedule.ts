/**
 * From a cohort's weekly schedule to its lessons, as pure calendar arithmetic.
 * A lesson is a calendar day plus a wall-clock time in the school's time zone
 * ("Mondays at 17:00"), never an instant stepped by 7 × 24 hours: stepping
 * instants moves every lesson by an hour at each DST change, which is the bug
 * this shape rules out. Days are walked as `YYYY-MM-DD` strings; an instant is
 * computed only where one is needed (is this lesson past? which comes next?),
 * by `zonedInstant`, which knows the time zone's offset on that very day.
 */
import { addDaysIso, daysBetween } from './dates';

export interface WeeklySlot {
  /** ISO weekday, Monday = 1 */
  weekday: number;
  startTime: string;
  minutes: number;
}

/** One generated occurrence of a slot: the day, the time and how long. */
export interface PlannedLesson {
  date: string;
  startTime: string;
  minutes: number;
}

/** A closed stretch of days, both ends included. */
export interface ClosedRange {
  startsOn: string;
  endsOn: string;
}

/** ISO weekday (Monday = 1 … Sunday = 7) of a calendar day, computed in UTC so no local zone leaks in. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isClosed(date: string, closed: readonly ClosedRange[]): boolean {
  return closed.some((c) => c.startsOn <= date && date <= c.endsOn);
}

/** Upper bound on days walked, so a typo in a year (2062 for 2026) cannot generate decades of lessons. */
export const maxPlanDays = 3 * 366;

/**
 * Every occurrence of `schedule` from `startOn` to `endOn` (both included) that
 * is not on a closed day, in date and time order.
 */
export function planLessons(
  schedule: readonly WeeklySlot[],
  startOn: string,
  endOn: string,
  closed: readonly ClosedRange[] = [],
): PlannedLesson[] {
  const planned: PlannedLesson[] = [];
  if (schedule.length === 0 || endOn < startOn) return planned;
  const days = Math.min(daysBetween(startOn, endOn), maxPlanDays);
  const slots = [...schedule].sort((a, b) => a.startTime.localeCompare(b.startTime));
  const relevant = closed.filter((c) => c.endsOn >= startOn && c.startsOn <= endOn);
  let weekday = isoWeekday(startOn);
  for (let i = 0; i <= days; i++) {
    const date = i === 0 ? startOn : addDaysIso(startOn, i);
    const todays = slots.filter((s) => s.weekday === weekday);
    if (todays.length > 0 && !isClosed(date, relevant)) {
      for (const slot of todays) planned.push({ date, startTime: slot.startTime, minutes: slot.minutes });
    }
    weekday = weekday === 7 ? 1 : weekday + 1;
  }
  return planned;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone: building an Intl formatter costs far more than using one. */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallParts(timeZone: string, instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const parts = formatterOf(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Minutes east of UTC that `timeZone` is at `instant` (Budapest in summer: 120). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const p = wallParts(timeZone, instant);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The calendar day and `HH:mm` the wall clock shows in `timeZone` at `instant`. */
export function wallClock(timeZone: string, instant: Date): { date: string; time: string } {
  const p = wallParts(timeZone, instant);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${two(p.month)}-${two(p.day)}`, time: `${two(p.hour)}:${two(p.minute)}` };
}

/** Whether a lesson at `date` `time` (wall clock) has not started yet at the wall-clock moment `now`. */
export function notStartedAt(lesson: { date: string; time: string }, now: { date: string; time: string }): boolean {
  return lesson.date > now.date || (lesson.date === now.date && lesson.time >= now.time);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`. A time
 * that does not exist (the hour skipped when clocks go forward) is read as the
 * same number of minutes after the jump, as a wall clock would show it; a time
 * that happens twice (the hour repeated in autumn) is its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const key = `${timeZone} ${date} ${time}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size >= 20_000) instants.clear();
    instant = instantOf(date, time, timeZone);
    instants.set(key, instant);
  }
  return new Date(instant);
}

/** Instants already worked out: a calendar of a big school asks for the same day and time many times. */
const instants = new Map<string, number>();

function instantOf(date: string, time: string, timeZone: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const day = 24 * 60 * 60_000;
  // A zone changes its offset at most once around a given day: the offsets a day before and after cover both sides.
  const offsets = [...new Set([zoneOffsetMinutes(timeZone, new Date(wall - day)), zoneOffsetMinutes(timeZone, new Date(wall + day))])];
  // A candidate is right when the zone's offset at that instant is the one it was computed with.
  const consistent = offsets
    .map((offset) => wall - offset * 60_000)
    .filter((at) => wall - zoneOffsetMinutes(timeZone, new Date(at)) * 60_000 === at);
  if (consistent.length > 0) return Math.min(...consistent);
  // In the gap: take the offset before the jump, which lands after it.
  return wall - Math.min(...offsets) * 60_000;
}

/** `HH:mm` plus minutes, as minutes since midnight (may pass 24 h for a lesson that runs past midnight). */
export function minutesOfDay(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Whether two lessons on the same day overlap in time (touching ends do not). */
export function timesOverlap(a: { startTime: string; minutes: number }, b: { startTime: string; minutes: number }): boolean {
  const aStart = minutesOfDay(a.startTime);
  const bStart = minutesOfDay(b.startTime);
  return aStart < bStart + b.minutes && bStart < aStart + a.minutes;
}
