/**
 * The secrets that must never sit in the database they protect, and where they
 * are kept instead. Today that is the database key: 32 random bytes that encrypt
 * the school's file, its write-ahead log and every backup (SQLCipher pages, see
 * connection.ts). Whoever holds the file but not the key holds noise.
 *
 * A `KeyStore` is a small named-secret store with two homes: the operating
 * system's keychain for the app (Electron's safeStorage seals each secret; the
 * sealed form lives in a file in the app's folder, see electron/keychain.ts) and
 * a key file for the CLI and the HTTP bridge (named by `TANODA_KEY_FILE`). Both
 * are the same file format, so one implementation serves them and is tested in
 * Node; the keychain only adds the seal. Secrets are stored by name: beside the
 * database key (`database`) sit each sync device's secrets, named by workspace
 * and device (sync/local-state.ts), so that no backup of the database carries
 * them. One key file may serve several databases: they all share its database
 * key, and each keeps its own sync entry.
 *
 * The recovery key is the database key written for people: Crockford base32 in
 * groups of five with a checksum, so a mistyped character is caught before it
 * is tried against a file. It is shown once at set-up and is what opens a backup
 * on a computer that has neither the keychain nor the key file.
 *
 * Files holding secrets are created 0600 (mode on open, then chmod, so the umask
 * cannot widen them) and written whole through a temporary file and a rename,
 * so a crash never leaves half a key.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../src-shared/errors';

/** The key of an encrypted database: 32 bytes, used as a raw SQLCipher key (no passphrase stretching). */
export interface DatabaseKey {
  readonly bytes: Buffer;
}

export const DATABASE_KEY_BYTES = 32;
/** The name of the database key in a key store. */
export const DATABASE_SECRET = 'database';

export function newDatabaseKey(): DatabaseKey {
  return { bytes: randomBytes(DATABASE_KEY_BYTES) };
}

export function databaseKey(bytes: Buffer): DatabaseKey {
  if (bytes.length !== DATABASE_KEY_BYTES) throw new Error(`A database key is ${DATABASE_KEY_BYTES} bytes, not ${bytes.length}`);
  return { bytes: Buffer.from(bytes) };
}

/** In constant time: a key compared with a typed one must not tell, by how long it took, how much of it matched. */
export function sameKey(a: DatabaseKey, b: DatabaseKey): boolean {
  return a.bytes.length === b.bytes.length && timingSafeEqual(a.bytes, b.bytes);
}

// ---- the recovery key ---------------------------------------------------------------------

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const checksumBytes = 2;

function checksum(bytes: Buffer): Buffer {
  return createHash('sha256').update('tanoda-recovery').update(bytes).digest().subarray(0, checksumBytes);
}

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const digit = alphabet.indexOf(char);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** The database key as people write it down: 55 characters in groups of five, e.g. `7K3QF-…`. */
export function recoveryKeyOf(key: DatabaseKey): string {
  const text = toBase32(Buffer.concat([key.bytes, checksum(key.bytes)]));
  return (text.match(/.{1,5}/g) ?? []).join('-');
}

/** Reads a recovery key as typed: any case, spaces or dashes anywhere, O for 0 and I or L for 1. */
export function parseRecoveryKey(typed: string): DatabaseKey {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const decoded = fromBase32(cleaned);
  const expectedLength = DATABASE_KEY_BYTES + checksumBytes;
  if (!decoded || decoded.length !== expectedLength || cleaned.length !== Math.ceil((expectedLength * 8) / 5)) {
    throw new AppError('VALIDATION', 'That is not a recovery key: it has 55 letters and digits, in groups of five', [
      { path: ['recoveryKey'], code: 'malformed', message: 'Not a recovery key' },
    ]);
  }
  const bytes = decoded.subarray(0, DATABASE_KEY_BYTES);
  if (!checksum(bytes).equals(decoded.subarray(DATABASE_KEY_BYTES))) {
    throw new AppError('VALIDATION', 'That recovery key has a mistyped character: check it against the one written down', [
      { path: ['recoveryKey'], code: 'checksum', message: 'A character is mistyped' },
    ]);
  }
  return databaseKey(bytes);
}

// ---- files only the user can read ---------------------------------------------------------

/** Owner read/write only, whatever the umask: database, WAL, SHM, backups and key files. */
export const PRIVATE_FILE_MODE = 0o600;

/** Narrows an existing file to 0600 (a no-op on Windows, whose files follow the folder's ACL). */
export function makePrivate(file: string): void {
  if (process.platform === 'win32' || !existsSync(file)) return;
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Creates `file` empty and 0600 when it is missing, so that SQLite opens (and gives its sidecars) these permissions. */
export function createPrivateFile(file: string): void {
  if (existsSync(file)) return;
  mkdirSync(dirname(resolve(file)), { recursive: true });
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  makePrivate(file);
}

/** Writes `content` to `file` whole: a 0600 temporary file, fsync, rename. */
export function writePrivateFile(file: string, content: string): void {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const fd = openSync(partial, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    makePrivate(partial);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

// ---- key stores ----------------------------------------------------------------------------

/**
 * Named secrets kept outside the database. `read` answers null for a secret the
 * store does not hold; a store that exists but cannot be read (damaged, sealed by
 * another user's keychain) throws rather than pretending to be empty, so a key is
 * never silently replaced.
 */
export interface KeyStore {
  /** Where the secrets are kept, for messages: "the key file /home/anna/tanoda.key". */
  readonly where: string;
  /** Whether the store holds anything yet (a key file that does not exist holds nothing). */
  exists(): boolean;
  /** The names of the secrets it holds. */
  names(): string[];
  read(name: string): Buffer | null;
  write(name: string, secret: Buffer): void;
}

/** How a store seals each secret before it is written: the keychain in the app, nothing for a key file. */
export interface SecretSeal {
  seal(secret: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

const noSeal: SecretSeal = { seal: (secret) => secret, open: (sealed) => sealed };

interface KeyFileContent {
  format: 'tanoda-keys';
  version: 1;
  secrets: Record<string, string>;
}

/** A store in one file: JSON naming each secret, base64 of its (sealed) bytes. */
export function fileKeyStore(file: string, options: { seal?: SecretSeal; where?: string } = {}): KeyStore {
  const seal = options.seal ?? noSeal;
  const path = resolve(file);
  const where = options.where ?? `the key file ${path}`;
  const load = (): KeyFileContent => {
    if (!existsSync(path)) return { format: 'tanoda-keys', version: 1, secrets: {} };
    let content: KeyFileContent;
    try {
      content = JSON.parse(readFileSync(path, 'utf8')) as KeyFileContent;
    } catch (error) {
      throw new AppError('INTERNAL', `Cannot read ${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (content.format !== 'tanoda-keys' || typeof content.secrets !== 'object' || content.secrets === null)
      throw new AppError('INTERNAL', `${where} is not a Tanoda key file`);
    return content;
  };
  return {
    where,
    exists: () => existsSync(path),
    names: () => Object.keys(load().secrets),
    read(name) {
      const stored = load().secrets[name];
      return stored === undefined ? null : seal.open(Buffer.from(stored, 'base64'));
    },
    write(name, secret) {
      const content = load();
      content.secrets[name] = seal.seal(secret).toString('base64');
      writePrivateFile(path, `${JSON.stringify(content, null, 2)}\n`);
    },
  };
}

/**
 * Moves the database key, and every other secret kept with it (sync keys), from
 * the key file `keyFile` into `store` when the store has no database key: the
 * app taking over a database that the browser fallback or the CLI created in
 * its folder. The plain key file is removed once the store holds every secret
 * (each read back), so none stays on disk in the clear. Answers whether it moved
 * a key.
 */
export function adoptKeyFile(store: KeyStore, keyFile: string): boolean {
  const from = fileKeyStore(keyFile);
  if (!from.exists() || store.read(DATABASE_SECRET)) return false;
  if (!from.read(DATABASE_SECRET)) return false;
  for (const name of from.names()) {
    const secret = from.read(name);
    if (!secret) continue;
    store.write(name, secret);
    if (!store.read(name)?.equals(secret)) throw new Error(`Could not move the secret ${name} into ${store.where}`);
  }
  rmSync(resolve(keyFile), { force: true });
  return true;
}

export interface StoredKey {
  key: DatabaseKey;
  /** The key was made just now: its recovery key has not been shown to anyone yet. */
  created: boolean;
}

/**
 * The database key a store holds; when it holds none and `create` allows it, a
 * fresh one it keeps from now on. Refuses (with where it looked) otherwise.
 */
export function databaseKeyIn(store: KeyStore, options: { create: boolean }): StoredKey {
  const stored = store.read(DATABASE_SECRET);
  if (stored) return { key: databaseKey(stored), created: false };
  if (!options.create)
    throw new AppError('NOT_FOUND', `There is no database key in ${store.where}`, [
      { path: ['key'], code: 'no_key', message: 'No database key' },
    ]);
  const key = newDatabaseKey();
  store.write(DATABASE_SECRET, key.bytes);
  return { key, created: true };
}
