/**
 * How hosts call the workspace. The Electron window and the bridge's browser
 * tabs call through a sign-in session (`invoke`); the CLI and tests as a known
 * actor (`invokeAs`). Nearly every method goes straight to the router, inside
 * one transaction. A few cannot: taking a backup is asynchronous (the online
 * backup API copies in steps) and restoring one must close the database file,
 * swap it and reopen it — so the host runs those itself, after exactly the same
 * checks as the router makes (`precheck`). It also takes a backup before the
 * methods that replace much data at once (an import's commit), so a bad import
 * is never the end of the school's records, and compacts the file after a purge
 * (VACUUM cannot run inside a transaction).
 *
 * While a restore runs, other calls wait for it instead of meeting a closed
 * database; the workspace object stays the same, only its `db` changes.
 */
import type { BackupInfo, BackupReason, RestoreResult } from '../../src-shared/api/backups-methods';
import type { Db } from '../db/connection';
import { compactAfterPurge } from '../db/purge';
import { syncedTables } from '../db/schema';
import { rebuildClientSearch } from '../db/search';
import { adoptAsBackup, backupFile, backupsFolder, listBackups, takeBackup } from '../services/backups';
import type { Actor, Clock, ServiceContext } from '../services/context';
import { restoreDatabase } from '../services/maintenance';
import { precheck, toErrorData, type CallResult, type Router } from './router';
import { SessionStore } from './sessions';

export interface HostCalls {
  readonly sessions: SessionStore;
  /** A call on a sign-in session (the app's window, a browser tab on the bridge). */
  invoke(sessionKey: string, method: string, input: unknown): Promise<CallResult>;
  /** A call as a known actor (the CLI's `--as`, tests). */
  invokeAs(actor: Actor, method: string, input: unknown): Promise<CallResult>;
  takeBackup(reason: BackupReason): Promise<BackupInfo>;
  /** Listeners told about every backup the host takes (the scheduler restarts its interval). */
  readonly backupListeners: Set<(info: BackupInfo) => void>;
}

/** Methods a backup is taken before, when the caller may call them and the input is valid. */
export const backupBefore: ReadonlyMap<string, BackupReason> = new Map([['imports.commit', 'before-import']]);

/** Work that must follow a method's committed transaction but cannot be part of it. */
const afterCommit: ReadonlyMap<string, (db: Db) => void> = new Map([
  ['records.purge', (db: Db) => compactAfterPurge(db.sqlite, rebuildClientSearch)],
]);

interface HostBase {
  readonly db: Db;
  readonly clock: Clock;
  readonly router: Router;
}

export interface HostOptions {
  /** Closes the database and opens the file again (after a restore swapped it). */
  reopen(): void;
  onInternalError?: (method: string, error: unknown) => void;
}

export function createHost(base: HostBase, options: HostOptions): HostCalls {
  const sessions = new SessionStore(base);
  const backupListeners = new Set<(info: BackupInfo) => void>();
  let restoring: Promise<unknown> | null = null;

  async function backup(reason: BackupReason): Promise<BackupInfo> {
    const info = await takeBackup(base.db, base.clock.now(), reason);
    for (const listener of backupListeners) listener(info);
    return info;
  }

  async function restore(id: string): Promise<RestoreResult> {
    const source = backupFile(base.db, id);
    const restored = listBackups(backupsFolder(base.db).folder).find((b) => b.id === id);
    if (!restored) throw new Error(`Backup ${id} disappeared`);
    const target = base.db.file;
    base.db.sqlite.close();
    let safetyFile: string | null;
    try {
      // restoreDatabase first copies the file it replaces; that copy becomes the
      // before-restore backup, so a mistaken restore is undone by restoring it.
      safetyFile = (await restoreDatabase(target, source, base.clock.now())).safetyBackup;
    } finally {
      options.reopen();
    }
    const safety = safetyFile ? adoptAsBackup(base.db, safetyFile, base.clock.now(), 'before-restore') : await backup('before-restore');
    return { restored, safety };
  }

  async function run(contextOf: () => ServiceContext, method: string, input: unknown): Promise<CallResult> {
    while (restoring) await restoring.catch(() => undefined);
    const before = backupBefore.get(method);
    const after = afterCommit.get(method);
    if (after) {
      const result = base.router.call(contextOf(), method, input);
      if (result.ok) after(base.db);
      return result;
    }
    if (method !== 'backups.create' && method !== 'backups.restore' && !before) return base.router.call(contextOf(), method, input);
    const checked = precheck(contextOf(), method, input);
    if (!checked.ok) return checked;
    try {
      if (before) {
        // A dry run writes nothing, so it needs no backup.
        if ((checked.input as { dryRun?: unknown }).dryRun !== true) await backup(before);
        return base.router.call(contextOf(), method, input);
      }
      if (method === 'backups.create') return { ok: true, value: await backup('manual') };
      const job = restore((checked.input as { id: string }).id);
      restoring = job;
      try {
        return { ok: true, value: await job, changed: Object.keys(syncedTables) };
      } finally {
        restoring = null;
      }
    } catch (error) {
      const data = toErrorData(error);
      if (data.code === 'INTERNAL') options.onInternalError?.(method, error);
      return { ok: false, error: data };
    }
  }

  return {
    sessions,
    backupListeners,
    invoke: (sessionKey, method, input) => run(() => sessions.context(sessionKey, method), method, input),
    invokeAs: (actor, method, input) => run(() => ({ db: base.db, clock: base.clock, actor }), method, input),
    takeBackup: backup,
  };
}
