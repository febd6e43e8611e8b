/**
 * Text typed into a cell, turned into the value the API expects. People type
 * amounts the way their locale writes them ("12 000,50", "12,000.50", "12000"),
 * and the grid must not guess wrong by a factor of a thousand: a separator
 * followed by exactly three digits and nothing else is read as grouping only when
 * the other separator does not also appear as the decimal mark. Text that is not a
 * number is passed on unchanged so the API's own validation names the problem.
 */

/** Reads a number written with spaces, dots or commas as separators; null for an empty text, NaN when unreadable. */
export function parseNumberText(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (compact === '') return null;
  if (!/^[-+]?[\d.,]+$/.test(compact)) return Number.NaN;
  const lastComma = compact.lastIndexOf(',');
  const lastDot = compact.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    normalized = compact.split(group).join('').replace(decimal, '.');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const parts = compact.split(sep);
    const groupsOfThree = parts.length > 2 || (parts.length === 2 && (parts[1] as string).length === 3 && sep === ',');
    normalized =
      groupsOfThree && parts.slice(1).every((p) => p.length === 3)
        ? parts.join('')
        : parts.length === 2
          ? parts.join('.')
          : Number.NaN.toString();
  } else normalized = compact;
  const value = Number(normalized);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Major-unit text -> integer minor units (`12 000,5` HUF with exponent 2 -> 1200050); the text itself when unreadable. */
export function parseMoneyText(text: string, exponent: number): number | string | null {
  const value = parseNumberText(text);
  if (value === null) return null;
  if (Number.isNaN(value)) return text;
  return Math.round(value * 10 ** exponent);
}

/** Minor units -> the plain major-unit text an editor starts with (no grouping, dot decimal). */
export function minorToEditText(minor: number | null | undefined, exponent: number): string {
  if (minor === null || minor === undefined) return '';
  return exponent === 0 ? String(minor) : (minor / 10 ** exponent).toFixed(exponent).replace(/\.?0+$/, '');
}

/** A day typed as 2026-09-01, 2026.09.01., 01/09/2026 (day first) -> ISO; the text itself when unreadable. */
export function parseDateText(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  let m = /^(\d{4})[-./]\s?(\d{1,2})[-./]\s?(\d{1,2})\.?$/.exec(trimmed);
  if (m) return `${m[1]}-${(m[2] as string).padStart(2, '0')}-${(m[3] as string).padStart(2, '0')}`;
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(trimmed);
  if (m) return `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
  return trimmed;
}
