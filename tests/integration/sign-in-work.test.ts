/**
 * Sign-in does the same work whether or not the username exists (issue 14): an
 * unknown, disabled or password-less user is verified against a hash in today's
 * scrypt parameters that no password matches, so the time of the answer tells
 * nothing. The times themselves are measured by `npm run bench` (sign-in lines),
 * never asserted here; this checks the shape that makes them equal.
 */
import { describe, expect, it } from 'vitest';
import { absentPasswordHash, hashPassword, hashToVerify, verifyPassword } from '../../src-main/services/users';
import { openTestWorkspace } from './helpers';

const parameters = (hash: string) => {
  const [scheme, n, r, p, salt, key] = hash.split('$');
  return { scheme, n, r, p, salt: Buffer.from(salt ?? '', 'base64').length, key: Buffer.from(key ?? '', 'base64').length };
};

describe('the hash a sign-in verifies', () => {
  it('is in the same scrypt parameters and sizes as a real password hash, and matches no password', () => {
    expect(parameters(absentPasswordHash)).toEqual(parameters(hashPassword('anna-secret-1')));
    for (const password of ['', 'anna-secret-1', '\u0000'.repeat(32), 'x'.repeat(200)])
      expect(verifyPassword(password, absentPasswordHash)).toBe(false);
  });

  it('is the user’s own only for an active user with a well-formed hash; otherwise the absent one', () => {
    const real = hashPassword('anna-secret-1');
    expect(hashToVerify({ active: 1, hash: real })).toBe(real);
    expect(hashToVerify(undefined)).toBe(absentPasswordHash);
    expect(hashToVerify({ active: 0, hash: real })).toBe(absentPasswordHash);
    expect(hashToVerify({ active: 1, hash: null })).toBe(absentPasswordHash);
    expect(hashToVerify({ active: 1, hash: 'plain-text' })).toBe(absentPasswordHash);
  });

  it('an unknown username and a wrong password get the same refusal', () => {
    const ws = openTestWorkspace();
    ws.call('users.create', { username: 'anna', displayName: 'Anna', role: 'assistant', password: 'anna-secret-1' });
    const unknown = ws.fail('auth.login', { username: 'nobody', password: 'whatever1' });
    const wrong = ws.fail('auth.login', { username: 'anna', password: 'whatever1' });
    expect(unknown).toEqual(wrong);
    expect(wrong.fields?.[0]?.code).toBe('wrong_credentials');
  });
});
