import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, splitEvenly, toMinor } from '../../src-shared/money';

describe('currencyExponent', () => {
  // HUF is left out on purpose: ISO 4217 gives it 2 decimals but recent ICU data gives 0,
  // so its exponent depends on the runtime's Intl build.
  it('follows the platform currency data', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });
});

describe('toMinor', () => {
  it('turns major units into whole minor units without float drift', () => {
    expect(toMinor(12500, 'EUR')).toBe(1_250_000);
    expect(toMinor(0.1 + 0.2, 'EUR')).toBe(30);
    expect(toMinor(19.99, 'EUR')).toBe(1999);
    expect(toMinor(1500, 'JPY')).toBe(1500);
  });
});

describe('formatMoney', () => {
  it('drops zero fractions and keeps real ones', () => {
    expect(formatMoney(1_250_000, 'EUR', 'de-DE').replace(/\s/g, ' ')).toBe('12.500 €');
    expect(formatMoney(1999, 'EUR', 'en-GB')).toBe('€19.99');
    expect(formatMoney(-500, 'EUR', 'en-GB')).toBe('-€5');
  });
});

describe('splitEvenly', () => {
  const sum = (parts: number[]) => parts.reduce((s, p) => s + p, 0);

  it('splits in whole major units when asked, the remainder going first', () => {
    expect(splitEvenly(10_000_000, 3, 100)).toEqual([3_333_400, 3_333_300, 3_333_300]);
  });

  it('splits to the minor unit without a unit', () => {
    expect(splitEvenly(100, 3)).toEqual([34, 33, 33]);
    expect(splitEvenly(7, 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(splitEvenly(2, 3)).toEqual([1, 1, 0]);
  });

  it('always sums exactly to the total', () => {
    for (const [total, count, unit] of [
      [100_050, 3, 100],
      [1, 12, 100],
      [999_999, 7, 100],
      [123_456_789, 60, 1],
      [0, 4, 100],
    ] as const) {
      const parts = splitEvenly(total, count, unit);
      expect(parts).toHaveLength(count);
      expect(sum(parts)).toBe(total);
      expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
    }
  });

  it('refuses a fractional total or a count below one', () => {
    expect(() => splitEvenly(10.5, 2)).toThrow(RangeError);
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
  });
});

describe('currencies whose display and ISO exponent differ', () => {
  it('stores forints in fillér (ISO 4217) but shows whole forints', () => {
    expect(currencyExponent('HUF')).toBe(2);
    expect(toMinor(120_000, 'HUF')).toBe(12_000_000);
    expect(formatMoney(12_000_000, 'HUF', 'hu-HU').replace(/\s/g, ' ')).toBe('120 000 Ft');
  });

  it('still shows a fraction that is really there', () => {
    expect(formatMoney(12_000_050, 'HUF', 'hu-HU').replace(/\s/g, ' ')).toBe('120 000,50 Ft');
  });

  it('formats yuan and euros by locale', () => {
    expect(formatMoney(1_250_000, 'CNY', 'zh-CN')).toBe('¥12,500');
    expect(formatMoney(1_999, 'EUR', 'fr-FR').replace(/\s/g, ' ')).toBe('19,99 €');
  });
});
