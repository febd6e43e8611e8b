/**
 * Opening the school's database: one file, pragmas for durability, migrations,
 * and this device's identity. Every host (Electron, CLI, HTTP bridge, tests)
 * opens it through `openDatabase`, so they all get the same guarantees.
 *
 * - WAL + synchronous=FULL: a power cut on a laptop loses at most the write in
 *   flight, never a committed payment.
 * - foreign_keys=ON: an enrollment cannot point at a client that is not there.
 * - busy_timeout: the CLI may read while the app writes.
 * - encrypted at rest (better-sqlite3-multiple-ciphers, SQLCipher 4 pages): the
 *   key comes in from the host's key store (keys.ts) and is applied before the
 *   first read, so the file, its WAL and every backup made from it are noise
 *   without it. There is no way to open a file here without a key: a host that
 *   forgot one does not compile. A plain file from before encryption is
 *   encrypted in place on its first open, after the host's backup
 *   (`beforeEncrypt`), with `PRAGMA rekey` (the library's plain-to-encrypted
 *   path; it needs a rollback journal, so the WAL is folded in first).
 * - 0600: the file is created owner-only before SQLite opens it, so the WAL and
 *   SHM it creates inherit that mode, and all three are narrowed on every open.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../src-shared/errors';
import { createPrivateFile, databaseKeyIn, makePrivate, type DatabaseKey, type KeyStore, type StoredKey } from './keys';
import * as schema from './schema';
import { rebuildClientSearch } from './search';

export type Orm = BetterSQLite3Database<typeof schema>;
/**
 * A connection. `better-sqlite3` is installed as better-sqlite3-multiple-ciphers
 * (package.json's `npm:` alias, checked by tests/integration/native-binding):
 * the same API and the same drizzle driver (which imports `better-sqlite3` by
 * name), with the cipher pragmas added. So every module that takes a connection
 * kept its signature, and only this module knows the file is encrypted.
 */
export type Sqlite = Database.Database;

function connect(file: string, options: { readonly: boolean; fileMustExist: boolean }): Sqlite {
  return new Database(file, options);
}

export interface Db {
  readonly sqlite: Sqlite;
  readonly orm: Orm;
  readonly file: string;
  /** The key the file is encrypted with: backups and restores made from this handle use it too. */
  readonly key: DatabaseKey;
  /** This installation's id: stamped on every change it writes. Local, never synced. */
  readonly deviceId: string;
  /**
   * The store the key came from, where sync keeps its secrets too (never in the
   * file); null when the key was typed (a recovery key) and there is no store.
   */
  readonly secrets: KeyStore | null;
}

export interface OpenOptions {
  /** The key of the file (of a new file: the key it is created with). */
  key: DatabaseKey;
  /** The store holding that key and this database's sync secrets (db/keys.ts); none when the key was typed. */
  secrets?: KeyStore | null;
  /** Folder with drizzle-kit's generated migrations; found next to the app by default. */
  migrationsFolder?: string;
  readonly?: boolean;
  /** Called before migrations are applied to a database that has some already (for a backup first). */
  beforeMigrate?: (sqlite: Sqlite, pending: string[]) => void;
  /** Called with a plain (pre-encryption) file open, before it is encrypted in place: the backup first. */
  beforeEncrypt?: (plain: Sqlite) => void;
}

// ---- encryption ------------------------------------------------------------------------

const sqliteMagic = 'SQLite format 3\u0000';

/** Whether `file` starts with SQLite's plain header: a database from before encryption (or not Tanoda's). */
export function isPlainDatabaseFile(file: string): boolean {
  if (!existsSync(file) || statSync(file).size < 16) return false;
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === sqliteMagic;
  } finally {
    closeSync(fd);
  }
}

/** A file a fresh key may be made for: nothing there yet, or a plain file that is about to be encrypted with it. */
export function mayTakeNewKey(file: string): boolean {
  return !existsSync(file) || statSync(file).size === 0 || isPlainDatabaseFile(file);
}

/**
 * The key `store` holds for the database at `file`; a fresh one (kept in the
 * store) only when no encrypted file needs another, so a lost keychain entry is
 * reported instead of being replaced by a key that opens nothing.
 */
export function keyForFile(store: KeyStore, file: string): StoredKey {
  const fresh = mayTakeNewKey(file);
  try {
    return databaseKeyIn(store, { create: fresh });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND')
      throw new AppError(
        'UNAUTHENTICATED',
        `${file} is encrypted, and ${store.where} holds no key for it: restore it from a backup with its recovery key`,
        [{ path: ['key'], code: 'no_key', message: 'No key for this database' }],
      );
    throw error;
  }
}

/** The SQLCipher 4 scheme with a raw 256-bit key: no passphrase stretching, so opening costs nothing. */
function cipherPragmas(sqlite: Sqlite, key: DatabaseKey, verb: 'key' | 'rekey'): void {
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`${verb} = "x'${key.bytes.toString('hex')}'"`);
}

/**
 * A connection to `file` with its key applied and proven (the first read fails
 * on a wrong key). A plain file is opened as it is when `plain` allows it
 * (reading an old backup, encrypting it); nothing else opens a file unkeyed.
 */
export function openKeyed(file: string, key: DatabaseKey | null, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Sqlite {
  const sqlite = connect(file, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false });
  try {
    if (key) cipherPragmas(sqlite, key, 'key');
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    return sqlite;
  } catch (error) {
    sqlite.close();
    if (error instanceof Error && /file is not a database|SQLITE_NOTADB/i.test(`${error.message} ${(error as { code?: string }).code}`)) {
      throw new AppError(
        'FORBIDDEN',
        `${file} cannot be opened with this key: it was encrypted with another one (or is not a Tanoda database)`,
        [{ path: ['key'], code: 'wrong_key', message: 'Not the key of this file' }],
      );
    }
    throw error;
  }
}

/** Encrypts an open plain connection's file in place with `key` (the connection then uses it). Needs a rollback journal. */
export function encryptOpenFile(sqlite: Sqlite, key: DatabaseKey): void {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('journal_mode = DELETE');
  cipherPragmas(sqlite, key, 'rekey');
}

/** Re-encrypts an open (encrypted or plain) connection's file with another key; the file must not be in WAL mode. */
export function rekeyOpenFile(sqlite: Sqlite, key: DatabaseKey): void {
  sqlite.pragma('journal_mode = DELETE');
  cipherPragmas(sqlite, key, 'rekey');
}

function encryptInPlace(file: string, key: DatabaseKey, beforeEncrypt: OpenOptions['beforeEncrypt']): void {
  const plain = connect(file, { readonly: false, fileMustExist: true });
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
    beforeEncrypt?.(plain);
    encryptOpenFile(plain, key);
  } finally {
    plain.close();
  }
}

/** The database file and the sidecars SQLite keeps beside it. */
export function databaseFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/** Migration tags in the folder's journal that this database has not had yet. */
export function pendingMigrations(sqlite: Sqlite, migrationsFolder: string): string[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
  if (!hasTable) return journal.entries.map((e) => e.tag);
  const applied = new Set(
    (sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number }[]).map((r) => Number(r.at)),
  );
  return journal.entries.filter((e) => !applied.has(e.when)).map((e) => e.tag);
}

function hasAppliedMigrations(sqlite: Sqlite): boolean {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get() !== undefined;
  return hasTable && sqlite.prepare('SELECT 1 FROM __drizzle_migrations LIMIT 1').get() !== undefined;
}

/** Walks up from this module to the folder holding `drizzle/meta/_journal.json`. */
export function defaultMigrationsFolder(): string {
  const fromEnv = process.env['TANODA_MIGRATIONS'];
  if (fromEnv) return fromEnv;
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates: string[] = [];
  if (resources) candidates.push(join(resources, 'drizzle'));
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    candidates.push(join(dir, 'drizzle'));
    dir = dirname(dir);
  }
  candidates.push(resolve('drizzle'));
  const found = candidates.find((c) => existsSync(join(c, 'meta', '_journal.json')));
  if (!found) throw new Error(`Cannot find the database migrations (looked in ${candidates.join(', ')})`);
  return found;
}

export function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Pages are decrypted as they are read, so SQLite's own cache (2 MB by default) is what keeps a
  // screen's second read from paying for decryption again: 64 MB holds the indexes a school of
  // 100,000 clients scrolls through (the clients grid at a deep offset: 390 ms a page with the
  // default, 70 ms with this).
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('busy_timeout = 5000');
}

/**
 * After a migration that rewrote much of the file (the lean change log turned a
 * 2 GB log into a fraction of it; the compact log frees about four pages in ten
 * of a school's file), the freed pages are given back: SQLite keeps them inside
 * the file otherwise, and the school would never see it shrink.
 * VACUUM may renumber the clients' rowids, which the search index shares.
 */
function compactIfMostlyFree(sqlite: Sqlite): void {
  const free = sqlite.pragma('freelist_count', { simple: true }) as number;
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  if (free * 4 < pages) return;
  sqlite.exec('VACUUM');
  rebuildClientSearch(sqlite);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

export function openDatabase(file: string, options: OpenOptions): Db {
  const readonly = options.readonly ?? false;
  const onDisk = file !== ':memory:' && file !== '';
  if (!readonly && onDisk) createPrivateFile(file);
  const plain = isPlainDatabaseFile(file);
  if (plain && !readonly) encryptInPlace(file, options.key, options.beforeEncrypt);
  // A plain file read without changing it (doctor, stats on a file the app has not opened since encryption came).
  const sqlite = openKeyed(file, plain && readonly ? null : options.key, { readonly, fileMustExist: readonly });
  try {
    if (options.readonly) {
      sqlite.pragma('busy_timeout = 5000');
    } else {
      applyPragmas(sqlite);
    }
    const orm = drizzle({ client: sqlite, schema });
    if (!options.readonly) {
      const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
      const pending = hasAppliedMigrations(sqlite) ? pendingMigrations(sqlite, migrationsFolder) : [];
      if (options.beforeMigrate && pending.length > 0) options.beforeMigrate(sqlite, pending);
      migrate(orm, { migrationsFolder });
      if (pending.length > 0 && onDisk) compactIfMostlyFree(sqlite);
    }
    const deviceId = options.readonly ? (readLocal(sqlite, 'device_id') ?? 'readonly') : ensureDeviceId(sqlite);
    if (!readonly && onDisk) for (const each of databaseFiles(file)) makePrivate(each);
    return { sqlite, orm, file, key: options.key, deviceId, secrets: options.secrets ?? null };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

export function closeDatabase(db: Db): void {
  if (db.sqlite.open) db.sqlite.close();
}

export function readLocal(sqlite: Sqlite, key: string): string | undefined {
  const row = sqlite.prepare('SELECT value FROM local_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeLocal(sqlite: Sqlite, key: string, value: string): void {
  sqlite
    .prepare('INSERT INTO local_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key, value);
}

function ensureDeviceId(sqlite: Sqlite): string {
  const existing = readLocal(sqlite, 'device_id');
  if (existing) return existing;
  const id = uuidv7();
  writeLocal(sqlite, 'device_id', id);
  return id;
}
