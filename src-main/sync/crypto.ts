/**
 * The cryptography of the sync folder, node:crypto only. The cloud service sees
 * nothing but sealed envelopes: every file is encrypted with the workspace key
 * (AES-256-GCM, a fresh 12-byte nonce per file) and signed with the writing
 * device's Ed25519 key. The envelope header (format, kind, workspace, device,
 * sequence) is authenticated as associated data, so a file moved to another
 * workspace, another device's folder or another sequence number fails to open
 * instead of being applied in the wrong place. The workspace key itself lives in
 * the folder only wrapped by a key derived from the sync passphrase (scrypt).
 * Keys have epochs: revoking a device with rotation starts a new workspace key,
 * the header names the epoch a file was sealed with (authenticated like the
 * rest), and readers pick the key for that epoch from the ones they keep.
 *
 * Layout: "TCF1" | header length (u32 BE) | header JSON | ciphertext | GCM tag (16)
 * | Ed25519 signature (64) over everything before it.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
  sign,
  verify,
} from 'node:crypto';

export const FORMAT_VERSION = 1;
const MAGIC = Buffer.from('TCF1', 'ascii');
const TAG_BYTES = 16;
const SIGNATURE_BYTES = 64;

export type EnvelopeKind = 'changes' | 'snapshot' | 'state' | 'cert' | 'revocation' | 'request';

export interface EnvelopeHeader {
  v: number;
  kind: EnvelopeKind;
  workspace: string;
  device: string;
  seq: number;
  nonce: string;
  /** The workspace key epoch the file was sealed with; absent in files sealed before the first rotation (epoch 0). */
  epoch?: number;
}

/** The workspace key of an epoch, or null when this device does not hold it (yet). */
export type KeyRing = Buffer | ((epoch: number) => Buffer | null);

export class EnvelopeError extends Error {
  constructor(readonly reason: 'damaged' | 'signature' | 'decrypt' | 'header' | 'key') {
    super(`sealed file rejected: ${reason}`);
  }
}

export interface DeviceKeys {
  /** Ed25519 private key, PKCS#8 DER, base64 */
  privateKey: string;
  /** Ed25519 public key, SPKI DER, base64 */
  publicKey: string;
}

export function newDeviceKeys(): DeviceKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

export function newWorkspaceKey(): Buffer {
  return randomBytes(32);
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A short code two people can read to each other to be sure a device key is the one they expect. */
export function safetyCode(publicKey: string): string {
  const digest = createHash('sha256').update(`tanoda-safety\u0000${publicKey}`).digest();
  const number = digest.readUInt32BE(0) * 0x100 + (digest[4] as number);
  return String(number % 1_000_000_000)
    .padStart(9, '0')
    .replace(/(\d{3})(\d{3})(\d{3})/, '$1-$2-$3');
}

export function seal(header: Omit<EnvelopeHeader, 'v' | 'nonce'>, payload: Buffer, workspaceKey: Buffer, keys: DeviceKeys): Buffer {
  const nonce = randomBytes(12);
  const { epoch, ...rest } = header;
  const full: EnvelopeHeader = { v: FORMAT_VERSION, ...rest, nonce: nonce.toString('base64'), ...(epoch ? { epoch } : {}) };
  const headerBytes = Buffer.from(JSON.stringify(full), 'utf8');
  const cipher = createCipheriv('aes-256-gcm', workspaceKey, nonce);
  cipher.setAAD(headerBytes);
  const ciphertext = Buffer.concat([cipher.update(payload), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const body = Buffer.concat([MAGIC, length, headerBytes, ciphertext]);
  const signature = sign(null, body, createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64'), format: 'der', type: 'pkcs8' }));
  return Buffer.concat([body, signature]);
}

/** Reads the header without trusting it: callers pick the signer's key from it, then `open` verifies everything. */
export function peekHeader(file: Buffer): EnvelopeHeader {
  if (file.length < 8 + TAG_BYTES + SIGNATURE_BYTES || !file.subarray(0, 4).equals(MAGIC)) throw new EnvelopeError('damaged');
  const length = file.readUInt32BE(4);
  if (8 + length + TAG_BYTES + SIGNATURE_BYTES > file.length) throw new EnvelopeError('damaged');
  let header: EnvelopeHeader;
  try {
    header = JSON.parse(file.subarray(8, 8 + length).toString('utf8')) as EnvelopeHeader;
  } catch {
    throw new EnvelopeError('damaged');
  }
  if (
    header.v !== FORMAT_VERSION ||
    typeof header.device !== 'string' ||
    typeof header.nonce !== 'string' ||
    !Number.isInteger(header.seq) ||
    (header.epoch !== undefined && (!Number.isInteger(header.epoch) || header.epoch < 1))
  )
    throw new EnvelopeError('header');
  return header;
}

type Expectation = Pick<EnvelopeHeader, 'kind' | 'workspace' | 'device'> & { seq?: number };

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw key's 32 bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Only a well-formed Ed25519 key reaches OpenSSL: a join request carries a key its
 * sender chose, and malformed key material must be refused here, not parsed.
 */
function ed25519PublicKey(base64: string) {
  const der = Buffer.from(base64, 'base64');
  if (der.length !== ED25519_SPKI_PREFIX.length + 32 || !der.subarray(0, ED25519_SPKI_PREFIX.length).equals(ED25519_SPKI_PREFIX)) {
    throw new EnvelopeError('signature');
  }
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

function checkSignature(file: Buffer, signerPublicKey: string): void {
  const body = file.subarray(0, file.length - SIGNATURE_BYTES);
  const signature = file.subarray(file.length - SIGNATURE_BYTES);
  let ok: boolean;
  try {
    ok = signature.length === SIGNATURE_BYTES && verify(null, body, ed25519PublicKey(signerPublicKey), signature);
  } catch {
    ok = false;
  }
  if (!ok) throw new EnvelopeError('signature');
}

function checkHeader(header: EnvelopeHeader, expect: Expectation): void {
  if (
    header.kind !== expect.kind ||
    header.workspace !== expect.workspace ||
    header.device !== expect.device ||
    (expect.seq !== undefined && header.seq !== expect.seq)
  )
    throw new EnvelopeError('header');
}

/** Verifies the signature with `signerPublicKey`, checks the header is what the caller expects, decrypts. */
export function open(file: Buffer, expect: Expectation, workspaceKey: KeyRing, signerPublicKey: string): Buffer {
  const header = peekHeader(file);
  checkSignature(file, signerPublicKey);
  checkHeader(header, expect);
  return decrypt(file, header, workspaceKey);
}

/** For a file signed by the key it carries (a join request): decrypt, take the key from the content, then verify. */
export function openSelfSigned(file: Buffer, expect: Expectation, workspaceKey: KeyRing, keyOf: (plain: Buffer) => string): Buffer {
  const header = peekHeader(file);
  checkHeader(header, expect);
  const plain = decrypt(file, header, workspaceKey);
  checkSignature(file, keyOf(plain));
  return plain;
}

function decrypt(file: Buffer, header: EnvelopeHeader, ring: KeyRing): Buffer {
  const workspaceKey = Buffer.isBuffer(ring) ? ring : ring(header.epoch ?? 0);
  if (!workspaceKey) throw new EnvelopeError('key');
  const body = file.subarray(0, file.length - SIGNATURE_BYTES);
  const length = file.readUInt32BE(4);
  const headerBytes = file.subarray(8, 8 + length);
  const sealed = body.subarray(8 + length);
  try {
    const decipher = createDecipheriv('aes-256-gcm', workspaceKey, Buffer.from(header.nonce, 'base64'));
    decipher.setAAD(headerBytes);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new EnvelopeError('decrypt');
  }
}

export interface KdfParams {
  salt: string;
  N: number;
  r: number;
  p: number;
}

export function newKdfParams(): KdfParams {
  return { salt: randomBytes(16).toString('base64'), N: 1 << 15, r: 8, p: 1 };
}

export function passphraseKey(passphrase: string, kdf: KdfParams): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 128 * kdf.N * kdf.r * 2,
  });
}

export interface WrappedKey {
  nonce: string;
  sealed: string;
}

export function wrapWorkspaceKey(workspaceKey: Buffer, passphrase: string, kdf: KdfParams, workspaceId: string): WrappedKey {
  return wrapWith(workspaceKey, passphraseKey(passphrase, kdf), `tanoda-workspace\u0000${workspaceId}`);
}

/** The workspace key, or null when the passphrase is wrong (or the file was tampered with). */
export function unwrapWorkspaceKey(wrapped: WrappedKey, passphrase: string, kdf: KdfParams, workspaceId: string): Buffer | null {
  return unwrapWith(wrapped, passphraseKey(passphrase, kdf), `tanoda-workspace\u0000${workspaceId}`);
}

/** The same, with the passphrase-derived key a device remembered instead of the passphrase. */
export function unwrapWorkspaceKeyWith(wrapped: WrappedKey, kek: Buffer, workspaceId: string): Buffer | null {
  return unwrapWith(wrapped, kek, `tanoda-workspace\u0000${workspaceId}`);
}

/** AES-256-GCM of a secret under a key-encryption key, `context` bound as associated data. */
export function wrapWith(secret: Buffer, kek: Buffer, context: string): WrappedKey {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(Buffer.from(context));
  const sealed = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return { nonce: nonce.toString('base64'), sealed: sealed.toString('base64') };
}

/** The secret, or null when the key is wrong or the wrapping was tampered with. */
export function unwrapWith(wrapped: WrappedKey, kek: Buffer, context: string): Buffer | null {
  const sealed = Buffer.from(wrapped.sealed, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.nonce, 'base64'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}
