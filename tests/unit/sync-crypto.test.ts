/**
 * The sealed-file format on its own: what opens, and every way a file that was
 * forged, altered, moved or truncated refuses to open.
 */
import { describe, expect, it } from 'vitest';
import {
  checkKdfParams,
  EnvelopeError,
  KDF_COST,
  KdfParamsError,
  newDeviceKeys,
  newKdfParams,
  passphraseKey,
  newWorkspaceKey,
  open,
  openSelfSigned,
  safetyCode,
  seal,
  unwrapWorkspaceKey,
  wrapWorkspaceKey,
} from '../../src-main/sync/crypto';

const key = newWorkspaceKey();
const device = newDeviceKeys();
/** The explicit small cost tests pass; production always uses KDF_COST. */
const TEST_COST = { memoryKiB: 8192, passes: 1 };
const header = { kind: 'changes' as const, workspace: 'ws-1', device: 'dev-1', seq: 7 };
const expectHeader = { kind: 'changes' as const, workspace: 'ws-1', device: 'dev-1', seq: 7 };
const payload = Buffer.from('{"entries":[["Kovács Anna"]]}');

function reason(fn: () => unknown): string {
  try {
    fn();
    return 'opened';
  } catch (error) {
    return error instanceof EnvelopeError ? error.reason : String(error);
  }
}

describe('sealed sync files', () => {
  it('round-trips and hides the content', () => {
    const file = seal(header, payload, key, device);
    expect(open(file, expectHeader, key, device.publicKey)).toEqual(payload);
    expect(file.toString('latin1').includes('Kovács')).toBe(false);
    // A fresh nonce per file: the same content never seals to the same bytes.
    expect(seal(header, payload, key, device).equals(file)).toBe(false);
  });

  it('refuses a forged signature, a tampered ciphertext, a moved header and a truncated file', () => {
    const file = seal(header, payload, key, device);
    const mallory = newDeviceKeys();
    expect(reason(() => open(seal(header, payload, key, mallory), expectHeader, key, device.publicKey))).toBe('signature');
    const flipped = Buffer.from(file);
    flipped[flipped.length - 70] = (flipped[flipped.length - 70] as number) ^ 0x01;
    expect(reason(() => open(flipped, expectHeader, key, device.publicKey))).toBe('signature');
    expect(reason(() => open(file, { ...expectHeader, workspace: 'ws-2' }, key, device.publicKey))).toBe('header');
    expect(reason(() => open(file, { ...expectHeader, seq: 8 }, key, device.publicKey))).toBe('header');
    expect(reason(() => open(file, { ...expectHeader, device: 'dev-2' }, key, device.publicKey))).toBe('header');
    expect(reason(() => open(file.subarray(0, file.length - 10), expectHeader, key, device.publicKey))).toBe('signature');
    expect(reason(() => open(file.subarray(0, 20), expectHeader, key, device.publicKey))).toBe('damaged');
    expect(reason(() => open(Buffer.alloc(0), expectHeader, key, device.publicKey))).toBe('damaged');
    // A correctly signed file made with another workspace key does not decrypt.
    expect(reason(() => open(seal(header, payload, newWorkspaceKey(), device), expectHeader, key, device.publicKey))).toBe('decrypt');
  });

  it('takes the signer key from the content only for self-signed requests', () => {
    const request = Buffer.from(JSON.stringify({ publicKey: device.publicKey }));
    const file = seal({ ...header, kind: 'request', seq: 0 }, request, key, device);
    const keyOf = (plain: Buffer) => (JSON.parse(plain.toString()) as { publicKey: string }).publicKey;
    expect(openSelfSigned(file, { kind: 'request', workspace: 'ws-1', device: 'dev-1' }, key, keyOf)).toEqual(request);
    const claimed = seal({ ...header, kind: 'request', seq: 0 }, request, key, newDeviceKeys());
    expect(reason(() => openSelfSigned(claimed, { kind: 'request', workspace: 'ws-1', device: 'dev-1' }, key, keyOf))).toBe('signature');
  });

  it('wraps the workspace key under the passphrase, bound to the workspace id', () => {
    const kdf = newKdfParams(TEST_COST);
    const wrapped = wrapWorkspaceKey(key, 'correct horse battery', kdf, 'ws-1');
    expect(unwrapWorkspaceKey(wrapped, 'correct horse battery', kdf, 'ws-1')).toEqual(key);
    expect(unwrapWorkspaceKey(wrapped, 'wrong horse battery', kdf, 'ws-1')).toBeNull();
    expect(unwrapWorkspaceKey(wrapped, 'correct horse battery', kdf, 'ws-2')).toBeNull();
    expect(JSON.stringify(wrapped).includes(key.toString('base64'))).toBe(false);
  });

  it('derives a stable short safety code from a public key', () => {
    expect(safetyCode(device.publicKey)).toMatch(/^\d{3}-\d{3}-\d{3}$/);
    expect(safetyCode(device.publicKey)).toBe(safetyCode(device.publicKey));
    expect(safetyCode(newDeviceKeys().publicKey)).not.toBe(safetyCode(device.publicKey));
  });

  it('derives with Argon2id at the cost of about a second a guess (timed in npm run bench)', () => {
    const kdf = newKdfParams();
    expect(kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: KDF_COST.memoryKiB, passes: KDF_COST.passes, parallelism: 1 });
    expect(KDF_COST.memoryKiB).toBeGreaterThanOrEqual(256 * 1024);
    expect(KDF_COST.passes).toBeGreaterThanOrEqual(6);
    const derived = passphraseKey('correct horse battery staple', kdf);
    expect(derived).toHaveLength(32);
    expect(passphraseKey('correct horse battery staple', kdf).equals(derived)).toBe(true);
    expect(passphraseKey('correct horse battery stapler', kdf).equals(derived)).toBe(false);
  }, 60_000);

  it('still opens a key wrapped with the scrypt parameters older folders recorded', () => {
    const legacy = { salt: Buffer.alloc(16, 7).toString('base64'), N: 1 << 15, r: 8, p: 1 };
    const wrapped = wrapWorkspaceKey(key, 'an older passphrase', legacy, 'ws-1');
    expect(unwrapWorkspaceKey(wrapped, 'an older passphrase', legacy, 'ws-1')).toEqual(key);
  });

  it('refuses key-derivation parameters from the folder outside sane limits, before deriving', () => {
    const salt = Buffer.alloc(16, 1).toString('base64');
    const argon = { algorithm: 'argon2id', salt, memoryKiB: 65_536, passes: 3, parallelism: 1 };
    expect(checkKdfParams(argon)).toEqual(argon);
    for (const bad of [
      { ...argon, memoryKiB: 4 * 1024 * 1024 },
      { ...argon, memoryKiB: 64 },
      { ...argon, passes: 0 },
      { ...argon, passes: 1000 },
      { ...argon, parallelism: 64 },
      { ...argon, salt: Buffer.alloc(4).toString('base64') },
      { ...argon, algorithm: 'md5' },
      { salt, N: 3 << 14, r: 8, p: 1 },
      { salt, N: 1 << 22, r: 8, p: 1 },
      { salt, N: 1 << 10, r: 8, p: 1 },
      { salt, N: 1 << 20, r: 32, p: 1 },
      { salt, N: 1 << 15, r: 8, p: 0 },
      null,
    ]) {
      expect(() => checkKdfParams(bad), JSON.stringify(bad)).toThrow(KdfParamsError);
      expect(() => passphraseKey('correct horse battery staple', bad as never), JSON.stringify(bad)).toThrow(/outside safe limits/);
    }
  });
});
