/**
 * Message templates as text: merge fields filled, unknown ones found, dates and
 * schedules written in the template's language, and every default template
 * using only fields that exist, in all three languages.
 */
import { describe, expect, it } from 'vitest';
import { templateLanguages } from '../../src-shared/api/today-methods';
import {
  defaultTemplates,
  fillTemplate,
  formatDay,
  formatSchedule,
  languageOfLocale,
  unknownFields,
} from '../../src-main/services/messages';

describe('merge fields', () => {
  it('fills known fields, leaves unknown braces alone and empties fields without a value', () => {
    expect(fillTemplate('Kedves {firstName}, {amountDue} – {nope} {cohort}.', { firstName: 'Anna', amountDue: '40 000 Ft' })).toBe(
      'Kedves Anna, 40 000 Ft – {nope} .',
    );
  });

  it('finds unknown fields once each', () => {
    expect(unknownFields('{firstName} {frstName} {frstName} {schoolName} {Amount}')).toEqual(['frstName', 'Amount']);
    expect(unknownFields('no fields, {} and { spaced }')).toEqual([]);
  });

  it('every default template, in every language, uses only known fields and has a subject', () => {
    for (const template of defaultTemplates) {
      for (const language of templateLanguages) {
        expect(unknownFields(template.bodies[language])).toEqual([]);
        expect(unknownFields(template.subjects[language])).toEqual([]);
        expect(template.names[language].length).toBeGreaterThan(0);
      }
    }
  });
});

describe('formatting in the template language', () => {
  it('writes calendar days without shifting them through a time zone', () => {
    expect(formatDay('2028-02-29', 'hu')).toBe('2028. február 29.');
    expect(formatDay('2028-02-29', 'zh-CN')).toBe('2028年2月29日');
    expect(formatDay('2026-12-31', 'en')).toBe('31 December 2026');
  });

  it('writes schedules with weekday names', () => {
    const slots = [
      { weekday: 1, startTime: '09:00', minutes: 60 },
      { weekday: 7, startTime: '10:30', minutes: 90 },
    ];
    expect(formatSchedule(slots, 'hu')).toBe('hétfő 09:00, vasárnap 10:30');
    expect(formatSchedule(slots, 'zh-CN')).toBe('星期一 09:00，星期日 10:30');
  });

  it('picks the template language closest to a workspace locale', () => {
    expect(['hu-HU', 'zh-Hans-CN', 'zh-TW', 'fr-FR', 'en-US'].map(languageOfLocale)).toEqual(['hu', 'zh-CN', 'zh-CN', 'en', 'en']);
  });
});
