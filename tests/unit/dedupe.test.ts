/**
 * The blocking keys of the duplicates finder: a name typed again with its words
 * swapped, its accents left out, in capitals or with a letter doubled gives the
 * same key; different names do not; Chinese names key by their characters with or
 * without a space. E-mails compare case-blind; a plausible address is told from a typo.
 */
import { describe, expect, it } from 'vitest';
import { emailKey, foldText, givenNameKey, isPlausibleEmail, nameKey } from '../../src-shared/dedupe';

describe('nameKey', () => {
  it('gives one key to "Kiss Anna", "Anna Kiss", "Kis Ana" and "KISS ÁNNA"', () => {
    const keys = new Set([
      nameKey('Anna', 'Kiss', null),
      nameKey(null, null, 'Anna Kiss'),
      nameKey('Ana', 'Kis', null),
      nameKey('ÁNNA', 'KISS', null),
      nameKey('Kiss', 'Anna', null),
    ]);
    expect(keys.size).toBe(1);
  });

  it('keeps different people apart', () => {
    expect(nameKey('Anna', 'Kiss', null)).not.toBe(nameKey('Anna', 'Nagy', null));
    expect(nameKey('Anna', 'Kiss', null)).not.toBe(nameKey('Annamária', 'Kiss', null));
  });

  it('keys Chinese names by their characters, with or without a space', () => {
    expect(nameKey('小明', '王', null)).toBe(nameKey(null, null, '王小明'));
    expect(nameKey(null, null, '王 小明')).toBe(nameKey(null, null, '王小明'));
    expect(nameKey(null, null, '王小红')).not.toBe(nameKey(null, null, '王小明'));
  });

  it('has no key for no name, and folds letters that do not decompose', () => {
    expect(nameKey(null, ' ', '')).toBeNull();
    expect(foldText('Łukasz Øster-Straße')).toBe('lukasz oster strasse');
    expect(givenNameKey('Dóra', null)).toBe(givenNameKey('DORRA', null));
  });
});

describe('e-mail keys', () => {
  it('compares addresses case-blind and tells a plausible address from a typo', () => {
    expect(emailKey(' Anna@Example.HU ')).toBe('anna@example.hu');
    expect(emailKey('')).toBeNull();
    expect(isPlausibleEmail('anna@example.hu')).toBe(true);
    expect(isPlausibleEmail('anna@example')).toBe(false);
    expect(isPlausibleEmail('anna example.hu')).toBe(false);
  });
});
