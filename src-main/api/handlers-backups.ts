/**
 * Handlers of the backups methods (src-shared/api/backups-methods.ts). Listing
 * and choosing the folder run in the router like any method. Taking and
 * restoring a backup cannot run inside a transaction, so the workspace's host
 * (api/host.ts) runs them; reaching these two through the bare router means a
 * caller bypassed the host, which is answered plainly instead of half-done.
 */
import type { backupsMethods } from '../../src-shared/api/backups-methods';
import { AppError } from '../../src-shared/errors';
import { backupsOverview, setBackupsFolder } from '../services/backups';
import type { Handlers } from './router';

const hostOnly = (): never => {
  throw new AppError(
    'CONFLICT',
    'Backups are taken and restored by the workspace host (the app, the bridge or the CLI), not inside a transaction',
  );
};

export const backupsHandlers = {
  'backups.list': (ctx) => backupsOverview(ctx.db),
  'backups.create': hostOnly,
  'backups.restore': hostOnly,
  'backups.setFolder': (ctx, input) => {
    setBackupsFolder(ctx.db, input.folder);
    return backupsOverview(ctx.db);
  },
} satisfies Pick<Handlers, keyof typeof backupsMethods>;
