/**
 * Handlers of the backups methods (src-shared/api/backups-methods.ts). Listing
 * and choosing the folder are ordinary calls. Taking and restoring a backup
 * manage the database file itself, so their specs say `transaction: 'none'`
 * and the router hands them the workspace's files (api/workspace.ts), after
 * exactly the same checks as every other call. The recovery key lives with the
 * workspace's key, not in the database, so it also comes through the files.
 */
import type { backupsMethods } from '../../src-shared/api/backups-methods';
import { backupsOverview, setBackupsFolder } from '../upkeep/backups';
import type { Handlers } from './router';

export const backupsHandlers = {
  'backups.list': (ctx) => backupsOverview(ctx.db),
  'backups.create': (_ctx, _input, files) => files.backup('manual'),
  'backups.restore': (_ctx, input, files) => files.restore(input.id),
  'backups.recoveryKey': (_ctx, _input, files) => Promise.resolve({ recoveryKey: files.recoveryKey() }),
  'backups.recoveryKeySaved': (_ctx, _input, files) => {
    files.recoveryKeySaved();
    return Promise.resolve({ recoveryKey: null });
  },
  'backups.setFolder': (ctx, input) => {
    setBackupsFolder(ctx.db, input.folder);
    return backupsOverview(ctx.db);
  },
} satisfies Pick<Handlers, keyof typeof backupsMethods>;
