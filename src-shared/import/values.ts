/**
 * Reading one cell the way the person who typed it meant it. Spreadsheets from
 * Hungarian, French, German, Russian, Chinese and English Windows write the same
 * number and the same day in different ways (1 234,50 Ft; 1.234,50 €; ¥1,234.50;
 * 2024.03.04.; 04/03/2024; 2024/9/8; an Excel serial 45355), and a wrong guess is
 * worse than no guess: 04/03 read the wrong way round is a plausible, silently
 * wrong date. So each parser returns either a value or `null` (the caller reports
 * the cell), and ambiguous day orders are settled by the column's evidence first
 * (a value above 12) and only then by the file's locale.
 */
import { isIsoDate } from '../dates';
import { familyNameFirst, languageOf } from '../names';
import type { SheetLanguage } from './vocabulary';
import { perCharacter } from './per-character';

/** Languages that write the decimal separator as a comma. */
const decimalCommaLanguages = new Set([
  'hu',
  'fr',
  'de',
  'ru',
  'pl',
  'cs',
  'sk',
  'ro',
  'it',
  'es',
  'pt',
  'nl',
  'da',
  'sv',
  'nb',
  'fi',
  'tr',
  'uk',
  'hr',
  'sl',
  'bg',
  'el',
]);

export function usesDecimalComma(locale: string): boolean {
  return decimalCommaLanguages.has(languageOf(locale));
}

const currencyMark =
  '(?:HUF|Ft\\.?|EUR|€|USD|US\\$|\\$|GBP|£|CNY|RMB|¥|￥|元|JPY|円|PLN|zł|RUB|руб\\.?|р\\.|₽|CHF|Fr\\.|SFr\\.|CZK|Kč|SEK|NOK|DKK|kr\\.?|RON|lei|UAH|грн\\.?|₴|forint)';
const leadingCurrency = new RegExp(`^${currencyMark}\\s*`, 'iu');
const trailingCurrency = new RegExp(`\\s*${currencyMark}$`, 'iu');
const groupSpaces = /[\s\u00a0\u202f\u2009\u2007']/gu;

/**
 * A decimal number as written in a sheet: decimal comma or point by locale,
 * thousands grouped by space, no-break space, narrow no-break space, apostrophe,
 * point or comma, currency signs or codes before or after, a minus or brackets.
 */
export function parseDecimal(text: string, locale: string): number | null {
  let s = text.trim().replace(leadingCurrency, '').replace(trailingCurrency, '').trim();
  if (s === '') return null;
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/[\u2212\u2013]/g, '-');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  s = s.replace(groupSpaces, '');
  if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastPoint = s.lastIndexOf('.');
  let normalised: string;
  if (lastComma >= 0 && lastPoint >= 0) {
    const decimal = lastComma > lastPoint ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [whole = '', fraction = ''] = s.split(decimal);
    if (s.split(decimal).length > 2 || !groupedCorrectly(whole, group)) return null;
    normalised = `${whole.split(group).join('')}.${fraction}`;
  } else if (lastComma >= 0 || lastPoint >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const parts = s.split(mark);
    const localeDecimal = usesDecimalComma(locale) ? ',' : '.';
    const looksGrouped = parts.length > 2 || (parts.length === 2 && (parts[1] as string).length === 3 && mark !== localeDecimal);
    if (looksGrouped) {
      if (!groupedCorrectly(s, mark)) return null;
      normalised = parts.join('');
    } else {
      if (parts.length !== 2) return null;
      normalised = `${parts[0] === '' ? '0' : parts[0]}.${parts[1]}`;
    }
  } else {
    normalised = s;
  }
  const value = Number(normalised);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

function groupedCorrectly(whole: string, group: string): boolean {
  if (!whole.includes(group)) return /^\d+$/.test(whole);
  const parts = whole.split(group);
  return /^\d{1,3}$/.test(parts[0] as string) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** Money in minor units of a currency with `exponent` decimals; null when unreadable or too precise. */
export function parseMoneyMinor(value: string | number, locale: string, exponent: number): number | null {
  const major = typeof value === 'number' ? value : parseDecimal(value, locale);
  if (major === null || !Number.isFinite(major)) return null;
  const minor = Math.round(major * 10 ** exponent);
  if (Math.abs(minor - major * 10 ** exponent) > 1e-6 * Math.max(1, Math.abs(minor))) return null;
  if (Math.abs(minor) > 1e13) return null;
  return minor;
}

// ---- dates -----------------------------------------------------------------------------

export type DayOrder = 'dmy' | 'mdy' | 'ymd';

const pad = (n: number) => String(n).padStart(2, '0');

function iso(year: number, month: number, day: number): string | null {
  const text = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return isIsoDate(text) ? text : null;
}

function fullYear(year: string): number {
  const n = Number(year);
  if (year.length > 2) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/** Excel's day count (1900 system, with its phantom 29 February 1900) or the 1904 system, to a calendar date. */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const epoch = Date.UTC(1899, 11, 30);
  const adjusted = !date1904 && days < 61 ? days + 1 : days;
  const d = new Date(epoch + adjusted * 86_400_000);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Default order of a day written as a/b/c when nothing in the column settles it. */
export function localeDayOrder(locale: string): DayOrder {
  const tag = locale.toLowerCase();
  if (/^en-(us|ph|ca)$/.test(tag) || tag === 'en') return tag === 'en' ? 'dmy' : 'mdy';
  const lang = languageOf(tag);
  if (lang === 'hu' || lang === 'zh' || lang === 'ja' || lang === 'ko' || lang === 'lt' || lang === 'sv') return 'ymd';
  return 'dmy';
}

const ymdPattern = /^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*[.日]?\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/u;
const shortPattern = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})\.?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/u;
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * For a column of dates: which order its a/b/c values use. A first number above 12
 * means day first, a second above 12 month first; with no such evidence, null.
 */
export function dayOrderEvidence(values: readonly string[]): DayOrder | null {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const value of values) {
    const m = shortPattern.exec(value.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dayFirst++;
    else if (b > 12 && a <= 12) monthFirst++;
  }
  if (dayFirst > 0 && monthFirst === 0) return 'dmy';
  if (monthFirst > 0 && dayFirst === 0) return 'mdy';
  return null;
}

/**
 * A calendar day from what a cell held: an ISO date, 2024.03.04., 2024/9/8,
 * 2024年3月4日, 04/03/2024 or 4.3.24 in `order`, or an Excel serial number (only
 * when `serials` is allowed: in a date column a bare 45355 is a day, elsewhere a number).
 */
export function parseDateText(text: string, order: DayOrder, serials = true): string | null {
  const s = text.trim();
  if (s === '') return null;
  const ymd = ymdPattern.exec(s);
  if (ymd) return iso(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const isoTime = isoDateTime.exec(s);
  if (isoTime) return iso(Number(isoTime[1]), Number(isoTime[2]), Number(isoTime[3]));
  const short = shortPattern.exec(s);
  if (short) {
    const a = Number(short[1]);
    const b = Number(short[2]);
    const year = fullYear(short[3] as string);
    if (order === 'mdy') return iso(year, a, b);
    return iso(year, b, a);
  }
  if (serials && /^\d{4,5}(?:[.,]\d+)?$/.test(s)) {
    const serial = Number(s.replace(',', '.'));
    if (serial >= 10_000 && serial <= 80_000) return excelSerialToIso(serial);
  }
  return null;
}

// ---- people ------------------------------------------------------------------------------

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/** Trimmed and lower-cased; an address in angle brackets or after "mailto:" is taken out. */
export function normaliseEmail(text: string): string | null {
  let s = text.trim();
  const bracketed = /<([^>]+)>/.exec(s);
  if (bracketed) s = bracketed[1] as string;
  s = s
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  if (s.length > 254 || !emailPattern.test(s)) return null;
  return s;
}

const compoundSurnames = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '令狐',
  '慕容',
  '司徒',
  '尉迟',
  '公孙',
  '长孙',
  '宇文',
  '轩辕',
  '夏侯',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '澹台',
  '歐陽',
  '諸葛',
  '東方',
]);

export interface SplitName {
  displayName: string;
  firstName: string | null;
  lastName: string | null;
}

/**
 * Splits a name written in one cell. Hungarian, Chinese and Russian sheets put the
 * family name first ("Kovács Anna", "王小明", "Иванов Иван Иванович"); English,
 * French and German ones last. "Family, Given" is read as such in any language.
 * A Chinese name without spaces takes its first character (or a known two-character
 * surname) as the family name. The display name is kept exactly as written.
 */
export function splitFullName(text: string, locale: string): SplitName | null {
  const displayName = text.replace(/\s+/gu, ' ').trim();
  if (displayName === '') return null;
  const comma = /^([^,]+),\s*(.+)$/u.exec(displayName);
  if (comma) return { displayName, lastName: (comma[1] as string).trim(), firstName: (comma[2] as string).trim() };
  if (/^\p{Script=Han}{2,4}$/u.test(displayName)) {
    const two = displayName.slice(0, 2);
    const surnameLength = compoundSurnames.has(two) && displayName.length > 2 ? 2 : 1;
    return { displayName, lastName: displayName.slice(0, surnameLength), firstName: displayName.slice(surnameLength) };
  }
  const words = displayName.split(' ');
  if (words.length === 1) return { displayName, firstName: displayName, lastName: null };
  const script = /\p{Script=Cyrillic}/u.test(displayName) ? 'ru' : /\p{Script=Han}/u.test(displayName) ? 'zh' : locale;
  if (familyNameFirst(script)) return { displayName, lastName: words[0] as string, firstName: words.slice(1).join(' ') };
  return { displayName, firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] as string };
}

/** The key two spellings of one person's name share: no case, accents, punctuation or word order. */
export function nameKey(text: string): string {
  const spaced = spacedByChar(text) ?? spacedWhole(text);
  return spaced
    .split(' ')
    .filter((w) => w !== '')
    .sort()
    .join(' ');
}

/** The text decomposed, without marks, in lower case, with a space for every other character that is no letter or digit. */
function spacedWhole(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, ' ');
}

/** The same a character at a time (per-character.ts says why that gives the same text); null: take the whole-text way. */
const spacedByChar = perCharacter(spacedWhole);

const weekWords = /(hét|het|hete|week|weeks|semaine|semaines|woche|wochen|недел|周|星期|礼拜)/iu;
const dayWords = /(nap|napp|day|days|jour|jours|tag|tage|день|дня|дней|天|日)/iu;
const yesWords = new Set(['igen', 'yes', 'oui', 'ja', 'да', '是', '要', 'x', '✓', '✔', 'true']);

/** "Notify me a week before": a number of days from 7, "1 hét", "2 weeks", "10 nap", "igen" (a week). */
export function parseNotifyDays(text: string, locale: string): number | null {
  const s = text.trim().toLowerCase();
  if (s === '') return null;
  if (yesWords.has(s)) return 7;
  const number = /(\d+(?:[.,]\d+)?)/.exec(s);
  const count = number
    ? parseDecimal(number[1] as string, locale)
    : /^(egy|a|one|une|un|eine|ein|одна|一)\b/u.test(s) || weekWords.test(s)
      ? 1
      : null;
  if (count === null) return null;
  const days = weekWords.test(s) ? count * 7 : dayWords.test(s) || /^\d+$/.test(s) ? count : null;
  if (days === null || !Number.isInteger(days) || days < 0 || days > 365) return null;
  return days;
}

/** A whole count ("3", "3x", "3 részlet", "3期"). */
export function parseCount(text: string): number | null {
  const m =
    /^\s*(\d{1,3})(?:\s*(?:x|×|db|részlet|részletben|期|rate|raten|échéances?|fois|платеж\w*|раз\w*|instal\w*|install\w*))?\s*$/iu.exec(
      text,
    );
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 60 ? n : null;
}

export type { SheetLanguage };
