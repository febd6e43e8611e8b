/**
 * The workspace: the composition root every host shares (the Electron window,
 * the HTTP bridge, the CLI, tests) and its one door, `invoke`. Opening it opens
 * the database file (pragmas, migrations, device id), optionally initialises a
 * new school, and builds the router; hosts differ only in how they name the
 * caller (a sign-in session, or a known actor).
 *
 * Every call takes the same path, whatever its method:
 *   wait out a running restore -> the router's checks -> the backup its spec asks
 *   for -> the router runs it (read, write or file work, per its spec) -> tell
 *   the change listeners which tables it wrote.
 * No code here or anywhere tests a method's name: what a method needs is
 * declared in its contract spec (src-shared/api/spec.ts). Work that must follow a
 * change but is no part of it (rewriting the open-groups feed on disk) hooks in
 * as a change listener instead of into every service that writes those tables.
 *
 * Restoring a backup closes the database file, swaps it and reopens it; the
 * workspace object stays the same and only its `db` changes, while calls that
 * arrive meanwhile wait instead of meeting a closed database.
 *
 * The database key comes from the host (the keychain in the app, the key file for
 * the CLI and bridge) and never from the database; so do the sync secrets, kept
 * in the same store (`secrets`), which the workspace moves out of the local
 * state of a database from an earlier version every time it opens a file (a
 * restored old backup included). When the host has just made
 * that key (`newKey`: a first run, or a plain file from an earlier version being
 * encrypted), the workspace remembers in local state that its recovery key is
 * still to be shown; the owner's first screen shows it until they confirm they
 * wrote it down, and it is never offered again.
 */
import type { BackupInfo, BackupReason, RestoreResult } from '../../src-shared/api/backups-methods';
import type { CallResult } from '../../src-shared/errors';
import { syncedTables } from '../db/schema';
import { closeDatabase, openDatabase, readLocal, writeLocal, type Db } from '../db/connection';
import { recoveryKeyOf, type DatabaseKey, type KeyStore } from '../db/keys';
import { systemClock, type Actor, type Clock, type ServiceContext } from '../core/context';
import { repairDefaultTemplates } from '../services/default-templates';
import { refreshOpenGroups } from '../services/open-groups';
import { initWorkspace, isInitialised, type InitOptions } from '../services/settings';
import {
  adoptAsBackup,
  backupBeforeEncryption,
  backupBeforeMigration,
  backupFile,
  backupsFolder,
  listBackups,
  takeBackup,
} from '../upkeep/backups';
import { restoreDatabase } from '../upkeep/maintenance';
import { reapplyErasures } from '../changes/erasure';
import { compactAfterPurge } from '../changes/purge';
import { rebuildClientSearch } from '../db/search';
import { ownerActor } from './actors';
import { createAppRouter } from './handlers';
import { toErrorData } from './errors';
import type { WorkspaceFiles } from './router';
import { SessionStore } from './sessions';
import { deviceAuthor, moveSyncSecrets } from '../sync';

/** Who is calling: a sign-in session (the app's window, a browser tab on the bridge) or a known actor (the CLI, tests). */
export type Caller = { readonly session: string } | { readonly actor: Actor };

export interface Workspace {
  /** The open database; a different handle after a restore. */
  readonly db: Db;
  readonly clock: Clock;
  readonly sessions: SessionStore;
  /** The one door: every call of every host comes through here. Never throws; failures are data. */
  invoke(caller: Caller, method: string, input: unknown): Promise<CallResult>;
  /** A backup taken by the workspace itself (at start, on a schedule). */
  takeBackup(reason: BackupReason): Promise<BackupInfo>;
  /** Told about every backup taken (the scheduler restarts its interval). */
  readonly backupListeners: Set<(info: BackupInfo) => void>;
  /** Called with the changed tables after every committed call that wrote something; returns an unsubscribe. */
  onChanged(listener: (tables: readonly string[]) => void): () => void;
  close(): void;
}

export interface OpenWorkspaceOptions {
  /** The database key, from the host's key store (db/keys.ts). */
  key: DatabaseKey;
  /** The host made `key` just now: the owner is shown its recovery key once. */
  newKey?: boolean;
  /** The store `key` came from: sync keeps its secrets there. Absent when the key was typed (sync then cannot run). */
  secrets?: KeyStore | null;
  clock?: Clock;
  /** Create the workspace (settings + owner) when the file holds none yet: the app's first run. */
  initIfEmpty?: InitOptions;
  migrationsFolder?: string;
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * What the workspace puts right whenever it opens, as the system (so never on
 * anyone's undo stack): default message templates that are missing. Skipped on a
 * computer that syncs as someone's device rather than the owner's own: the other
 * replicas accept from it only what its user wrote, so the owner's computer
 * repairs and the templates arrive by sync.
 */
function repairOnOpen(db: Db, clock: Clock): void {
  if (!isInitialised({ db })) return;
  const author = deviceAuthor(db);
  if (author && author.userId !== null) return;
  repairDefaultTemplates({ db, clock });
}

/** local_state key: the recovery key of this database's key has not been confirmed as written down yet. */
const recoveryUnseenKey = 'security.recovery_key_unseen';

/**
 * The tombstone list beside the file outlives every backup: a database restored
 * from before an erasure (or opened after one failed half-way) is erased again
 * before anyone reads it, and its freed pages are given back.
 */
function eraseAgain(db: Db): void {
  if (reapplyErasures(db) > 0) compactAfterPurge(db, rebuildClientSearch);
}

export function openWorkspace(file: string, options: OpenWorkspaceOptions): Workspace {
  const clock = options.clock ?? systemClock;
  const { key } = options;
  const open = (): Db => {
    const opened = openDatabase(file, {
      key,
      secrets: options.secrets ?? null,
      ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
      beforeMigrate: (sqlite) => void backupBeforeMigration(sqlite, file, key, clock.now()),
      beforeEncrypt: (plain) => void backupBeforeEncryption(plain, file, key, clock.now()),
    });
    moveSyncSecrets(opened);
    return opened;
  };
  let db = open();
  eraseAgain(db);
  if (options.newKey) writeLocal(db.sqlite, recoveryUnseenKey, clock.now().toISOString());
  if (options.initIfEmpty && !isInitialised({ db })) initWorkspace({ db, clock }, options.initIfEmpty);
  repairOnOpen(db, clock);

  const router = createAppRouter(options.onInternalError ? { onInternalError: options.onInternalError } : {});
  const sessions = new SessionStore({
    get db() {
      return db;
    },
    clock,
  });
  const changeListeners = new Set<(tables: readonly string[]) => void>();
  const backupListeners = new Set<(info: BackupInfo) => void>();
  let restoring: Promise<unknown> | null = null;

  async function backup(reason: BackupReason): Promise<BackupInfo> {
    const info = await takeBackup(db, clock.now(), reason);
    for (const listener of backupListeners) listener(info);
    return info;
  }

  async function restoreNow(id: string, sourceKey?: DatabaseKey): Promise<RestoreResult> {
    // Checked (with the recovery key's key, for a backup from another computer) before the database is closed.
    const source = backupFile(db, id, sourceKey);
    const restored = listBackups(backupsFolder(db).folder).find((b) => b.id === id);
    if (!restored) throw new Error(`Backup ${id} disappeared`);
    closeDatabase(db);
    let safetyFile: string | null;
    try {
      // restoreDatabase first copies the file it replaces; that copy becomes the
      // before-restore backup, so a mistaken restore is undone by restoring it.
      safetyFile = (await restoreDatabase(file, source, sourceKey ? { key, sourceKey } : { key }, clock.now())).safetyBackup;
    } finally {
      db = open();
      eraseAgain(db);
    }
    const safety = safetyFile ? adoptAsBackup(db, safetyFile, clock.now(), 'before-restore') : await backup('before-restore');
    return { restored, safety };
  }

  /** The file work one call may do; `replaced` records that a restore swapped the whole database. */
  function filesFor(call: { replaced: boolean }): WorkspaceFiles {
    return {
      backup: (reason) => backup(reason),
      async restore(id, sourceKey) {
        const job = restoreNow(id, sourceKey);
        restoring = job;
        try {
          const result = await job;
          call.replaced = true;
          return result;
        } finally {
          restoring = null;
        }
      },
      recoveryKey: () => (readLocal(db.sqlite, recoveryUnseenKey) ? recoveryKeyOf(key) : null),
      recoveryKeySaved() {
        db.sqlite.prepare('DELETE FROM local_state WHERE key = ?').run(recoveryUnseenKey);
      },
    };
  }

  function contextOf(caller: Caller, method: string): ServiceContext {
    return 'actor' in caller ? { db, clock, actor: caller.actor } : sessions.context(caller.session, method);
  }

  function announce(method: string, tables: readonly string[]): void {
    for (const listener of [...changeListeners]) {
      try {
        listener(tables);
      } catch (error) {
        options.onInternalError?.(`${method} (after commit)`, error);
      }
    }
  }

  async function invoke(caller: Caller, method: string, input: unknown): Promise<CallResult> {
    while (restoring) await restoring.catch(() => undefined);
    try {
      const ctx = contextOf(caller, method);
      const checked = router.check(ctx, method, input);
      if (!checked.ok) return checked;
      const { spec } = checked.call;
      // A dry run writes nothing, so it needs no backup.
      if (spec.backupBefore && (checked.call.input as { dryRun?: unknown }).dryRun !== true) await backup(spec.backupBefore);
      const call = { replaced: false };
      const result = await router.run(ctx, checked.call, filesFor(call));
      // A restore replaced every table: screens refetch everything.
      const changed = call.replaced ? Object.keys(syncedTables) : result.ok ? result.changed : undefined;
      if (!result.ok || !changed) return result;
      announce(method, changed);
      return { ...result, changed };
    } catch (error) {
      const data = toErrorData(error);
      if (data.code === 'INTERNAL') options.onInternalError?.(method, error);
      return { ok: false, error: data };
    }
  }

  changeListeners.add((tables) => refreshOpenGroups(db, clock, tables));
  return {
    get db() {
      return db;
    },
    clock,
    sessions,
    invoke,
    takeBackup: backup,
    backupListeners,
    onChanged: (listener) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    close: () => closeDatabase(db),
  };
}

/**
 * Works out what the first screen after sign-in shows (Today and its badge) while
 * the window loads and the user signs in, so the first open is served from what
 * services/today-cache.ts keeps instead of being computed then: about a second at
 * 100,000 clients. Hosts call it once the window or server is up. It changes
 * nothing, and a failure (a school with no owner yet) only means the screen
 * computes its lists itself.
 */
export async function prepareFirstScreen(workspace: Workspace): Promise<void> {
  try {
    await workspace.invoke({ actor: ownerActor(workspace.db) }, 'today.counts', {});
  } catch {
    // Nothing to prepare: the screen asks for its lists as it always does.
  }
}
