/**
 * The report periods the owner picks from, as calendar days (`YYYY-MM-DD`) in
 * the school's own time zone — "this year" must mean the school's year even
 * when the computer's clock sits in another zone. Pure, so the boundaries can be
 * checked without a screen.
 */
export const presets = ['thisYear', 'lastYear', 'last12', 'custom'] as const;
export type Preset = (typeof presets)[number];

export interface Period {
  from: string;
  to: string;
}

/** Today's calendar day where the school is. */
export function schoolToday(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The period a preset stands for on a given day (`custom` answers the current year, a starting point to edit). */
export function periodOf(preset: Preset, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (preset === 'lastYear') return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  if (preset === 'last12') {
    const startMonth = month === 12 ? 1 : month + 1;
    const startYear = month === 12 ? year : year - 1;
    return { from: `${startYear}-${pad(startMonth)}-01`, to: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}` };
  }
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A month key (`YYYY-MM`) as a short label; the year is added when the period spans more than one. */
export function monthLabel(month: string, locale: string, withYear: boolean): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  return new Intl.DateTimeFormat(locale, { month: 'short', year: withYear ? '2-digit' : undefined, timeZone: 'UTC' }).format(date);
}
