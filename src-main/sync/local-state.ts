/**
 * What this device remembers about sync, never in the shared folder: its
 * settings (workspace, public keys, role) under `sync.config` of local state,
 * its secrets in the key store beside the database key (below), and its
 * bookkeeping as JSON or text under the other `sync.*` keys of local state
 * (`sync.published`, `sync.prunedThrough`, `sync.invites`, `sync.skewed`, `sync.snapshotCovers`, `sync.acknowledgers`, `sync.filesSinceSnapshot`,
 * `sync.lastSync`, `sync.lastError`, `sync.folder`, `sync.peerAcks`, `sync.erasedSeqs`,
 * `sync.credentialsSent`). Every file of this folder
 * reads the configuration and the sync tables through the helpers here, so a
 * missing value falls back the same way everywhere and no part of sync reads a
 * shape another part never wrote.
 *
 * The secrets (the workspace key of every epoch, this device's private signing
 * key, the passphrase-derived key, a joined device's credential secret) live in
 * the database's `KeyStore` (db/keys.ts: the keychain in the app, the key file
 * for the CLI), one entry per workspace and device, and never in the database:
 * whoever copies the file or a backup, even with its recovery key, cannot sign
 * or read sync files. A backup restored on the same computer finds them again
 * in the store; on another computer the device must join sync again. Earlier
 * versions kept them in `sync.config` and `sync.kek`; `moveSyncSecrets` carries
 * such a database over when it is opened.
 */
import type Database from 'better-sqlite3';
import type { Role } from '../../src-shared/domain';
import { AppError } from '../../src-shared/errors';
import { readLocal, writeLocal } from '../db/connection';
import type { KeyStore } from '../db/keys';
import type { DeviceKeys } from './crypto';

/** The local-state key of the folder this device syncs through (read by status, written by set-up and join). */
export const FOLDER_KEY = 'sync.folder';

export interface SyncDb {
  sqlite: Database.Database;
  deviceId: string;
  /** The database file, where there is one: the tombstone list lives beside it (changes/erasure.ts). */
  file?: string;
  /** Where this database's secrets are kept (its key's store); without one, sync cannot be set up or run here. */
  secrets?: KeyStore | null;
}

export interface SyncConfig {
  workspaceId: string;
  workspaceKey: string;
  keys: DeviceKeys;
  rootPublicKey: string;
  ownerDeviceId: string;
  role: Role;
  userId: string | null;
  /** The epoch of `workspaceKey`; absent = 0. */
  keyEpoch?: number;
  /** Keys of earlier epochs (epoch -> base64), kept to read files sealed before a rotation. */
  pastKeys?: Record<string, string>;
  /** A joined device's invitation and its secret: they open the credentials file with its user's password hash (credentials.ts). */
  inviteId?: string;
  credentialSecret?: string;
}

export function syncError(message: string, code = 'sync'): AppError {
  return new AppError('CONFLICT', message, [{ path: [], code, message }]);
}

/** What `sync.config` of local state holds: everything about this device's sync that is not a secret. */
export interface SyncSettings {
  workspaceId: string;
  publicKey: string;
  rootPublicKey: string;
  ownerDeviceId: string;
  role: Role;
  userId: string | null;
  inviteId?: string;
}

/** The passphrase-derived key this device last unwrapped workspace.json with (keys.ts). */
export interface StoredKek {
  salt: string;
  key: string;
}

/** What the key store holds for one device of one workspace. */
export interface SyncSecrets {
  workspaceKey: string;
  keyEpoch: number;
  pastKeys: Record<string, string>;
  privateKey: string;
  credentialSecret?: string;
  kek?: StoredKek;
}

/** An earlier version's `sync.config`: settings and secrets together, in the database. */
type LegacyConfig = SyncConfig;

const LEGACY_KEK_KEY = 'sync.kek';

/** The name of a device's sync secrets in a key store: one key file may serve several databases, each its own device. */
export function syncSecretName(workspaceId: string, deviceId: string): string {
  return `sync/${workspaceId}/${deviceId}`;
}

function isLegacy(stored: SyncSettings | LegacyConfig): stored is LegacyConfig {
  return 'workspaceKey' in stored;
}

function readStored(db: SyncDb): SyncSettings | LegacyConfig | null {
  const text = readLocal(db.sqlite, 'sync.config');
  return text ? (JSON.parse(text) as SyncSettings | LegacyConfig) : null;
}

/** This device's sync settings, or null while sync is off here: all that status, roles and authorship need, no secret. */
export function readSettings(db: SyncDb): SyncSettings | null {
  const stored = readStored(db);
  if (!stored || !isLegacy(stored)) return stored;
  const { workspaceKey: _key, pastKeys: _past, credentialSecret: _secret, keyEpoch: _epoch, keys, ...settings } = stored;
  return { ...settings, publicKey: keys.publicKey };
}

function secretsMissing(store: KeyStore | null | undefined): AppError {
  const where = store ? store.where : 'no key store (this database was opened with a typed recovery key)';
  return syncError(
    `This computer does not hold the sync keys of this database (looked in ${where}). Sync keys are kept outside the ` +
      'database and its backups, so a backup opened on another computer cannot sync: join this computer to sync again ' +
      'with a new invite from the owner.',
    'keys_missing',
  );
}

export function readSecrets(db: SyncDb, workspaceId: string): SyncSecrets | null {
  const stored = db.secrets?.read(syncSecretName(workspaceId, db.deviceId));
  return stored ? (JSON.parse(stored.toString('utf8')) as SyncSecrets) : null;
}

function writeSecrets(db: SyncDb, workspaceId: string, secrets: SyncSecrets): void {
  if (!db.secrets)
    throw syncError(
      'Sync keeps its keys beside the database key, and this database was opened with a typed recovery key: ' +
        'open it with its key file (TANODA_KEY_FILE) to set up or change sync',
      'no_key_store',
    );
  const name = syncSecretName(workspaceId, db.deviceId);
  const bytes = Buffer.from(JSON.stringify(secrets));
  db.secrets.write(name, bytes);
  if (!db.secrets.read(name)?.equals(bytes)) throw new Error(`Could not keep the sync keys in ${db.secrets.where}`);
}

/**
 * This device's whole sync configuration (settings from local state, secrets from
 * the key store), or null while sync is off here. Throws when sync is on but the
 * store holds no secrets for this device: a database carried to another computer.
 */
export function readConfig(db: SyncDb): SyncConfig | null {
  const stored = readStored(db);
  if (!stored) return null;
  if (isLegacy(stored)) return stored;
  const secrets = readSecrets(db, stored.workspaceId);
  if (!secrets) throw secretsMissing(db.secrets);
  const { publicKey, ...settings } = stored;
  return {
    ...settings,
    keys: { publicKey, privateKey: secrets.privateKey },
    workspaceKey: secrets.workspaceKey,
    keyEpoch: secrets.keyEpoch,
    pastKeys: secrets.pastKeys,
    ...(secrets.credentialSecret ? { credentialSecret: secrets.credentialSecret } : {}),
  };
}

/**
 * Keeps `config`: its secrets in the key store first (read back), then its
 * settings in local state. A crash between the two leaves an unused entry in the
 * store, never settings whose secrets are nowhere.
 */
export function writeConfig(db: SyncDb, config: SyncConfig): void {
  moveSyncSecrets(db);
  const kek = readSecrets(db, config.workspaceId)?.kek;
  writeSecrets(db, config.workspaceId, {
    workspaceKey: config.workspaceKey,
    keyEpoch: config.keyEpoch ?? 0,
    pastKeys: config.pastKeys ?? {},
    privateKey: config.keys.privateKey,
    ...(config.credentialSecret ? { credentialSecret: config.credentialSecret } : {}),
    ...(kek ? { kek } : {}),
  });
  const settings: SyncSettings = {
    workspaceId: config.workspaceId,
    publicKey: config.keys.publicKey,
    rootPublicKey: config.rootPublicKey,
    ownerDeviceId: config.ownerDeviceId,
    role: config.role,
    userId: config.userId,
    ...(config.inviteId ? { inviteId: config.inviteId } : {}),
  };
  writeJson(db, 'sync.config', settings);
}

/** The passphrase-derived key this device remembers, if any. */
export function readKek(db: SyncDb): StoredKek | null {
  const stored = readStored(db);
  if (!stored) return null;
  if (isLegacy(stored)) return readJson<StoredKek | null>(db, LEGACY_KEK_KEY, null);
  return readSecrets(db, stored.workspaceId)?.kek ?? null;
}

/** Remembers the passphrase-derived key beside this device's other secrets (sync must be set up). */
export function writeKek(db: SyncDb, kek: StoredKek): void {
  moveSyncSecrets(db);
  const settings = readSettings(db);
  if (!settings) throw syncError('Sync is not set up on this device', 'not_set_up');
  const secrets = readSecrets(db, settings.workspaceId);
  if (!secrets) throw secretsMissing(db.secrets);
  writeSecrets(db, settings.workspaceId, { ...secrets, kek });
}

/**
 * Carries a database from an earlier version, whose `sync.config` and `sync.kek`
 * hold the secrets, over to the key store. The order makes a crash at any point
 * lose nothing: the secrets are written to the store and read back first; only
 * then, in one transaction, are the settings rewritten without them and
 * `sync.kek` deleted. Run again after a crash, it finds the same secrets and
 * writes them again. The file is then vacuumed and its log emptied, so the
 * old values do not linger in freed pages. When the store already holds this
 * device's secrets from a newer key epoch (an old backup restored on the same
 * computer), the store's are kept and the older keys join them for reading old
 * files. Answers whether anything moved; without a store it moves nothing.
 */
export function moveSyncSecrets(db: SyncDb): boolean {
  const stored = readStored(db);
  if (!stored || !isLegacy(stored) || !db.secrets) return false;
  const legacyKek = readJson<StoredKek | null>(db, LEGACY_KEK_KEY, null);
  const epoch = stored.keyEpoch ?? 0;
  const legacy: SyncSecrets = {
    workspaceKey: stored.workspaceKey,
    keyEpoch: epoch,
    pastKeys: stored.pastKeys ?? {},
    privateKey: stored.keys.privateKey,
    ...(stored.credentialSecret ? { credentialSecret: stored.credentialSecret } : {}),
    ...(legacyKek ? { kek: legacyKek } : {}),
  };
  const present = readSecrets(db, stored.workspaceId);
  const keep =
    present && present.keyEpoch > epoch
      ? { ...present, pastKeys: { ...legacy.pastKeys, [String(epoch)]: legacy.workspaceKey, ...present.pastKeys } }
      : legacy;
  writeSecrets(db, stored.workspaceId, keep);
  const settings = readSettings(db);
  db.sqlite.transaction(() => {
    writeJson(db, 'sync.config', settings);
    db.sqlite.prepare('DELETE FROM local_state WHERE key = ?').run(LEGACY_KEK_KEY);
  })();
  // The old values still sit in freed pages and in the write-ahead log: rewrite the file and empty the log.
  if (!db.sqlite.inTransaction) {
    db.sqlite.exec('VACUUM');
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
  return true;
}

export function requireConfig(db: SyncDb): SyncConfig {
  const config = readConfig(db);
  if (!config) throw syncError('Sync is not set up on this device', 'not_set_up');
  return config;
}

export function requireOwnerDevice(db: SyncDb, what: string): SyncConfig {
  const config = requireConfig(db);
  if (config.role !== 'owner' || config.ownerDeviceId !== db.deviceId) throw new AppError('FORBIDDEN', `Only the owner device can ${what}`);
  return config;
}

export function readJson<T>(db: SyncDb, key: string, fallback: T): T {
  const text = readLocal(db.sqlite, key);
  return text ? (JSON.parse(text) as T) : fallback;
}

export function writeJson(db: SyncDb, key: string, value: unknown): void {
  writeLocal(db.sqlite, key, JSON.stringify(value));
}

/** Entries the merge holds back until the row they depend on arrives. */
export function countParked(db: SyncDb): number {
  return db.sqlite.prepare('SELECT count(*) FROM sync_parked').pluck().get() as number;
}

/** The last of a peer's files this device applied (0 before the first). */
export function appliedSeqOf(db: SyncDb, device: string): number {
  return (db.sqlite.prepare('SELECT applied_seq FROM sync_peers WHERE device_id = ?').pluck().get(device) as number | undefined) ?? 0;
}

/** What this device has applied of every peer: its acknowledgements, and what a snapshot covers. */
export function appliedSeqs(db: SyncDb): Record<string, number> {
  const seqs: Record<string, number> = {};
  for (const peer of db.sqlite.prepare('SELECT device_id AS d, applied_seq AS s FROM sync_peers').all() as { d: string; s: number }[])
    seqs[peer.d] = peer.s;
  return seqs;
}
