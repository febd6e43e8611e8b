/**
 * Calling the router in-process and synchronously, for tests and benchmarks that
 * hold an open workspace and want an answer now (seeding through services,
 * reading back what a screen saved). Hosts never do this: they go through the
 * workspace's `invoke`, which adds the backups and listeners a call needs; the
 * tests of those go through `invoke` too.
 */
import { createAppRouter } from '../../src-main/api/handlers';
import type { Workspace } from '../../src-main/api/workspace';
import type { Actor, ServiceContext } from '../../src-main/core/context';
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
