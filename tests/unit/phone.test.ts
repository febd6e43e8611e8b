import { getCountries, getCountryCallingCode, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { formatPhone, looksLikePhone, normalizePhone, phoneSearchPrefixes, type PhoneResult } from '../../src-shared/phone';

/** What the library alone says of a typed number (normalizePhone without its way for plainly written numbers). */
function libraryAnswer(text: string, country: string | null): PhoneResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const input = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  const region = country && /^[A-Za-z]{2}$/.test(country) ? (country.toUpperCase() as CountryCode) : undefined;
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(input, region);
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  if (!parsed) return { ok: false, reason: 'unparseable' };
  if (!parsed.isValid()) return { ok: false, reason: 'invalid' };
  return { ok: true, e164: parsed.number, country: parsed.country ?? null };
}

/** Plainly written numbers of every country, near its real ranges: its example number with digits changed, added or taken off. */
function plainNumbers(count: number): { text: string; country: string | null }[] {
  let seed = 20261206;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const digit = () => String(Math.floor(random() * 10));
  const countries = getCountries();
  const grouped = (digits: string) => {
    let out = '';
    for (const d of digits) out += out !== '' && random() < 0.3 ? `${pick([' ', '-'])}${d}` : d;
    return out;
  };
  const out: { text: string; country: string | null }[] = [];
  for (let i = 0; i < count; i++) {
    const country = pick(countries);
    const example = getExampleNumber(country, examples)?.nationalNumber ?? digit().repeat(8);
    let national = example
      .split('')
      .map((d) => (random() < 0.25 ? digit() : d))
      .join('');
    if (random() < 0.2) national = national.slice(0, -1);
    if (random() < 0.2) national += digit();
    const code = getCountryCallingCode(country);
    const text = pick([
      () => grouped(`0${national}`),
      () => grouped(national),
      () => grouped(`06${national}`),
      () => grouped(`8${national}`),
      () => `+${grouped(code + national)}`,
      () => `+${code} ${grouped(`0${national}`)}`,
      () => grouped(code + national),
      () => grouped(`00${code}${national}`),
      () => `+${grouped(pick(['800', '808', '870', '979', '888', '0', '999']) + national)}`,
      () => grouped(Array.from({ length: 1 + Math.floor(random() * 14) }, digit).join('')),
    ])();
    out.push({ text, country: pick([country, country, pick(countries), null, 'XX', 'hu']) });
  }
  return out;
}

describe('normalizePhone', () => {
  it.each([
    ['HU', '06 30 123 4567', '+36301234567'],
    ['HU', '+36 1 234 5678', '+3612345678'],
    ['HU', '0036 30 123 4567', '+36301234567'],
    ['CN', '138 0013 8000', '+8613800138000'],
    ['CN', '010 6552 9988', '+861065529988'],
    ['FR', '06 12 34 56 78', '+33612345678'],
    ['FR', '01 42 68 53 00', '+33142685300'],
    ['DE', '030 12345678', '+493012345678'],
    ['DE', '0151 23456789', '+4915123456789'],
    ['RU', '8 (912) 345-67-89', '+79123456789'],
    ['RU', '+7 495 123-45-67', '+74951234567'],
    ['GB', '07400 123456', '+447400123456'],
    ['GB', '020 7946 0958', '+442079460958'],
  ])('reads a %s number %s as %s', (country, typed, e164) => {
    expect(normalizePhone(typed, country)).toEqual({ ok: true, e164, country });
  });

  it('reads a number with a country code the same whatever the workspace country', () => {
    expect(normalizePhone('+33 6 12 34 56 78', 'HU')).toMatchObject({ ok: true, e164: '+33612345678', country: 'FR' });
    expect(normalizePhone('+36 30 123 4567', null)).toMatchObject({ ok: true, e164: '+36301234567' });
  });

  it('refuses text, too few digits and ranges no country uses', () => {
    expect(normalizePhone('call me', 'HU')).toEqual({ ok: false, reason: 'unparseable' });
    expect(normalizePhone('123', 'HU')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalizePhone('+36 99 123 4567', 'HU')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalizePhone('   ', 'HU')).toEqual({ ok: false, reason: 'empty' });
  });

  it('needs a country code when the workspace has no country', () => {
    expect(normalizePhone('06 30 123 4567', null).ok).toBe(false);
  });

  it('answers plainly written numbers of every country exactly as the library does', () => {
    const numbers = plainNumbers(20_000);
    const differing = numbers.filter(
      ({ text, country }) => JSON.stringify(normalizePhone(text, country)) !== JSON.stringify(libraryAnswer(text, country)),
    );
    expect(differing).toEqual([]);
    // the generated numbers reach both answers, in many countries
    const valid = numbers.filter(({ text, country }) => normalizePhone(text, country).ok);
    expect(valid.length).toBeGreaterThan(3000);
    expect(numbers.length - valid.length).toBeGreaterThan(3000);
  }, 120_000);

  it('answers Hungarian numbers written as a school sheet writes them exactly as the library does', () => {
    const texts: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const n = String(1_000_000 + ((i * 7919) % 9_000_000));
      const area = ['30', '20', '70', '1', '46', '99', '50', '31', '21'][i % 9] as string;
      texts.push(
        [
          `06 ${area} ${n.slice(0, 3)} ${n.slice(3)}`,
          `+36 ${area} ${n}`,
          `06-${area}-${n}`,
          `36${area}${n}`,
          `${area}${n}`,
          `06${area}${n.slice(1)}`,
        ][i % 6] as string,
      );
    }
    for (const country of ['HU', 'AT', 'DE', null]) {
      expect(
        texts.filter((text) => JSON.stringify(normalizePhone(text, country)) !== JSON.stringify(libraryAnswer(text, country))),
      ).toEqual([]);
    }
  }, 120_000);
});

describe('formatPhone', () => {
  it('shows home numbers in the national form and others internationally', () => {
    expect(formatPhone('+36301234567', 'HU')).toBe('06 30 123 4567');
    expect(formatPhone('+36301234567', 'FR')).toBe('+36 30 123 4567');
    expect(formatPhone('+79123456789', 'RU')).toBe('8 (912) 345-67-89');
    expect(formatPhone(null, 'HU')).toBe('');
  });
});

describe('phone search helpers', () => {
  it('tells numbers from names', () => {
    expect(looksLikePhone('06 30 123')).toBe(true);
    expect(looksLikePhone('+36-30')).toBe(true);
    expect(looksLikePhone('Anna')).toBe(false);
    expect(looksLikePhone('12')).toBe(false);
  });

  it('turns a partly typed national number into its E.164 digit prefix', () => {
    expect(phoneSearchPrefixes('06 30 123', 'HU')).toContain('3630123');
    expect(phoneSearchPrefixes('+36 30 1', 'HU')).toContain('36301');
  });
});
