/**
 * The workspace key, its epochs and the passphrase that wraps it. workspace.json
 * holds the current epoch's key wrapped by a key derived from the passphrase
 * (Argon2id, or the scrypt parameters an older folder recorded; crypto.ts), and
 * every earlier epoch's key sealed under the current one. Devices
 * remember the passphrase-derived key (with their other secrets in the key
 * store, local-state.ts), so a wrapping they can no
 * longer open tells them the passphrase was changed; they keep every older
 * epoch's key, so files sealed before a rotation stay readable. A device that
 * sees a newer epoch it cannot open is 'locked': it stops writing, because
 * sealing new changes under the old key would hand them to the device the
 * rotation cut off.
 */
import { invalid } from '../../src-shared/errors';
import { readLocal, writeLocal } from '../db/connection';
import { checkPassphraseStrength } from '../../src-shared/passphrase';
import {
  KdfParamsError,
  newKdfParams,
  newWorkspaceKey,
  passphraseKey,
  unwrapWith,
  unwrapWorkspaceKeyWith,
  wrapWith,
  wrapWorkspaceKeyWith,
  type KdfCost,
  type KdfParams,
  type WrappedKey,
} from './crypto';
import type { SyncFolder } from './folder';
import { readKek, requireConfig, requireOwnerDevice, syncError, writeConfig, writeKek, type SyncConfig, type SyncDb } from './local-state';
import { base } from './wire';

export interface WorkspaceFile {
  format: 1;
  workspaceId: string;
  ownerDeviceId: string;
  rootPublicKey: string;
  kdf: KdfParams;
  wrappedKey: WrappedKey;
  keyEpoch?: number;
  /** JSON {epoch: key} of every earlier epoch, sealed under the current workspace key. */
  pastKeys?: WrappedKey;
}

const pastKeysContext = (workspaceId: string, epoch: number) => `tanoda-past-keys\u0000${workspaceId}\u0000${epoch}`;

/** Remembers the key a passphrase gave under `kdf`, so later rounds notice a changed passphrase without deriving again. */
export function storeKek(db: SyncDb, kek: Buffer, kdf: KdfParams): void {
  writeKek(db, { salt: kdf.salt, key: kek.toString('base64') });
}

/**
 * The key a passphrase gives under parameters read from the folder (or new ones):
 * parameters outside the bounds are refused with a sync error naming them, before
 * any work is done with them.
 */
export function deriveKek(passphrase: string, kdf: KdfParams): Buffer {
  try {
    return passphraseKey(passphrase, kdf);
  } catch (error) {
    if (error instanceof KdfParamsError) throw syncError(error.message, 'kdf_limits');
    throw error;
  }
}

/** The workspace key and the key that unwrapped it, or null for a wrong passphrase. */
export function unwrapWithPassphrase(file: WorkspaceFile, passphrase: string): { key: Buffer; kek: Buffer } | null {
  const kek = deriveKek(passphrase, file.kdf);
  const key = unwrapWorkspaceKeyWith(file.wrappedKey, kek, file.workspaceId);
  return key ? { key, kek } : null;
}

export function openPastKeys(file: WorkspaceFile, workspaceKey: Buffer): Record<string, string> {
  if (!file.pastKeys) return {};
  const plain = unwrapWith(file.pastKeys, workspaceKey, pastKeysContext(file.workspaceId, file.keyEpoch ?? 0));
  return plain ? (JSON.parse(plain.toString('utf8')) as Record<string, string>) : {};
}

/** workspace.json, when it is there and belongs to this device's workspace and owner. */
function readWorkspaceFile(folder: SyncFolder, config: SyncConfig): WorkspaceFile | null {
  const raw = folder.read(`${base(config)}/workspace.json`);
  if (!raw) return null;
  try {
    const file = JSON.parse(raw.toString('utf8')) as WorkspaceFile;
    const same =
      file.workspaceId === config.workspaceId && file.rootPublicKey === config.rootPublicKey && file.ownerDeviceId === config.ownerDeviceId;
    return same && file.kdf && file.wrappedKey ? file : null;
  } catch {
    return null;
  }
}

export function writeWorkspaceFile(folder: SyncFolder, config: Pick<SyncConfig, 'workspaceId'>, file: WorkspaceFile): void {
  folder.write(`${base(config)}/workspace.json`, Buffer.from(JSON.stringify(file, null, 2)));
}

function requireWorkspaceFile(folder: SyncFolder, config: SyncConfig): WorkspaceFile {
  const file = readWorkspaceFile(folder, config);
  if (!file) throw syncError('workspace.json cannot be read in the sync folder; is the cloud drive connected?', 'no_workspace');
  return file;
}

/** Takes a newer epoch's key as this device's writing key, keeping every older one for reading. */
function adoptKey(db: SyncDb, config: SyncConfig, file: WorkspaceFile, key: Buffer): void {
  const epoch = file.keyEpoch ?? 0;
  const current = config.keyEpoch ?? 0;
  if (epoch < current || (epoch === current && key.toString('base64') === config.workspaceKey)) return;
  const pastKeys = { ...config.pastKeys, ...openPastKeys(file, key) };
  if (epoch > current) pastKeys[String(current)] = config.workspaceKey;
  writeConfig(db, { ...config, workspaceKey: key.toString('base64'), keyEpoch: epoch, pastKeys });
}

/**
 * Whether this device can still open workspace.json with the passphrase-derived key
 * it remembers: 'ok'; 'changed' when the passphrase was changed but the key epoch is
 * the one this device writes with (it keeps syncing and asks for the new passphrase);
 * 'locked' when a newer key epoch exists that it cannot open.
 */
export function checkPassphrase(db: SyncDb, folder: SyncFolder): 'ok' | 'changed' | 'locked' {
  const config = requireConfig(db);
  const file = readWorkspaceFile(folder, config);
  if (!file) return 'ok';
  const epoch = file.keyEpoch ?? 0;
  const current = config.keyEpoch ?? 0;
  if (epoch < current) return 'ok';
  const kek = readKek(db);
  if (!kek) return epoch > current ? 'locked' : 'ok';
  const key = kek.salt === file.kdf.salt ? unwrapWorkspaceKeyWith(file.wrappedKey, Buffer.from(kek.key, 'base64'), file.workspaceId) : null;
  if (key) {
    adoptKey(db, config, file, key);
    return 'ok';
  }
  return epoch > current ? 'locked' : 'changed';
}

/** After the owner changed the passphrase: this device takes the new one (and any newer key it unlocks). */
export function unlockSync(db: SyncDb, folder: SyncFolder, passphrase: string): { keyEpoch: number } {
  const config = requireConfig(db);
  const file = requireWorkspaceFile(folder, config);
  const opened = unwrapWithPassphrase(file, passphrase);
  if (!opened) throw invalid(['passphrase'], 'wrong_passphrase', 'Wrong sync passphrase');
  adoptKey(db, config, file, opened.key);
  storeKek(db, opened.kek, file.kdf);
  if (readLocal(db.sqlite, 'sync.lastError') === 'passphrase_changed') writeLocal(db.sqlite, 'sync.lastError', '');
  return { keyEpoch: requireConfig(db).keyEpoch ?? 0 };
}

/** The owner re-wraps the same workspace key under a new passphrase (new salt); other devices are asked for it. */
export function changePassphrase(
  db: SyncDb,
  folder: SyncFolder,
  input: { current: string; next: string },
  /** Tests only: a small derivation cost (production always wraps at KDF_COST). */
  testCost?: KdfCost,
): { keyEpoch: number } {
  const config = requireOwnerDevice(db, 'change the sync passphrase');
  checkPassphraseStrength(input.next, ['next']);
  const file = requireWorkspaceFile(folder, config);
  if (input.next === input.current) throw invalid(['next'], 'unchanged', 'The new passphrase is the same as the current one');
  const opened = unwrapWithPassphrase(file, input.current);
  if (!opened) throw invalid(['current'], 'wrong_passphrase', 'Wrong sync passphrase');
  // The rewrap takes today's parameters, whatever the folder recorded before (an old scrypt wrapping is upgraded).
  const kdf = newKdfParams(testCost);
  const kek = deriveKek(input.next, kdf);
  writeWorkspaceFile(folder, config, { ...file, kdf, wrappedKey: wrapWorkspaceKeyWith(opened.key, kek, file.workspaceId) });
  adoptKey(db, config, file, opened.key);
  storeKek(db, kek, kdf);
  return { keyEpoch: file.keyEpoch ?? 0 };
}

/**
 * A new workspace key (epoch + 1) under a new passphrase. Earlier keys travel
 * sealed under the new one, so a device entering the new passphrase reads old
 * files too; a device that does not learn the passphrase reads nothing written from now on.
 */
export function rotateWorkspaceKey(
  db: SyncDb,
  folder: SyncFolder,
  config: SyncConfig,
  passphrase: string,
  /** Tests only: a small derivation cost (production always wraps at KDF_COST). */
  testCost?: KdfCost,
): SyncConfig {
  checkPassphraseStrength(passphrase, ['newPassphrase']);
  const file = requireWorkspaceFile(folder, config);
  const epoch = Math.max(file.keyEpoch ?? 0, config.keyEpoch ?? 0) + 1;
  const key = newWorkspaceKey();
  const pastKeys = { ...config.pastKeys, [String(config.keyEpoch ?? 0)]: config.workspaceKey };
  const kdf = newKdfParams(testCost);
  const kek = deriveKek(passphrase, kdf);
  writeWorkspaceFile(folder, config, {
    ...file,
    kdf,
    keyEpoch: epoch,
    wrappedKey: wrapWorkspaceKeyWith(key, kek, file.workspaceId),
    pastKeys: wrapWith(Buffer.from(JSON.stringify(pastKeys)), key, pastKeysContext(file.workspaceId, epoch)),
  });
  const next: SyncConfig = { ...config, workspaceKey: key.toString('base64'), keyEpoch: epoch, pastKeys };
  writeConfig(db, next);
  storeKek(db, kek, kdf);
  return next;
}
