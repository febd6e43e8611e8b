/**
 * The composition root every host shares: open the database file (pragmas,
 * migrations, device id), optionally initialise a new workspace, and build the
 * router. Electron's index.ts, the CLI and the HTTP bridge each call this and
 * only differ in how they decide who the actor is.
 *
 * The router it hands out tells `onChanged` listeners which tables a call
 * changed, after the call's transaction committed: work that must follow a change
 * but is no part of it (rewriting the open-groups feed on disk) hooks in here
 * instead of into every service that writes those tables.
 */
import { syncedTables } from './db/schema';
import { createAppRouter } from './api/handlers';
import { precheck, toErrorData, type CallResult, type Router } from './api/router';
import { SessionStore } from './api/sessions';
import { closeDatabase, openDatabase, type Db } from './db/connection';
import type { BackupInfo, BackupReason, RestoreResult } from '../src-shared/api/backups-methods';
import { adoptAsBackup, backupBeforeMigration, backupFile, takeBackup } from './services/backups';
import { restoreDatabase } from './services/maintenance';
import { systemClock, type Actor, type Clock, type ServiceContext } from './services/context';
import { initWorkspace, isInitialised, type InitOptions } from './services/settings';
import { refreshOpenGroups } from './services/open-groups';

export interface Workspace {
  readonly db: Db;
  readonly router: Router;
  readonly clock: Clock;
  context(actor: Actor): ServiceContext;
  /** Called with the changed tables after every committed call that wrote something; returns an unsubscribe. */
  onChanged(listener: (tables: readonly string[]) => void): () => void;
  close(): void;
}

export interface OpenWorkspaceOptions {
  clock?: Clock;
  /** Create the workspace (settings + owner) when the file holds none yet: the app's first run. */
  initIfEmpty?: InitOptions;
  migrationsFolder?: string;
  onInternalError?: (method: string, error: unknown) => void;
}

export function openWorkspace(file: string, options: OpenWorkspaceOptions = {}): Workspace {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(file, options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {});
  if (options.initIfEmpty && !isInitialised({ db })) initWorkspace({ db, clock }, options.initIfEmpty);
  const inner = createAppRouter(options.onInternalError ? { onInternalError: options.onInternalError } : {});
  const listeners = new Set<(tables: readonly string[]) => void>();
  const router: Router = {
    call(ctx, method, input) {
      const result = inner.call(ctx, method, input);
      if (result.ok && result.changed) {
        for (const listener of [...listeners]) {
          try {
            listener(result.changed);
          } catch (error) {
            options.onInternalError?.(`${method} (after commit)`, error);
          }
        }
      }
      return result;
    },
  };
  listeners.add((tables) => refreshOpenGroups(db, clock, tables));
  return {
    db,
    router,
    onChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clock,
    context: (actor) => ({ db, clock, actor }),
    close: () => closeDatabase(db),
  };
}
