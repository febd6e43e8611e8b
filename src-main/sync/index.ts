/**
 * Sync as the rest of the app uses it: the engine (engine.ts and the files it
 * orders) bound to the folder this device was set up with, remembered in local
 * state. Handlers, the CLI and the scheduler call these, so the folder path, the
 * rule that the live database never sits inside the shared folder, and the
 * wording of status all live in one place. This is the folder's public face:
 * code outside src-main/sync imports from here (tests also drive the engine
 * itself through the exports at the end), so the split of the engine into files
 * by concern can change without touching its callers.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { SyncDevice, SyncReport, SyncStatusView } from '../../src-shared/api/sync-methods';
import { AppError, invalid, notFound } from '../../src-shared/errors';
import type { Role } from '../../src-shared/domain';
import { readLocal, writeLocal, type Db } from '../db/connection';
import type { Clock, ServiceContext } from '../core/context';
import { syncNow, type SyncOptions } from './engine';
import { diskFolder, type SyncFolder } from './folder';
import { refusal, type Author } from './policy';
import type { RemoteEntry } from '../changes/merge';
import { changePassphrase, unlockSync } from './keys';
import { FOLDER_KEY, readSettings } from './local-state';
import { approveDevice, createInvite, joinSync, listDevices, revokeDevice, setupSync } from './membership';
import { syncStatus } from './status';

/**
 * A database from an earlier version keeps its sync secrets in local state; the
 * workspace moves them into its key store whenever it opens a file (local-state.ts).
 */
export { moveSyncSecrets } from './local-state';

function checkFolder(folder: string, dbFile: string): string {
  const path = resolve(folder);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw invalid(['folder'], 'not_found', 'This folder does not exist');
  const real = realpathSync(path);
  const dbReal = existsSync(dbFile) ? realpathSync(dbFile) : resolve(dbFile);
  if (dbReal === real || dbReal.startsWith(real + sep))
    throw invalid(
      ['folder'],
      'contains_database',
      'The database itself is inside this folder; choose the shared folder, not the app’s own',
    );
  return real;
}

/**
 * The role this device's certificate grants, or null when sync is off. Other
 * replicas refuse what this role may not do, so a host that lets someone sign in
 * on this machine should cap their capabilities by it (an owner signing in on the
 * assistant's computer still writes as that computer).
 */
export function deviceRole(db: Db): Role | null {
  return readSettings(db)?.role ?? null;
}

/**
 * Who every other replica will take this device's entries to be written by: the
 * user and role of its certificate, or the owner's root device (no user: it
 * certifies users itself). Null while sync is off here.
 */
export function deviceAuthor(db: Db): Author | null {
  const config = readSettings(db);
  if (!config) return null;
  return config.ownerDeviceId === db.deviceId ? { role: 'owner', userId: null } : { role: config.role, userId: config.userId };
}

/**
 * Judges the entries this device logged after `afterSeq` exactly as other
 * replicas will, and throws FORBIDDEN if they would refuse any of it. The router
 * runs it inside a call's transaction, so a change that would make this replica
 * diverge from the rest is rolled back before it is committed.
 */
export function refuseDivergence(db: Db, afterSeq: number, actor: { username: string }): void {
  const author = deviceAuthor(db);
  if (!author) return;
  const rows = db.sqlite
    .prepare(
      'SELECT hlc, tx, device_id AS deviceId, user_id AS userId, table_name AS "table", row_id AS rowId, "column", value FROM changes WHERE seq > ? AND device_id = ?',
    )
    .all(afterSeq, db.deviceId) as RemoteEntry[];
  const byTx = new Map<string, RemoteEntry[]>();
  for (const entry of rows) byTx.set(entry.tx, [...(byTx.get(entry.tx) ?? []), entry]);
  for (const entries of byTx.values()) {
    const reason = refusal(author, entries);
    if (!reason) continue;
    const registered = author.userId
      ? ((db.sqlite.prepare('SELECT username FROM users WHERE id = ?').pluck().get(author.userId) as string | undefined) ?? author.userId)
      : null;
    const message =
      reason === 'wrong_author'
        ? `This computer is registered for sync as ${registered}; changes made here by ${actor.username || 'anyone else'} would be refused by the other computers. Sign in as ${registered} to make changes here.`
        : `This computer is registered for sync for the ${author.role} role; the other computers would refuse this change (${entries[0]?.table ?? ''})`;
    throw new AppError('FORBIDDEN', message, [{ path: [], code: `sync_${reason}`, message }]);
  }
}

/** The folder this device syncs through, or null while sync is off here. */
export function syncFolderPath(db: Db): string | null {
  return readSettings(db) ? (readLocal(db.sqlite, FOLDER_KEY) ?? null) : null;
}

export function syncFolderOf(db: Db): SyncFolder {
  const path = readLocal(db.sqlite, FOLDER_KEY);
  if (!path || !readSettings(db))
    throw new AppError('CONFLICT', 'Sync is not set up on this device', [
      { path: [], code: 'not_set_up', message: 'Sync is not set up on this device' },
    ]);
  if (!existsSync(path)) {
    writeLocal(db.sqlite, 'sync.lastError', 'folder_missing');
    throw new AppError('CONFLICT', `The sync folder ${path} cannot be found; is the cloud drive connected?`, [
      { path: ['folder'], code: 'folder_missing', message: 'The sync folder cannot be found' },
    ]);
  }
  return diskFolder(path);
}

export function setUpSync(ctx: ServiceContext, input: { folder: string; passphrase: string }): { workspaceId: string; deviceId: string } {
  const path = checkFolder(input.folder, ctx.db.file);
  const result = setupSync(ctx.db, diskFolder(path), ctx.clock, { passphrase: input.passphrase, userId: ctx.actor.userId });
  writeLocal(ctx.db.sqlite, FOLDER_KEY, path);
  return result;
}

export function joinSyncFolder(
  db: Db,
  clock: Clock,
  input: { folder: string; code: string; passphrase: string },
): { deviceId: string; safetyCode: string } {
  const path = checkFolder(input.folder, db.file);
  const result = joinSync(db, diskFolder(path), clock, input);
  writeLocal(db.sqlite, FOLDER_KEY, path);
  return result;
}

export function inviteUser(ctx: ServiceContext, username: string): { code: string } {
  const user = ctx.db.sqlite.prepare('SELECT id, username, role FROM users WHERE username = ? AND deleted_at IS NULL').get(username) as
    { id: string; username: string; role: Role } | undefined;
  if (!user) throw notFound('user', username, ['username']);
  return createInvite(ctx.db, syncFolderOf(ctx.db), user);
}

export function devices(ctx: ServiceContext): SyncDevice[] {
  return listDevices(ctx.db, syncFolderOf(ctx.db));
}

export function approve(ctx: ServiceContext, deviceId: string): SyncDevice[] {
  approveDevice(ctx.db, syncFolderOf(ctx.db), deviceId);
  return devices(ctx);
}

export function revoke(ctx: ServiceContext, deviceId: string, newPassphrase?: string): SyncDevice[] {
  revokeDevice(ctx.db, syncFolderOf(ctx.db), deviceId, newPassphrase === undefined ? undefined : { passphrase: newPassphrase });
  return devices(ctx);
}

export function changeSyncPassphrase(ctx: ServiceContext, input: { current: string; next: string }): { keyEpoch: number } {
  return changePassphrase(ctx.db, syncFolderOf(ctx.db), input);
}

export function unlock(ctx: ServiceContext, passphrase: string): { keyEpoch: number } {
  return unlockSync(ctx.db, syncFolderOf(ctx.db), passphrase);
}

export function syncHere(ctx: Pick<ServiceContext, 'db' | 'clock'>, options?: SyncOptions): SyncReport {
  try {
    return syncNow(ctx.db, syncFolderOf(ctx.db), ctx.clock, options);
  } catch (error) {
    if (error instanceof AppError && error.fields?.[0]?.code === 'cloned')
      return { sent: 0, received: 0, applied: 0, rejected: 0, parked: 0, problem: 'cloned' };
    throw error;
  }
}

export function status(db: Db): SyncStatusView {
  return syncStatus(db);
}

// The engine itself, for tests and the bench, which drive several replicas over one folder directly.
export { syncNow } from './engine';
export { approveDevice, createInvite, joinSync, listDevices, revokeDevice, setupSync } from './membership';
export { readConfig, readSettings, syncSecretName } from './local-state';
export { syncStatus } from './status';
