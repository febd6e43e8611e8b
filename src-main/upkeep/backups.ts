/**
 * Automatic and on-demand backups of the whole database, kept in a folder on
 * this machine (by default `backups/` beside the database) and never inside a
 * cloud sync folder: a sync service would upload every copy of the school's
 * records and, worse, could hand a half-uploaded copy to another machine.
 *
 * Copies are made with `VACUUM INTO` through maintenance.ts (a consistent
 * snapshot, encrypted with the database's key, verified with `integrity_check`
 * before it gets its name), the one taken while a database is being opened
 * before its migrations included. Every backup is encrypted and 0600: the one
 * taken before a plain file from an earlier version is encrypted is encrypted
 * itself, and the plain backups that version left in the folder are encrypted
 * in place then, so no copy of the school stays readable without the key. A backup's file name carries when and why it was
 * taken, so the folder itself is the list; nothing about backups is stored in
 * the database they protect.
 *
 * Thinning keeps the newest few plus the newest of each of the last 7 days, 4
 * ISO weeks and 12 months; it is a pure function of the file names. A backup
 * copied in from another computer (encrypted with another key, so this key does
 * not open it) is listed as needing its recovery key and is never thinned: it
 * was put there to be restored, and its date says nothing about this school's
 * history.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { BackupContents, BackupInfo, BackupReason, BackupsOverview } from '../../src-shared/api/backups-methods';
import { AppError, invalid } from '../../src-shared/errors';
import { parseHlc } from '../../src-shared/hlc';
import { encryptOpenFile, isPlainDatabaseFile, openKeyed, readLocal, type Db, type Sqlite } from '../db/connection';
import { makePrivate, type DatabaseKey } from '../db/keys';
import { newestHlc } from '../changes/changelog';
import { backupDatabase, checkDatabaseFile, writeEncryptedCopy } from './maintenance';

const reasons: readonly BackupReason[] = ['start', 'interval', 'manual', 'before-import', 'before-restore', 'before-migration'];
const folderKey = 'backups.folder';
/** Backups are `.tanoda` files (the desktop opens them to restore); those of earlier versions end in `.db` and still list. */
const namePattern = /^tanoda-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z-]+)\.(?:tanoda|db)$/;

// ---- names ---------------------------------------------------------------------------

export function backupFileName(takenAt: Date, reason: BackupReason): string {
  const stamp = takenAt.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `tanoda-${stamp}-${reason}.tanoda`;
}

export function parseBackupName(name: string): { takenAt: string; reason: BackupReason } | null {
  const m = namePattern.exec(name);
  if (!m) return null;
  const reason = m[8] as BackupReason;
  if (!reasons.includes(reason)) return null;
  const takenAt = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
  return Number.isNaN(Date.parse(takenAt)) ? null : { takenAt, reason };
}

// ---- thinning (pure) ---------------------------------------------------------------------

export interface RetentionPolicy {
  newest: number;
  daily: number;
  weekly: number;
  monthly: number;
}

export const defaultRetention: RetentionPolicy = { newest: 3, daily: 7, weekly: 4, monthly: 12 };

/** ISO 8601 week of a UTC instant, e.g. `2026-W53` for 31 December 2026. */
export function isoWeekKey(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which backups to keep: the `newest` few, and the newest backup of each of the
 * most recent `daily` days, `weekly` ISO weeks and `monthly` months that have
 * one (UTC calendar). Returns the ids to delete; the input order does not matter.
 */
export function backupsToThin(backups: readonly { id: string; takenAt: string }[], policy: RetentionPolicy = defaultRetention): string[] {
  const sorted = [...backups].sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : a.id < b.id ? 1 : -1));
  const keep = new Set<string>(sorted.slice(0, policy.newest).map((b) => b.id));
  const buckets: [number, (at: Date) => string][] = [
    [policy.daily, (at) => at.toISOString().slice(0, 10)],
    [policy.weekly, isoWeekKey],
    [policy.monthly, (at) => at.toISOString().slice(0, 7)],
  ];
  for (const [count, keyOf] of buckets) {
    const seen = new Set<string>();
    for (const backup of sorted) {
      const key = keyOf(new Date(backup.takenAt));
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(backup.id);
    }
  }
  return sorted.filter((b) => !keep.has(b.id)).map((b) => b.id);
}

// ---- where backups live --------------------------------------------------------------------

/** Folder names cloud sync clients create; a path through one of them is synced. */
const syncFolderNames = [
  /^dropbox( \(.*\))?$/i,
  /^google ?drive$/i,
  /^my drive$/i,
  /^onedrive( - .*)?$/i,
  /^yandex\.?disk$/i,
  /^icloud ?drive$/i,
  /^mobile documents$/i,
  /^sync$/i,
  /^syncthing$/i,
  /^box( sync)?$/i,
  /^pcloud ?drive$/i,
  /^megasync$/i,
];
/** Marker files sync clients leave in the folders they manage. */
const syncMarkers = ['.stfolder', '.dropbox', '.dropbox.cache', '.sync', '.tresorit'];

/** Why `folder` looks like (or lies inside) a cloud sync folder, or null. */
export function syncFolderReason(folder: string, extraSyncFolders: readonly string[] = []): string | null {
  const absolute = resolve(folder);
  for (const synced of extraSyncFolders) {
    const root = resolve(synced);
    if (absolute === root || absolute.startsWith(root + sep)) return `it is inside the sync folder ${root}`;
  }
  const parts = absolute.split(sep).filter(Boolean);
  const named = parts.find((part) => syncFolderNames.some((pattern) => pattern.test(part)));
  if (named) return `“${named}” is a cloud sync folder`;
  let dir = absolute;
  for (;;) {
    const marker = syncMarkers.find((m) => existsSync(join(dir, m)));
    if (marker) return `${dir} is managed by a sync service (${marker})`;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function defaultBackupsFolder(databaseFile: string): string {
  return join(dirname(resolve(databaseFile)), 'backups');
}

export function backupsFolder(db: Pick<Db, 'sqlite' | 'file'>): { folder: string; isDefault: boolean } {
  const chosen = readLocal(db.sqlite, folderKey);
  return chosen ? { folder: chosen, isDefault: false } : { folder: defaultBackupsFolder(db.file), isDefault: true };
}

/** Validates a folder for backups; null restores the default. Writes local state only. */
export function setBackupsFolder(db: Db, folder: string | null, syncFolders: readonly string[] = []): void {
  if (folder === null || folder === '') {
    db.sqlite.prepare('DELETE FROM local_state WHERE key = ?').run(folderKey);
    return;
  }
  if (!isAbsolute(folder)) throw invalid(['folder'], 'not_absolute', 'Give the full path of a folder');
  const reason = syncFolderReason(folder, syncFolders);
  if (reason) throw invalid(['folder'], 'sync_folder', `Backups must not be kept in a cloud sync folder: ${reason}`);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw invalid(['folder'], 'not_writable', `Cannot use this folder: ${error instanceof Error ? error.message : String(error)}`);
  }
  db.sqlite
    .prepare('INSERT INTO local_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(folderKey, resolve(folder));
}

// ---- listing, taking, thinning ------------------------------------------------------------

export function listBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const result: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    result.push({ id: name, takenAt: parsed.takenAt, reason: parsed.reason, bytes: statSync(join(folder, name)).size });
  }
  return result.sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : 0));
}

/**
 * The file is encrypted with a key other than `key`: a backup from another
 * computer, which only its recovery key opens. Reads the first page only; a
 * plain file, or one that is damaged in another way, is not called foreign (the
 * restore's own check says what is wrong with it).
 */
export function needsOtherKey(file: string, key: DatabaseKey): boolean {
  if (isPlainDatabaseFile(file)) return false;
  try {
    openKeyed(file, key, { readonly: true, fileMustExist: true }).close();
    return false;
  } catch (error) {
    return error instanceof AppError && error.code === 'FORBIDDEN';
  }
}

export function backupsOverview(db: Db): BackupsOverview {
  const { folder, isDefault } = backupsFolder(db);
  const backups = listBackups(folder).map((backup) => ({ ...backup, needsRecoveryKey: needsOtherKey(join(folder, backup.id), db.key) }));
  return { folder, folderIsDefault: isDefault, backups };
}

/** Thins the folder's backups; with `key`, only those it opens (a backup from another computer is kept). */
export function thinBackupsIn(folder: string, policy: RetentionPolicy = defaultRetention, key?: DatabaseKey): string[] {
  const own = listBackups(folder).filter((backup) => !key || !needsOtherKey(join(folder, backup.id), key));
  const doomed = backupsToThin(own, policy);
  for (const id of doomed) rmSync(join(folder, id), { force: true });
  return doomed;
}

function infoOf(folder: string, name: string): BackupInfo {
  const parsed = parseBackupName(name);
  if (!parsed) throw new Error(`Not a backup name: ${name}`);
  return { id: name, takenAt: parsed.takenAt, reason: parsed.reason, bytes: statSync(join(folder, name)).size };
}

function uniqueName(folder: string, takenAt: Date, reason: BackupReason): string {
  let at = takenAt;
  while (existsSync(join(folder, backupFileName(at, reason)))) at = new Date(at.getTime() + 1);
  return backupFileName(at, reason);
}

/** Takes a verified backup of the open database into its backups folder, then thins the folder. */
export async function takeBackup(db: Db, now: Date, reason: BackupReason): Promise<BackupInfo> {
  const { folder } = backupsFolder(db);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const name = uniqueName(folder, now, reason);
  await backupDatabase(db, join(folder, name));
  const info = infoOf(folder, name);
  thinBackupsIn(folder, defaultRetention, db.key);
  return info;
}

/** The backups folder of a database that is being opened (its own choice, when it has made one). */
function folderWhileOpening(sqlite: Sqlite, file: string): string {
  const hasLocal = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'local_state'").get() !== undefined;
  const chosen = hasLocal ? readLocal(sqlite, folderKey) : undefined;
  return chosen ?? defaultBackupsFolder(file);
}

/** A verified, encrypted backup of a connection being opened, into `folder`, synchronously. */
function backupWhileOpening(sqlite: Sqlite, key: DatabaseKey, folder: string, now: Date): BackupInfo {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const name = uniqueName(folder, now, 'before-migration');
  const partial = join(folder, `.${name}.partial`);
  rmSync(partial, { force: true });
  try {
    writeEncryptedCopy(sqlite, key, partial);
    renameSync(partial, join(folder, name));
  } finally {
    rmSync(partial, { force: true });
  }
  thinBackupsIn(folder, defaultRetention, key);
  return infoOf(folder, name);
}

/**
 * The backup taken while a database with pending migrations is being opened:
 * synchronous, encrypted with the database's key, verified, into the backups folder.
 */
export function backupBeforeMigration(sqlite: Sqlite, file: string, key: DatabaseKey, now: Date): BackupInfo {
  return backupWhileOpening(sqlite, key, folderWhileOpening(sqlite, file), now);
}

/**
 * What happens before a plain database from an earlier version is encrypted in
 * place: a backup of it (encrypted with the new key, like every backup), then
 * the plain backups already in its folder are encrypted where they lie, each
 * through a checked copy and a rename, so none is left readable.
 */
export function backupBeforeEncryption(plain: Sqlite, file: string, key: DatabaseKey, now: Date): BackupInfo {
  const folder = folderWhileOpening(plain, file);
  const info = backupWhileOpening(plain, key, folder, now);
  encryptPlainBackupsIn(folder, key);
  return info;
}

/** Encrypts, with `key`, every backup in `folder` that is still a plain file. Returns their names. */
export function encryptPlainBackupsIn(folder: string, key: DatabaseKey): string[] {
  const encrypted: string[] = [];
  for (const backup of listBackups(folder)) {
    const file = join(folder, backup.id);
    if (!isPlainDatabaseFile(file)) {
      makePrivate(file);
      continue;
    }
    const partial = join(folder, `.${backup.id}.encrypting`);
    rmSync(partial, { force: true });
    try {
      copyFileSync(file, partial);
      makePrivate(partial);
      const copy = openKeyed(partial, null, { fileMustExist: true });
      try {
        encryptOpenFile(copy, key);
      } finally {
        copy.close();
      }
      if (!checkDatabaseFile(partial, key).ok) continue;
      renameSync(partial, file);
      encrypted.push(backup.id);
    } finally {
      rmSync(partial, { force: true });
      for (const suffix of ['-journal', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    }
  }
  return encrypted;
}

/**
 * The file of backup `id`, refusing names that are not backups (so no path can
 * be smuggled in) and files that are not sound Tanoda databases. `sourceKey` is
 * the key a recovery key gave, for a backup from another computer; without it the
 * database's own key must open the file. A key that does not open it is
 * FORBIDDEN on the `recoveryKey` field, so the dialog shows it beside the key.
 */
export function backupFile(db: Db, id: string, sourceKey?: DatabaseKey): string {
  const { folder } = backupsFolder(db);
  if (!parseBackupName(id)) throw invalid(['id'], 'not_a_backup', 'No such backup');
  const file = join(folder, id);
  if (!existsSync(file))
    throw new AppError('NOT_FOUND', 'No such backup', [{ path: ['id'], code: 'not_found', message: 'No such backup' }]);
  const check = checkDatabaseFile(file, sourceKey ?? db.key);
  if (check.wrongKey) {
    const [code, message] = sourceKey
      ? ['wrong_key', 'This recovery key does not open this backup (or the file is not a Tanoda backup)']
      : ['needs_recovery_key', 'This backup was made on another computer: it is restored with its recovery key'];
    throw new AppError('FORBIDDEN', message, [{ path: ['recoveryKey'], code, message }]);
  }
  if (!check.ok) throw invalid(['id'], 'damaged', `This backup cannot be restored: ${check.problems.join('; ')}`);
  return file;
}

/**
 * Deletes backup `id` when it is one from another computer: a copy carried in to be restored, which
 * thinning never removes, so the owner who decides against it removes it by hand. This computer's own
 * backups are refused: they are thinned by the schedule, and the safety copy of a restore is one of them.
 */
export function removeForeignBackup(db: Db, id: string): void {
  const { folder } = backupsFolder(db);
  if (!parseBackupName(id)) throw invalid(['id'], 'not_a_backup', 'No such backup');
  const file = join(folder, id);
  if (!existsSync(file))
    throw new AppError('NOT_FOUND', 'No such backup', [{ path: ['id'], code: 'not_found', message: 'No such backup' }]);
  if (!needsOtherKey(file, db.key))
    throw invalid(['id'], 'own_backup', 'This backup was made on this computer: its own backups are thinned automatically');
  rmSync(file);
}

/** The time of the newest write a backup logged, whichever shape of change log its version kept. */
function lastChangeIn(sqlite: Sqlite): string | null {
  const columns = new Set(sqlite.prepare("SELECT name FROM pragma_table_info('change_log')").pluck().all() as string[]);
  const hlc = columns.has('hlc_ms')
    ? newestHlc(sqlite)
    : columns.has('hlc')
      ? (sqlite.prepare('SELECT hlc FROM change_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined)
      : undefined;
  if (!hlc) return null;
  try {
    return new Date(parseHlc(hlc).millis).toISOString();
  } catch {
    return null;
  }
}

/** What backup `id` holds, opened with `sourceKey` (a recovery key's): the school, its last change, its clients. */
export function describeBackup(db: Db, id: string, sourceKey: DatabaseKey): BackupContents {
  const file = backupFile(db, id, sourceKey);
  const sqlite = openKeyed(file, isPlainDatabaseFile(file) ? null : sourceKey, { readonly: true, fileMustExist: true });
  try {
    const school = sqlite.prepare('SELECT school_name AS name FROM settings WHERE deleted_at IS NULL LIMIT 1').get() as
      { name: string } | undefined;
    const clients = (sqlite.prepare('SELECT count(*) AS n FROM clients WHERE deleted_at IS NULL').get() as { n: number }).n;
    return { id, schoolName: school?.name ?? null, lastChangeAt: lastChangeIn(sqlite), clients };
  } finally {
    sqlite.close();
  }
}

/** Moves a file into the backups folder under a backup name (copy + delete across disks). */
export function adoptAsBackup(db: Db, file: string, now: Date, reason: BackupReason): BackupInfo {
  const { folder } = backupsFolder(db);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const name = uniqueName(folder, now, reason);
  const target = join(folder, name);
  try {
    renameSync(file, target);
  } catch {
    copyFileSync(file, target);
    rmSync(file, { force: true });
  }
  makePrivate(target);
  return infoOf(folder, name);
}
