/**
 * The wizard's first guesses and the formats it shows: a Hungarian machine opens
 * on Hungary, forints, hu-HU and Budapest; choosing another country brings its
 * currency and time zone while keeping the interface language; the samples are
 * written the way the app writes dates, money and phone numbers.
 */
import { describe, expect, it } from 'vitest';
import { countryOptions, localeFor, machinePlace, placeFor, samplesOf, timeZonesOf } from '../../src-renderer/features/onboarding/place';

describe('the place of a new school', () => {
  it('starts from the machine', () => {
    expect(machinePlace({ locale: 'hu-HU', timeZone: 'Europe/Budapest' })).toEqual({
      country: 'HU',
      currency: 'HUF',
      locale: 'hu-HU',
      timeZone: 'Europe/Budapest',
    });
    expect(machinePlace({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toMatchObject({ country: 'CN', currency: 'CNY', locale: 'zh-CN' });
    expect(machinePlace({ locale: 'en-US', timeZone: 'America/Chicago' })).toMatchObject({
      country: 'US',
      locale: 'en-US',
      timeZone: 'America/Chicago',
    });
    expect(machinePlace({ locale: 'de-AT', timeZone: 'Europe/Vienna' })).toMatchObject({ country: 'AT', currency: 'EUR', locale: 'de-AT' });
  });

  it('follows a chosen country and keeps the interface language', () => {
    const machine = { locale: 'hu-HU', timeZone: 'Europe/Budapest' };
    expect(placeFor('GB', 'en', machine)).toEqual({ country: 'GB', currency: 'GBP', locale: 'en-GB', timeZone: 'Europe/London' });
    expect(placeFor('AT', 'hu', machine)).toMatchObject({ currency: 'EUR', locale: 'hu-HU', timeZone: 'Europe/Vienna' });
    expect(timeZonesOf('CN')).toContain('Asia/Shanghai');
    expect(localeFor('zh', 'TW')).toBe('zh-TW');
    expect(localeFor('en', 'HU')).toBe('en-GB');
  });

  it('names countries in the interface language', () => {
    expect(countryOptions('hu-HU').find((c) => c.value === 'HU')?.label).toBe('Magyarország');
    expect(countryOptions('zh-CN').find((c) => c.value === 'CN')?.label).toBe('中国');
  });

  it('shows a date, an amount and a phone number as the app will write them', () => {
    const now = new Date('2026-03-10T16:30:00Z');
    const hu = samplesOf({ country: 'HU', currency: 'HUF', locale: 'hu-HU', timeZone: 'Europe/Budapest' }, now);
    expect(hu.date).toContain('2026. március 10.');
    expect(hu.date).toContain('17:30');
    // Whether forints show fillér depends on the runtime's CLDR data; the grouping and the sign do not.
    expect(hu.money.replace(/\s/g, ' ')).toMatch(/^12 34(6|5,67) Ft$/);
    expect(hu.phone).toMatch(/^06 /);
    const cn = samplesOf({ country: 'CN', currency: 'CNY', locale: 'zh-CN', timeZone: 'Asia/Shanghai' }, now);
    expect(cn.date).toContain('2026年3月11日');
    expect(cn.money).toBe('¥12,345.67');
  });
});
