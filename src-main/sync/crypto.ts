/**
 * The cryptography of the sync folder, node:crypto only. The cloud service sees
 * nothing but sealed envelopes: every file is encrypted with the workspace key
 * (AES-256-GCM, a fresh 12-byte nonce per file) and signed with the writing
 * device's Ed25519 key. The envelope header (format, kind, workspace, device,
 * sequence) is authenticated as associated data, so a file moved to another
 * workspace, another device's folder or another sequence number fails to open
 * instead of being applied in the wrong place. The workspace key itself lives in
 * the folder only wrapped by a key derived from the sync passphrase (Argon2id;
 * scrypt in folders made before, see `passphraseKey`).
 * Keys have epochs: revoking a device with rotation starts a new workspace key,
 * the header names the epoch a file was sealed with (authenticated like the
 * rest), and readers pick the key for that epoch from the ones they keep.
 *
 * Layout: "TCF1" | header length (u32 BE) | header JSON | ciphertext | GCM tag (16)
 * | Ed25519 signature (64) over everything before it.
 */
import {
  argon2Sync,
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

export type EnvelopeKind = 'changes' | 'snapshot' | 'state' | 'cert' | 'revocation' | 'request' | 'credentials';

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

/** The public half of a private key made by `newDeviceKeys`, as that function writes it. */
export function publicKeyOf(privateKey: string): string {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64');
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

/** A signature verifies when any of the keys the caller trusts for this file made it. */
function checkSignature(file: Buffer, signers: string | readonly string[]): void {
  const body = file.subarray(0, file.length - SIGNATURE_BYTES);
  const signature = file.subarray(file.length - SIGNATURE_BYTES);
  const ok = (typeof signers === 'string' ? [signers] : signers).some((signer) => {
    try {
      return signature.length === SIGNATURE_BYTES && verify(null, body, ed25519PublicKey(signer), signature);
    } catch {
      return false;
    }
  });
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

/** Verifies the signature with `signers` (one key, or any of several), checks the header is what the caller expects, decrypts. */
export function open(file: Buffer, expect: Expectation, workspaceKey: KeyRing, signers: string | readonly string[]): Buffer {
  const header = peekHeader(file);
  checkSignature(file, signers);
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

/**
 * How the sync passphrase becomes the key that wraps the workspace key. Anyone
 * who can read the cloud folder can copy workspace.json and guess passphrases
 * offline at their own pace, so each guess must cost real time and memory:
 * Argon2id (node:crypto) with 256 MiB and 6 passes, about 1.7 s per guess on the
 * build machine and about a second on a current laptop. Folders made before
 * carry scrypt parameters; they stay readable with what they record, and the
 * next rewrap (passphrase change, key rotation) moves them to Argon2id.
 *
 * The parameters come from a file anyone with folder access can edit, so they
 * are checked before use: absurd values (a memory bomb, a cost of zero, a salt
 * of two bytes) are refused with a clear error instead of being run.
 */
export interface ScryptKdf {
  /** Absent in folders written before Argon2id: scrypt. */
  algorithm?: 'scrypt';
  salt: string;
  N: number;
  r: number;
  p: number;
}

export interface Argon2Kdf {
  algorithm: 'argon2id';
  salt: string;
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

export type KdfParams = ScryptKdf | Argon2Kdf;

/** What one guess costs: Argon2id memory (KiB) and passes. */
export interface KdfCost {
  memoryKiB: number;
  passes: number;
}

/** The cost every new wrapping gets. */
export const KDF_COST: KdfCost = { memoryKiB: 262_144, passes: 6 };

/** The bounds parameters read from the folder must lie within. */
export const KDF_LIMITS = {
  saltBytes: { min: 16, max: 64 },
  argon2: { memoryKiB: { min: 8_192, max: 1_048_576 }, passes: { min: 1, max: 16 }, parallelism: { min: 1, max: 8 } },
  scrypt: { N: { min: 1 << 14, max: 1 << 20 }, r: { min: 1, max: 32 }, p: { min: 1, max: 4 }, maxBytes: 1 << 30 },
} as const;

export class KdfParamsError extends Error {
  constructor(detail: string) {
    super(`The key-derivation settings in the sync folder are outside safe limits (${detail}); the folder may have been tampered with`);
  }
}

/**
 * New parameters at the production cost. `cost` is for tests only, which pass a
 * small one explicitly so that dozens of set-ups stay fast; production code never passes it.
 */
export function newKdfParams(cost: KdfCost = KDF_COST): Argon2Kdf {
  return {
    algorithm: 'argon2id',
    salt: randomBytes(16).toString('base64'),
    memoryKiB: cost.memoryKiB,
    passes: cost.passes,
    parallelism: 1,
  };
}

const within = (value: unknown, range: { min: number; max: number }): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;

/** The parameters as read from the folder, checked; throws KdfParamsError for anything outside the bounds. */
export function checkKdfParams(value: unknown): KdfParams {
  if (value === null || typeof value !== 'object') throw new KdfParamsError('missing');
  const kdf = value as Record<string, unknown>;
  const salt = typeof kdf['salt'] === 'string' ? Buffer.from(kdf['salt'], 'base64') : Buffer.alloc(0);
  if (!within(salt.length, KDF_LIMITS.saltBytes)) throw new KdfParamsError('salt');
  if (kdf['algorithm'] === 'argon2id') {
    const { memoryKiB, passes, parallelism } = KDF_LIMITS.argon2;
    if (!within(kdf['memoryKiB'], memoryKiB)) throw new KdfParamsError('memory');
    if (!within(kdf['passes'], passes)) throw new KdfParamsError('passes');
    if (!within(kdf['parallelism'], parallelism)) throw new KdfParamsError('parallelism');
    return value as Argon2Kdf;
  }
  if (kdf['algorithm'] !== undefined && kdf['algorithm'] !== 'scrypt') throw new KdfParamsError('algorithm');
  const { N, r, p, maxBytes } = KDF_LIMITS.scrypt;
  if (!within(kdf['N'], N) || ((kdf['N'] as number) & ((kdf['N'] as number) - 1)) !== 0) throw new KdfParamsError('N');
  if (!within(kdf['r'], r)) throw new KdfParamsError('r');
  if (!within(kdf['p'], p)) throw new KdfParamsError('p');
  if (128 * (kdf['N'] as number) * (kdf['r'] as number) > maxBytes) throw new KdfParamsError('memory');
  return value as ScryptKdf;
}

/** The key-encryption key a passphrase gives under checked parameters: one guess's worth of work. */
export function passphraseKey(passphrase: string, params: KdfParams): Buffer {
  const kdf = checkKdfParams(params);
  const secret = passphrase.normalize('NFC');
  const salt = Buffer.from(kdf.salt, 'base64');
  if (kdf.algorithm === 'argon2id')
    return argon2Sync('argon2id', {
      message: secret,
      nonce: salt,
      memory: kdf.memoryKiB,
      passes: kdf.passes,
      parallelism: kdf.parallelism,
      tagLength: 32,
    });
  return scryptSync(secret, salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 128 * kdf.N * kdf.r * 2 });
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

/** Wraps with a key-encryption key already derived (one derivation serves the wrapping and the device's memory of it). */
export function wrapWorkspaceKeyWith(workspaceKey: Buffer, kek: Buffer, workspaceId: string): WrappedKey {
  return wrapWith(workspaceKey, kek, `tanoda-workspace\u0000${workspaceId}`);
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
