/**
 * Calling the router in-process and synchronously, for tests and benchmarks that
 * hold an open workspace and want an answer now (seeding through services,
 * reading back what a screen saved). Hosts never do this: they go through the
 * workspace's `invoke`, which adds the backups and listeners a call needs; the
 * tests of those go through `invoke` too. It also holds how a test finds the key
 * of the database it opens (`keyBeside`).
 */
import { dirname, join } from 'node:path';
import { createAppRouter } from '../../src-main/api/handlers';
import type { Workspace } from '../../src-main/api/workspace';
import type { Actor, ServiceContext } from '../../src-main/core/context';
import { keyForFile } from '../../src-main/db/connection';
import { fileKeyStore, type DatabaseKey, type KeyStore } from '../../src-main/db/keys';
import { KEY_FILE_NAME } from '../../src-main/paths';
import type { CallResult } from '../../src-shared/errors';

const router = createAppRouter();

/** The context a service runs in, as `actor`, on the workspace's current database. */
export function contextOf(workspace: Workspace, actor: Actor): ServiceContext {
  return { db: workspace.db, clock: workspace.clock, actor };
}

/** One call through the router's checks and transaction, as `actor`. */
export function directCall(workspace: Workspace, actor: Actor, method: string, input: unknown): CallResult {
  return router.call(contextOf(workspace, actor), method, input);
}

/** The same, with a context already made. */
export function directCallIn(ctx: ServiceContext, method: string, input: unknown): CallResult {
  return router.call(ctx, method, input);
}

/**
 * The key a test or bench database is opened with, found the way the CLI and the
 * bridge find theirs: a key file (here `tanoda.key` beside the database), made
 * with a fresh key for a new database and read back for an existing one.
 */
export function keyBeside(databaseFile: string): DatabaseKey {
  return keyForFile(storeBeside(databaseFile), databaseFile).key;
}

/** The key file beside a test database: it keeps the database key and the database's sync secrets. */
export function storeBeside(databaseFile: string): KeyStore {
  return fileKeyStore(join(dirname(databaseFile), KEY_FILE_NAME));
}

/** The key and key store a host would open `databaseFile` with (what sync needs besides the key). */
export function keysBeside(databaseFile: string): { key: DatabaseKey; secrets: KeyStore } {
  return { key: keyBeside(databaseFile), secrets: storeBeside(databaseFile) };
}
