/**
 * The composition root every host shares: open the database file (pragmas,
 * migrations, device id), optionally initialise a new workspace, and build the
 * router. Electron's index.ts, the CLI and the HTTP bridge each call this and
 * only differ in how they decide who the actor is.
 */
import { createAppRouter } from './api/handlers';
import type { Router } from './api/router';
import { closeDatabase, openDatabase, type Db } from './db/connection';
import { systemClock, type Actor, type Clock, type ServiceContext } from './services/context';
import { initWorkspace, isInitialised, type InitOptions } from './services/settings';

export interface Workspace {
  readonly db: Db;
  readonly router: Router;
  readonly clock: Clock;
  context(actor: Actor): ServiceContext;
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
  const router = createAppRouter(options.onInternalError ? { onInternalError: options.onInternalError } : {});
  return {
    db,
    router,
    clock,
    context: (actor) => ({ db, clock, actor }),
    close: () => closeDatabase(db),
  };
}
