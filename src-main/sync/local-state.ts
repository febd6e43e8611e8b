/**
 * What this device remembers about sync, kept in its own database and never in
 * the shared folder: its configuration (workspace, keys, role) under
 * `sync.config`, and its bookkeeping as JSON or text under the other `sync.*`
 * keys of local state (`sync.published`, `sync.prunedThrough`, `sync.invites`,
 * `sync.kek`, `sync.skewed`, `sync.snapshotCovers`, `sync.acknowledgers`, `sync.filesSinceSnapshot`,
 * `sync.lastSync`, `sync.lastError`, `sync.folder`, `sync.peerAcks`, `sync.erasedSeqs`,
 * `sync.credentialsSent`). Every file of this folder
 * reads the configuration and the sync tables through the helpers here, so a
 * missing value falls back the same way everywhere and no part of sync reads a
 * shape another part never wrote.
 */
import type Database from 'better-sqlite3';
import type { Role } from '../../src-shared/domain';
import { AppError } from '../../src-shared/errors';
import { readLocal, writeLocal } from '../db/connection';
import type { DeviceKeys } from './crypto';

/** The local-state key of the folder this device syncs through (read by status, written by set-up and join). */
export const FOLDER_KEY = 'sync.folder';

export interface SyncDb {
  sqlite: Database.Database;
  deviceId: string;
  /** The database file, where there is one: the tombstone list lives beside it (changes/erasure.ts). */
  file?: string;
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

export function readConfig(db: SyncDb): SyncConfig | null {
  const text = readLocal(db.sqlite, 'sync.config');
  return text ? (JSON.parse(text) as SyncConfig) : null;
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
