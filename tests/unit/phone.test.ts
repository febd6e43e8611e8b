import { describe, expect, it } from 'vitest';
import { formatPhone, looksLikePhone, normalizePhone, phoneSearchPrefixes } from '../../src-shared/phone';

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
