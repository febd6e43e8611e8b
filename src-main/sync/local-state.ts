/**
 * What this device remembers about sync, never in the shared folder: its
 * settings (workspace, public keys, role) under `sync.config` of local state,
 * its secrets in the key store beside the database key (below), and its
 * bookkeeping as JSON or text under the other `sync.*` keys of local state
 * (`sync.published`, `sync.prunedThrough`, `sync.invites` (less their secrets), `sync.skewed`, `sync.snapshotCovers`, `sync.acknowledgers`, `sync.filesSinceSnapshot`,
 * `sync.lastSync`, `sync.lastError`, `sync.folder`, `sync.peerAcks`, `sync.erasedSeqs`,
 * `sync.credentialsSent`). Every file of this folder
 * reads the configuration and the sync tables through the helpers here, so a
 * missing value falls back the same way everywhere and no part of sync reads a
 * shape another part never wrote.
 *
 * The secrets (the workspace key of every epoch, this device's private signing
 * key, the passphrase-derived key, a joined device's credential secret, and on
 * the owner's device the root key that certifies devices and the secret of every
 * invitation it issued) live in
 * the database's `KeyStore` (db/keys.ts: the keychain in the app, the key file
 * for the CLI), one entry per workspace and device, and never in the database:
 * whoever copies the file or a backup, even with its recovery key, cannot sign
 * or read sync files. A backup restored on the same computer finds them again
 * in the store; on another computer the device must join sync again. Earlier
 * versions kept them in `sync.config`, `sync.kek` and `sync.invites`, and used
 * the owner device's signing key as the root key; `moveSyncSecrets` carries such
 * a database over when it is opened.
 */
import type Database from 'better-sqlite3';
import type { Role } from '../../src-shared/domain';
import { AppError } from '../../src-shared/errors';
import { readLocal, writeLocal } from '../db/connection';
import type { KeyStore } from '../db/keys';
import { newDeviceKeys, publicKeyOf, type DeviceKeys } from './crypto';

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
  /** The owner's device only: the root key that certifies devices (see `readRootKeys`). */
  rootPrivateKey?: string;
  /** The owner's device only: each open invitation's secret, by invite id (see `readInvites`). */
  invites?: Record<string, string>;
}

/** An invitation the owner issued: its secret in the key store, the rest in `sync.invites` of local state. */
export interface Invite {
  inviteId: string;
  userId: string;
  username: string;
  role: Role;
  /** The code's secret; kept only in this owner's key store and in the code handed to the user, never in the folder. */
  secret: string;
  usedBy: string | null;
}

/** What `sync.invites` holds of an invitation; an earlier version also kept its `secret` there. */
type StoredInvite = Omit<Invite, 'secret'> & { secret?: string };

const INVITES_KEY = 'sync.invites';

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
export function writeConfig(db: SyncDb, config: SyncConfig, owner: { rootPrivateKey?: string } = {}): void {
  moveLegacySecrets(db);
  // What the configuration does not carry stays as the store has it: the passphrase-derived key, the root key, invites.
  const { kek, rootPrivateKey, invites } = readSecrets(db, config.workspaceId) ?? {};
  const root = owner.rootPrivateKey ?? rootPrivateKey;
  writeSecrets(db, config.workspaceId, {
    workspaceKey: config.workspaceKey,
    keyEpoch: config.keyEpoch ?? 0,
    pastKeys: config.pastKeys ?? {},
    privateKey: config.keys.privateKey,
    ...(config.credentialSecret ? { credentialSecret: config.credentialSecret } : {}),
    ...(kek ? { kek } : {}),
    ...(root ? { rootPrivateKey: root } : {}),
    ...(invites ? { invites } : {}),
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
  moveLegacySecrets(db);
  const settings = readSettings(db);
  if (!settings) throw syncError('Sync is not set up on this device', 'not_set_up');
  const secrets = readSecrets(db, settings.workspaceId);
  if (!secrets) throw secretsMissing(db.secrets);
  writeSecrets(db, settings.workspaceId, { ...secrets, kek });
}

/**
 * Carries a database from an earlier version over to today's keeping, when it
 * is opened: the secrets its `sync.config`, `sync.kek` and `sync.invites` hold
 * move to the key store (`moveLegacySecrets`), and on the owner's device the
 * root key is separated from the device's signing key (`separateRootKey`).
 * Answers whether any secret left the database; without a store nothing moves.
 */
export function moveSyncSecrets(db: SyncDb): boolean {
  const moved = moveLegacySecrets(db);
  separateRootKey(db);
  return moved;
}

/**
 * The secrets an earlier version kept in local state, moved to the key store.
 * The order makes a crash at any point lose nothing: the secrets are written to
 * the store and read back first; only then, in one transaction, is local state
 * rewritten without them. Run again after a crash, it finds the same secrets and
 * writes them again. The file is then vacuumed and its log emptied, so the old
 * values do not linger in freed pages.
 */
function moveLegacySecrets(db: SyncDb): boolean {
  const moved = moveConfigSecrets(db);
  const movedInvites = moveInviteSecrets(db);
  if (!moved && !movedInvites) return false;
  // The old values still sit in freed pages and in the write-ahead log: rewrite the file and empty the log.
  if (!db.sqlite.inTransaction) {
    db.sqlite.exec('VACUUM');
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
  return true;
}

/**
 * `sync.config` and `sync.kek` of an earlier version. When the store already
 * holds this device's secrets from a newer key epoch (an old backup restored on
 * the same computer), the store's are kept and the older keys join them for
 * reading old files.
 */
function moveConfigSecrets(db: SyncDb): boolean {
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
  const kept = {
    ...(present?.rootPrivateKey ? { rootPrivateKey: present.rootPrivateKey } : {}),
    ...(present?.invites ? { invites: present.invites } : {}),
  };
  const keep =
    present && present.keyEpoch > epoch
      ? { ...present, pastKeys: { ...legacy.pastKeys, [String(epoch)]: legacy.workspaceKey, ...present.pastKeys } }
      : { ...legacy, ...kept };
  writeSecrets(db, stored.workspaceId, keep);
  const settings = readSettings(db);
  db.sqlite.transaction(() => {
    writeJson(db, 'sync.config', settings);
    db.sqlite.prepare('DELETE FROM local_state WHERE key = ?').run(LEGACY_KEK_KEY);
  })();
  return true;
}

// ---- invitations ---------------------------------------------------------------------------

function readStoredInvites(db: SyncDb): StoredInvite[] {
  return readJson<StoredInvite[]>(db, INVITES_KEY, []);
}

/**
 * The invitations this owner issued, each with its secret from the key store (or
 * from local state, where an earlier version kept it). An invitation whose secret
 * is nowhere — a backup opened on another computer — is left out: no request can
 * be checked against it.
 */
export function readInvites(db: SyncDb): Invite[] {
  const stored = readStoredInvites(db);
  if (stored.length === 0) return [];
  const settings = readSettings(db);
  const secrets = settings ? readSecrets(db, settings.workspaceId) : null;
  const invites: Invite[] = [];
  for (const { secret: legacySecret, ...invite } of stored) {
    const secret = secrets?.invites?.[invite.inviteId] ?? legacySecret;
    if (secret) invites.push({ ...invite, secret });
  }
  return invites;
}

/** Keeps `invites`: their secrets in the key store first (read back), then the rest in local state, so a crash loses no secret. */
export function writeInvites(db: SyncDb, invites: readonly Invite[]): void {
  const settings = readSettings(db);
  if (!settings) throw syncError('Sync is not set up on this device', 'not_set_up');
  const secrets = readSecrets(db, settings.workspaceId);
  if (!secrets) throw secretsMissing(db.secrets);
  const known = { ...secrets.invites };
  for (const invite of invites) known[invite.inviteId] = invite.secret;
  writeSecrets(db, settings.workspaceId, { ...secrets, invites: known });
  writeJson(
    db,
    INVITES_KEY,
    invites.map(({ secret: _secret, ...invite }) => invite),
  );
}

/** Invitation secrets an earlier version kept in `sync.invites`, moved to the key store (after the settings' secrets). */
function moveInviteSecrets(db: SyncDb): boolean {
  const stored = readStored(db);
  if (!stored || isLegacy(stored) || !db.secrets) return false;
  if (!readStoredInvites(db).some((invite) => invite.secret !== undefined)) return false;
  if (!readSecrets(db, stored.workspaceId)) return false;
  writeInvites(db, readInvites(db));
  return true;
}

// ---- the owner's root key ------------------------------------------------------------------

/**
 * The key that signs certificates and revocations, from the owner's key store.
 * A workspace set up before the root key was separated used the owner device's
 * own key as the root; until that device's database is opened again (and
 * `separateRootKey` runs) its device key still is the root key.
 */
export function readRootKeys(db: SyncDb, config: SyncConfig): DeviceKeys {
  const root = readSecrets(db, config.workspaceId)?.rootPrivateKey;
  if (root) return { privateKey: root, publicKey: config.rootPublicKey };
  if (config.keys.publicKey === config.rootPublicKey) return config.keys;
  throw syncError(
    `This computer does not hold the workspace's root key (looked in ${db.secrets?.where ?? 'no key store'}); only the owner's computer that set up sync can certify devices`,
    'no_root_key',
  );
}

/**
 * On the owner's device of a workspace whose root key was the device's own
 * signing key (set up by an earlier version): that key becomes the root key
 * only — every certificate it signed stays valid and every member keeps the root
 * key it pinned when joining — and the device gets a fresh signing key, which
 * the root certifies in the folder on the next sync round (trust.ts
 * `certifyOwnerDevice`). The store is written first (read back) with both keys;
 * then the settings take the new public key. After a crash between the two, the
 * store already holds the root key and the settings are brought in line.
 */
function separateRootKey(db: SyncDb): void {
  const stored = readStored(db);
  if (!stored || isLegacy(stored) || !db.secrets) return;
  if (stored.role !== 'owner' || stored.ownerDeviceId !== db.deviceId) return;
  const secrets = readSecrets(db, stored.workspaceId);
  if (!secrets) return;
  if (!secrets.rootPrivateKey) {
    if (stored.publicKey !== stored.rootPublicKey || publicKeyOf(secrets.privateKey) !== stored.rootPublicKey) return;
    const device = newDeviceKeys();
    writeSecrets(db, stored.workspaceId, { ...secrets, rootPrivateKey: secrets.privateKey, privateKey: device.privateKey });
    writeJson(db, 'sync.config', { ...stored, publicKey: device.publicKey });
    return;
  }
  const publicKey = publicKeyOf(secrets.privateKey);
  if (stored.publicKey !== publicKey) writeJson(db, 'sync.config', { ...stored, publicKey });
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
