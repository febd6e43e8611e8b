/**
 * Calendar dates are `YYYY-MM-DD` strings, instants are ISO UTC strings. A date
 * has no time zone: "the instalment is due on 2026-03-01" means that day wherever
 * the school is, so dates are never converted through `Date` in local time.
 * `todayIn` turns an instant into the school's calendar day using its time zone.
 *
 * date-fns is imported one function per path: its root index pulls in every
 * function and costs over half a gigabyte and a second at start-up under Node.
 */
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

export const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!isoDatePattern.test(value)) return false;
  const parsed = parseISO(value);
  return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === value;
}

/**
 * One formatter per time zone: building an Intl.DateTimeFormat costs about a
 * tenth of a millisecond, more than every other step of some reads that ask for
 * "today"; a formatter holds no state, so sharing one changes no answer.
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormatIn(timeZone: string): Intl.DateTimeFormat {
  let dayFormat = dayFormats.get(timeZone);
  if (!dayFormat) {
    dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, dayFormat);
  }
  return dayFormat;
}

/** The calendar day of `instant` in `timeZone` (e.g. "Europe/Budapest"). */
export function todayIn(timeZone: string, instant: Date): string {
  const parts = dayFormatIn(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `count` monthly dates from `start`, each counted from the start so 31 Jan gives 28/29 Feb then 31 Mar. */
export function monthlyDates(start: string, count: number): string[] {
  const base = parseISO(start);
  return Array.from({ length: count }, (_, i) => format(addMonths(base, i), 'yyyy-MM-dd'));
}

export function addDaysIso(date: string, days: number): string {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}
