/**
 * Money is an integer count of minor units (fillér, fen, cent) in the workspace
 * currency. Floating point never touches an amount: 0.1 + 0.2 style drift in a
 * school's balances is exactly the kind of error a spreadsheet makes and we must not.
 */

/** Minor-unit exponent of a currency as the platform's Intl data says (HUF 2, JPY 0, ...). */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  const major = amountMinor / 10 ** exponent;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: Number.isInteger(major) ? 0 : exponent,
    maximumFractionDigits: exponent,
  }).format(major);
}

/** Whole major units to minor units: `toMinor(12500, 'HUF')` = 1 250 000. */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyExponent(currency));
}

/**
 * Split `totalMinor` into `count` parts that sum exactly to the total. The remainder
 * goes to the first parts, whole-unit rounding is preferred when `unitMinor` is given
 * (so 100 000 Ft in 3 becomes 33 400 + 33 300 + 33 300, not fractions of a forint).
 */
export function splitEvenly(totalMinor: number, count: number, unitMinor = 1): number[] {
  if (!Number.isInteger(totalMinor) || !Number.isInteger(count) || count < 1) {
    throw new RangeError('splitEvenly needs an integer total and a positive integer count');
  }
  const unit = Math.max(1, Math.floor(unitMinor));
  const base = Math.floor(totalMinor / count / unit) * unit;
  const parts = Array.from({ length: count }, () => base);
  let rest = totalMinor - base * count;
  for (let i = 0; rest > 0; i = (i + 1) % count) {
    const add = Math.min(unit, rest);
    parts[i] = (parts[i] as number) + add;
    rest -= add;
  }
  return parts;
}
