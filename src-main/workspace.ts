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
import { createAppRouter } from './api/handlers';
import { createHost, type HostCalls } from './api/host';
import type { Router } from './api/router';
import { closeDatabase, openDatabase, type Db } from './db/connection';
import { backupBeforeMigration } from './services/backups';
import { systemClock, type Actor, type Clock, type ServiceContext } from './services/context';
import { initWorkspace, isInitialised, type InitOptions } from './services/settings';
import { refreshOpenGroups } from './services/open-groups';

export interface Workspace extends HostCalls {
  /** The open database; a different handle after a restore (see api/host.ts). */
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
  const open = (): Db =>
    openDatabase(file, {
      ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
      beforeMigrate: (sqlite) => void backupBeforeMigration(sqlite, file, clock.now()),
    });
  let db = open();
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
  const base: Omit<Workspace, keyof HostCalls> = {
    get db() {
      return db;
    },
    router,
    onChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clock,
    context: (actor) => ({ db, clock, actor }),
    close: () => closeDatabase(db),
  };
  const reopen = () => {
    closeDatabase(db);
    db = open();
  };
  return Object.assign(
    base,
    createHost(base, { reopen, ...(options.onInternalError ? { onInternalError: options.onInternalError } : {}) }),
  );
}
