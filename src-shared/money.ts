/**
 * Money is an integer count of minor units (fillér, fen, cent) in the workspace
 * currency. Floating point never touches an amount: 0.1 + 0.2 style drift in a
 * school's balances is exactly the kind of error a spreadsheet makes and we must not.
 */

/**
 * ISO 4217 minor-unit exponents that are not 2. Our own table, not the platform's
 * Intl data: Intl's digits are a display preference that differs between runtimes
 * (newer data shows HUF with 0 decimals, ISO 4217 says 2), and a stored amount must
 * mean the same thing in every Node and Electron build that ever opens the file.
 */
const exponents: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Minor-unit exponent of a currency per ISO 4217 (HUF 2, JPY 0, KWD 3). */
export function currencyExponent(currency: string): number {
  return exponents[currency.toUpperCase()] ?? 2;
}

/** Decimals people expect to see (Intl: HUF shows none), never more than the currency has. */
function displayDigits(currency: string, exponent: number): number {
  const shown = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? exponent;
  return Math.min(shown, exponent);
}

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  const major = amountMinor / 10 ** exponent;
  const usual = displayDigits(currency, exponent);
  const needed = Number.isInteger(major * 10 ** usual) ? usual : exponent;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: Number.isInteger(major) ? 0 : needed,
    maximumFractionDigits: needed,
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
