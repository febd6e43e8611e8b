/**
 * The sync passphrase rule the API enforces and the strength the renderer shows:
 * 12 characters or four words, not a repeated character, and a strength that
 * grows with the guesses it would take.
 */
import { describe, expect, it } from 'vitest';
import { checkPassphraseStrength, judgePassphrase } from '../../src-shared/passphrase';

describe('sync passphrase rule', () => {
  it('asks for 12 characters or four words', () => {
    expect(judgePassphrase('')).toMatchObject({ acceptable: false, problem: 'too_short', strength: 0 });
    expect(judgePassphrase('short one')).toMatchObject({ acceptable: false, problem: 'too_short' });
    expect(judgePassphrase('elevenchars')).toMatchObject({ acceptable: false, problem: 'too_short' });
    expect(judgePassphrase('twelve chars')).toMatchObject({ acceptable: true, problem: null });
    // Four words pass even when shorter than 12 characters.
    expect(judgePassphrase('ab cd ef gh')).toMatchObject({ acceptable: true });
    expect(judgePassphrase('kék ég alma fa')).toMatchObject({ acceptable: true });
  });

  it('refuses a passphrase made of one or two repeated characters', () => {
    expect(judgePassphrase('aaaaaaaaaaaaaaaa')).toMatchObject({ acceptable: false, problem: 'repetitive' });
    expect(judgePassphrase('abababababababab')).toMatchObject({ acceptable: false, problem: 'repetitive' });
  });

  it('rates longer and more varied passphrases stronger', () => {
    const weak = judgePassphrase('twelve chars');
    const words = judgePassphrase('correct horse battery staple');
    const long = judgePassphrase('Tanoda-sync: 7 fekete macska ül a kerítésen!');
    expect(weak.strength).toBeLessThan(words.strength);
    expect(words.strength).toBeGreaterThanOrEqual(3);
    expect(long.strength).toBe(4);
    expect(long.bits).toBeGreaterThan(words.bits);
  });

  it('throws a validation error on the field for a passphrase that does not hold up', () => {
    expect(() => checkPassphraseStrength('too short', ['passphrase'])).toThrow(/at least 12 characters or 4 words/);
    expect(() => checkPassphraseStrength('correct horse battery staple', ['passphrase'])).not.toThrow();
  });
});
